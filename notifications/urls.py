from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("<int:pk>/read/", views.notification_read, name="read"),
    path("read-all/", views.notifications_read_all, name="read_all"),
    path("settings/", views.preferences, name="preferences"),
    path("settings/<str:token>/", views.preferences_by_link, name="preferences_link"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/renew/", views.calendar_renew, name="calendar_renew"),
    path("calendar/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
