"""The roadmap as PDF and Excel."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from mentoring_portal.documents import pdf_response
from mentoring_portal.excel import xlsx_response
from mentoring_portal.files import stored_etag
from participants.access import require_role
from roadmap.documents import roadmap_pdf, roadmap_workbook
from roadmap.filters import filter_roadmap_activities
from roadmap.models import Roadmap
from roadmap.permissions import get_roadmap
from roadmap.stored_pdf import approved_pdf_read, approved_pdf_request

# How often the «Документ готовится…» page asks again (the render takes about a second).
PENDING_REFRESH_SECONDS = 3


def _filename(roadmap, extension: str, *, selection=False) -> str:
    suffix = " (выборка)" if selection else ""
    return f"Дорожная карта {roadmap.period_label} ред. {roadmap.revision}{suffix}.{extension}"


@require_GET
@require_role()
def roadmap_pdf_view(request, pk):
    """An approved revision: the file stored at its approval (served with its ETag, a 304 for a
    client that has it), or «Документ готовится…» while the task renders it, which asks again by
    itself and then offers the file. Any other revision (a draft, an archived or closed one) is
    rendered as it is now."""
    roadmap = get_roadmap(request, pk)
    filename = _filename(roadmap, "pdf")
    if roadmap.status != Roadmap.Status.APPROVED:
        return pdf_response(roadmap_pdf(roadmap), filename)
    # The waiting page asks again with ?wait: once ready it offers the file by a button (a phone
    # downloads a PDF instead of showing it, and the page's refresh would download it again).
    waiting = "wait" in request.GET
    pdf = None if waiting else approved_pdf_read(roadmap)
    if pdf is None and not roadmap.approved_pdf:
        # Approved before the file was kept, or its task was lost: ask again (the immediate
        # backend stores it right here; the worker does it in a moment).
        approved_pdf_request(roadmap_id=roadmap.pk)
        roadmap.refresh_from_db(fields=["approved_pdf", "approved_pdf_requested_at"])
        pdf = None if waiting else approved_pdf_read(roadmap)
    if pdf is not None:
        response = pdf_response(pdf, filename)
        response["X-Content-Type-Options"] = "nosniff"
        response["ETag"] = stored_etag(roadmap.approved_pdf.name)
        return response
    ready = bool(roadmap.approved_pdf)
    return render(
        request,
        "roadmap/roadmap_pdf_pending.html",
        {"roadmap": roadmap, "ready": ready, "refresh_seconds": PENDING_REFRESH_SECONDS},
        status=200 if ready else 202,
    )


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
