"""The Положение о наставничестве: the revision in force and the draft, editing, the history of
revisions and edits, the PDF (an approved revision's stored bytes, a draft rendered «ПРОЕКТ»)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentoring_portal.documents import pdf_response
from mentoring_portal.errors import show_error
from mentoring_portal.versioning import StaleEditError
from pairs.documents import regulation_pdf
from pairs.forms import RegulationForm
from pairs.models import Order, OrderKind, Regulation
from pairs.services.regulations import (
    regulation_check_editable,
    regulation_draft,
    regulation_filename,
    regulation_on_signature,
    regulation_update,
)
from pairs.views.common import MANAGERS, READERS, deny
from participants.access import require_role


def get_regulation(request, pk) -> Regulation:
    """A revision of the current school (404 otherwise); a draft only for those who prepare and
    approve it (403 for the others)."""
    regulation = get_object_or_404(
        Regulation.objects.defer("pdf"), pk=pk, organisation=request.access.organisation
    )
    if regulation.status == Regulation.Status.DRAFT and not request.access.has_role(*READERS):
        deny(request, "a draft of the regulation")
    return regulation


def _approval_orders(revisions) -> dict:
    orders = (
        Order.objects.filter(regulation__in=revisions, kind=OrderKind.REGULATION)
        .defer("pdf", "preamble", "points")
        .order_by("created_at")
    )
    by_revision = {}
    for order in orders:
        by_revision.setdefault(order.regulation_id, []).append(order)
    return by_revision


@require_GET
@require_role()
def regulation_home(request):
    organisation = request.access.organisation
    revisions = list(Regulation.objects.filter(organisation=organisation).defer("pdf", "text"))
    reader = request.access.has_role(*READERS)
    if not reader:
        revisions = [r for r in revisions if r.status != Regulation.Status.DRAFT]
    orders = _approval_orders(revisions)
    for revision in revisions:
        revision.approving_orders = orders.get(revision.pk, [])
    in_force = Regulation.objects.in_force(organisation)
    draft = next((r for r in revisions if r.status == Regulation.Status.DRAFT), None)
    return render(
        request,
        "pairs/regulation_home.html",
        {
            "in_force": in_force,
            "blocks": in_force.blocks() if in_force else [],
            "draft": draft,
            "revisions": revisions,
            "can_manage": request.access.has_role(*MANAGERS),
            "on_signature": regulation_on_signature(draft) if draft else None,
            "tab": "regulation",
        },
    )


@require_POST
@require_role(*MANAGERS)
def regulation_new(request):
    """The draft revision: the standard text before the first approval, else a copy of the
    revision in force (an existing draft is opened as it is)."""
    draft = regulation_draft(organisation=request.access.organisation, by=request.user)
    return redirect("pairs:regulation_edit", pk=draft.pk)


@require_http_methods(["GET", "POST"])
@require_role(*MANAGERS)
def regulation_edit(request, pk):
    regulation = get_regulation(request, pk)
    try:
        regulation_check_editable(regulation)
    except ValidationError as error:
        show_error(request, error)
        return redirect("pairs:regulation_version", pk=regulation.pk)
    form = RegulationForm(request.POST or None, instance=regulation)
    if request.method == "POST" and form.is_valid():
        try:
            regulation_update(
                regulation=regulation,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                version=form.loaded_version,
            )
        except StaleEditError as error:
            form.show_stale(error)
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            messages.success(request, "Проект Положения сохранён.")
            return redirect("pairs:regulation_version", pk=regulation.pk)
    return render(
        request,
        "pairs/regulation_form.html",
        {"form": form, "regulation": regulation, "tab": "regulation"},
    )


@require_GET
@require_role()
def regulation_version(request, pk):
    """One revision as text, with who changed it and when."""
    regulation = get_regulation(request, pk)
    edits = regulation.history.select_related("history_user").order_by("-history_date")[:50]
    return render(
        request,
        "pairs/regulation_version.html",
        {
            "regulation": regulation,
            "blocks": regulation.blocks(),
            "edits": edits,
            "orders": _approval_orders([regulation]).get(regulation.pk, []),
            "can_manage": request.access.has_role(*MANAGERS),
            "tab": "regulation",
        },
    )


@require_GET
@require_role()
def regulation_download(request, pk):
    """An approved (or superseded) revision: exactly the bytes stored at approval, checked
    against their SHA-256; a draft: rendered now, «ПРОЕКТ» on every page."""
    regulation = get_regulation(request, pk)
    regulation = Regulation.objects.get(pk=regulation.pk)
    if regulation.status == Regulation.Status.DRAFT:
        return pdf_response(regulation_pdf(regulation), f"proekt-{regulation_filename(regulation)}")
    if not regulation.pdf_is_intact():
        raise RuntimeError(f"PDF Положения {regulation.pk} не совпадает с сохранённым SHA-256")
    response = pdf_response(regulation.pdf_bytes(), regulation_filename(regulation))
    response["X-Content-SHA256"] = regulation.pdf_sha256
    # The stored bytes never change: a client that has them gets a 304 (ConditionalGetMiddleware).
    response["ETag"] = f'"{regulation.pdf_sha256}"'
    return response
