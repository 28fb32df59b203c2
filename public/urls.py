from django.urls import path

from public.views import manage, pages

app_name = "public"
urlpatterns = [
    # Open to everyone: no login, no cookie, cached.
    path("s/", pages.index, name="index"),
    path("s/<str:slug>/", pages.section, name="section"),
    path("s/<str:slug>/regulation/<int:pk>/", pages.regulation, name="regulation"),
    path("s/<str:slug>/regulation/<int:pk>.pdf", pages.regulation_pdf, name="regulation_pdf"),
    path("s/<str:slug>/roadmap/<int:pk>/", pages.roadmap, name="roadmap"),
    path("s/<str:slug>/roadmap/<int:pk>.pdf", pages.roadmap_pdf, name="roadmap_pdf"),
    path("s/<str:slug>/orders/<int:pk>.pdf", pages.order_pdf, name="order_pdf"),
    path("s/<str:slug>/news/<int:pk>/", pages.post, name="post"),
    path("s/<str:slug>/news/<int:pk>/photo", pages.post_photo, name="post_photo"),
    path("s/<str:slug>/forms/<str:name>.pdf", pages.blank, name="form"),
    # The curator.
    path("public/", manage.manage, name="manage"),
    path("public/settings/", manage.settings, name="settings"),
    path("public/switch/<str:name>/<str:state>/", manage.switch, name="switch"),
    path("public/preview/<str:kind>/<int:pk>/", manage.preview, name="preview"),
    path("public/preview/<str:kind>/<int:pk>.pdf", manage.preview_pdf, name="preview_pdf"),
    path("public/publish/<str:kind>/<int:pk>/", manage.publish, name="publish"),
    path("public/publications/<int:pk>/withdraw/", manage.withdraw, name="withdraw"),
    path("public/posts/new/", manage.post_form, name="post_create"),
    path("public/posts/<int:pk>/", manage.post_preview, name="post_preview"),
    path("public/posts/<int:pk>/edit/", manage.post_form, name="post_edit"),
    path("public/posts/<int:pk>/photo", manage.post_photo, name="post_photo_private"),
    path("public/posts/<int:pk>/publish/", manage.post_publish, name="post_publish"),
    path("public/posts/<int:pk>/withdraw/", manage.post_withdraw, name="post_withdraw"),
    path("public/posts/<int:pk>/delete/", manage.post_delete, name="post_delete"),
    path("public/package.zip", manage.package, name="package"),
]
