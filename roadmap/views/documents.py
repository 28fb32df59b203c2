"""The roadmap as PDF and Excel."""

from django.views.decorators.http import require_GET

from mentoring_portal.documents import pdf_response
from mentoring_portal.excel import xlsx_response
from participants.access import require_role
from roadmap.documents import roadmap_pdf, roadmap_workbook
from roadmap.permissions import get_roadmap


def _filename(roadmap, extension: str) -> str:
    return f"Дорожная карта {roadmap.period_label} ред. {roadmap.revision}.{extension}"


@require_GET
@require_role()
def roadmap_pdf_view(request, pk):
    roadmap = get_roadmap(request, pk)
    return pdf_response(roadmap_pdf(roadmap), _filename(roadmap, "pdf"))


@require_GET
@require_role()
def roadmap_xlsx_view(request, pk):
    roadmap = get_roadmap(request, pk)
    return xlsx_response(roadmap_workbook(roadmap), _filename(roadmap, "xlsx"))
