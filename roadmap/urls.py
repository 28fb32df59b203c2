from django.urls import path, re_path

from roadmap.views import documents, editing, importing, roadmaps, tracking

app_name = "roadmap"
urlpatterns = [
    path("", roadmaps.roadmap_list, name="list"),
    path("new/", roadmaps.roadmap_create, name="create"),
    path("import/", importing.import_upload, name="import"),
    path("import/<str:token>/", importing.import_preview, name="import_preview"),
    path("import/<str:token>/confirm/", importing.import_confirm, name="import_confirm"),
    path("my/", roadmaps.my_activities, name="my"),
    path("<int:pk>/", roadmaps.roadmap_detail, name="detail"),
    path("<int:pk>/edit/", roadmaps.roadmap_edit, name="edit"),
    path("<int:pk>/submit/", roadmaps.roadmap_submit, name="submit"),
    path("<int:pk>/approve/", roadmaps.roadmap_approve, name="approve"),
    path("<int:pk>/return/", roadmaps.roadmap_return, name="return"),
    path("<int:pk>/revision/", roadmaps.roadmap_new_revision, name="new_revision"),
    path("<int:pk>/calendar/", roadmaps.roadmap_calendar, name="calendar"),
    path("<int:pk>/history/", roadmaps.roadmap_history, name="history"),
    path("<int:pk>/pdf/", documents.roadmap_pdf_view, name="pdf"),
    path("<int:pk>/xlsx/", documents.roadmap_xlsx_view, name="xlsx"),
    path("<int:pk>/stages/add/", editing.stage_add, name="stage_add"),
    path("stage/<int:pk>/edit/", editing.stage_edit, name="stage_edit"),
    re_path(
        r"^stage/(?P<pk>\d+)/move/(?P<direction>up|down)/$",
        editing.stage_move,
        name="stage_move",
    ),
    path("stage/<int:pk>/delete/", editing.stage_delete, name="stage_delete"),
    path("stage/<int:pk>/activities/add/", editing.activity_add, name="activity_add"),
    path("activity/<int:pk>/", tracking.activity_detail, name="activity_detail"),
    path("activity/<int:pk>/edit/", editing.activity_edit, name="activity_edit"),
    re_path(
        r"^activity/(?P<pk>\d+)/move/(?P<direction>up|down)/$",
        editing.activity_move,
        name="activity_move",
    ),
    path("activity/<int:pk>/delete/", editing.activity_delete, name="activity_delete"),
    path("activity/<int:pk>/start/", tracking.activity_start, name="activity_start"),
    path("activity/<int:pk>/report/", tracking.activity_report, name="activity_report"),
    path("activity/<int:pk>/evidence/", tracking.evidence_add, name="evidence_add"),
    path("activity/<int:pk>/accept/", tracking.activity_accept, name="activity_accept"),
    path("activity/<int:pk>/return/", tracking.activity_return, name="activity_return"),
    path("activity/<int:pk>/cancel/", tracking.activity_cancel, name="activity_cancel"),
    path("activity/<int:pk>/comment/", tracking.activity_comment, name="activity_comment"),
    path("evidence/<int:pk>/", tracking.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", tracking.evidence_delete, name="evidence_delete"),
]
