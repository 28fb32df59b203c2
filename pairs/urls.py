app_name = "pairs"
urlpatterns = []
