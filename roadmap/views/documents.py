"""The roadmap as PDF and Excel."""

from django.utils import timezone
from django.views.decorators.http import require_GET

from mentoring_portal.documents import pdf_response
from mentoring_portal.excel import xlsx_response
from participants.access import require_role
from roadmap.documents import roadmap_pdf, roadmap_workbook
from roadmap.filters import filter_roadmap_activities
from roadmap.permissions import get_roadmap


def _filename(roadmap, extension: str, *, selection=False) -> str:
    suffix = " (выборка)" if selection else ""
    return f"Дорожная карта {roadmap.period_label} ред. {roadmap.revision}{suffix}.{extension}"


@require_GET
@require_role()
def roadmap_pdf_view(request, pk):
    roadmap = get_roadmap(request, pk)
    return pdf_response(roadmap_pdf(roadmap), _filename(roadmap, "pdf"))


@require_GET
@require_role()
def roadmap_progress_pdf_view(request, pk):
    """The progress report: the roadmap with each activity's mark, «по состоянию на» today."""
    roadmap = get_roadmap(request, pk)
    today = timezone.localdate()
    return pdf_response(
        roadmap_pdf(roadmap, progress_on=today),
        f"Ход выполнения дорожной карты на {today:%d.%m.%Y}.pdf",
    )


@require_GET
@require_role()
def roadmap_xlsx_view(request, pk):
    """The table as on the page: the roadmap page's filters (its query string) apply here too."""
    roadmap = get_roadmap(request, pk)
    _, activity_ids = filter_roadmap_activities(request.GET, roadmap)
    selection = activity_ids is not None
    return xlsx_response(
        roadmap_workbook(roadmap, activity_ids=activity_ids),
        _filename(roadmap, "xlsx", selection=selection),
    )
