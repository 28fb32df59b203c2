from django.urls import path

from participants import views

app_name = "participants"
urlpatterns = [
    path("organisation/switch/", views.switch_organisation, name="switch_organisation"),
]
