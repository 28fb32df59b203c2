from django.contrib import admin
from django.urls import include, path

from mentoring_portal import views

admin.site.site_header = "Наставничество: администрирование"
admin.site.site_title = "Наставничество"
admin.site.index_title = "Администрирование портала"

urlpatterns = [
    path("", views.home, name="home"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon, name="favicon"),
    # For load balancers and monitors: the database answers (200) or not (503).
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("participants.urls")),
    path("roadmap/", include("roadmap.urls")),
    path("pairs/", include("pairs.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("notifications/", include("notifications.urls")),
    path("year/", include("school_year.urls")),
    # The schools' public sections (/s/…, no login) and the curator's side of them (/public/).
    path("", include("public.urls")),
    path("admin/", admin.site.urls),
]
# MEDIA_ROOT is never served, not even in development: every uploaded file goes out through an
# access-checked view (mentoring_portal.files.file_response).
