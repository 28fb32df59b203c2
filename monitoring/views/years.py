"""The year's monitoring: indicators with charts, targets and manual indicators, approval,
the Excel export for the region and the analytical report (PDF)."""

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentoring_portal.documents import pdf_response, render_pdf
from mentoring_portal.errors import ServiceError, show_error
from mentoring_portal.excel import xlsx_response
from mentoring_portal.templatetags.portal import date_doc
from monitoring import services
from monitoring.exports import monitoring_workbook, workbook_filename
from monitoring.forms import (
    ConclusionsForm,
    ManualIndicatorFormSet,
    TargetsForm,
    YearCreateForm,
)
from monitoring.models import MonitoringYear
from monitoring.report import current_academic_year, year_report
from monitoring.views.common import CURATORS, MONITORING_READERS
from pairs.documents import BLANK_DATE
from participants.access import require_role
from participants.models import MentorAward, Person, Role


def _year(request, pk) -> MonitoringYear:
    return get_object_or_404(
        MonitoringYear.objects.select_related("organisation"),
        pk=pk,
        organisation=request.access.organisation,
    )


@require_role(*MONITORING_READERS)
def year_list(request):
    organisation = request.access.organisation
    years = MonitoringYear.objects.filter(organisation=organisation)
    current = current_academic_year(organisation)
    return render(
        request,
        "monitoring/year_list.html",
        {
            "years": years,
            "form": YearCreateForm(initial={"year": current}),
            "can_edit": request.access.has_role(*CURATORS),
        },
    )


@require_role(*CURATORS)
@require_POST
def year_create(request):
    form = YearCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Укажите учебный год числом, например 2025.")
        return redirect("monitoring:year_list")
    year, created = MonitoringYear.objects.get_or_create(
        organisation=request.access.organisation, year=form.cleaned_data["year"]
    )
    if not created:
        messages.info(request, f"Мониторинг {year.label} учебного года уже есть.")
    return redirect("monitoring:year_detail", pk=year.pk)


def _awards(monitoring_year) -> list:
    """The thanks and awards of the school's mentors dated in the year (мотивация и поощрение
    наставников), as recorded in their portfolios."""
    start, end = monitoring_year.bounds
    return list(
        MentorAward.objects.filter(
            person__organisation=monitoring_year.organisation, awarded_on__range=(start, end)
        )
        .select_related("person")
        .order_by("awarded_on", "pk")
    )


@require_role(*MONITORING_READERS)
def year_detail(request, pk):
    monitoring_year = _year(request, pk)
    report = year_report(monitoring_year)
    return render(
        request,
        "monitoring/year_detail.html",
        {
            "monitoring_year": monitoring_year,
            "report": report,
            "can_edit": request.access.has_role(*CURATORS) and not monitoring_year.is_approved,
            "awards": _awards(monitoring_year),
        },
    )


@require_role(*CURATORS)
def year_edit(request, pk):
    monitoring_year = _year(request, pk)
    if monitoring_year.is_approved:
        messages.error(request, "Отчёт утверждён: его значения и выводы больше не меняются.")
        return redirect("monitoring:year_detail", pk=monitoring_year.pk)
    targets = dict(monitoring_year.targets.values_list("code", "target"))
    post = request.POST or None
    conclusions = ConclusionsForm(post, instance=monitoring_year, prefix="conclusions")
    targets_form = TargetsForm(post, initial=targets, prefix="targets")
    manual = ManualIndicatorFormSet(post, instance=monitoring_year, prefix="manual")
    if request.method == "POST" and all(
        form.is_valid() for form in (conclusions, targets_form, manual)
    ):
        try:
            services.monitoring_year_update(
                monitoring_year=monitoring_year,
                conclusions=conclusions.cleaned_data["conclusions"],
                targets=targets_form.cleaned_data,
                manual_formset=manual,
            )
        except ServiceError as error:
            show_error(request, error)
            return redirect("monitoring:year_detail", pk=monitoring_year.pk)
        messages.success(request, "Сохранено.")
        return redirect("monitoring:year_detail", pk=monitoring_year.pk)
    return render(
        request,
        "monitoring/year_form.html",
        {
            "monitoring_year": monitoring_year,
            "conclusions": conclusions,
            "targets_form": targets_form,
            "manual": manual,
        },
    )


@require_role(*CURATORS)
@require_POST
def year_approve(request, pk):
    monitoring_year = _year(request, pk)
    try:
        services.monitoring_year_approve(monitoring_year=monitoring_year, by=request.user)
    except (ServiceError, IntegrityError):
        messages.error(request, "Отчёт уже утверждён.")
    else:
        messages.success(
            request,
            "Отчёт утверждён: значения показателей зафиксированы и больше не изменятся.",
        )
    return redirect("monitoring:year_detail", pk=monitoring_year.pk)


@require_role(*MONITORING_READERS)
def year_export(request, pk):
    monitoring_year = _year(request, pk)
    return xlsx_response(monitoring_workbook(monitoring_year), workbook_filename(monitoring_year))


def year_report_document(monitoring_year) -> bytes:
    """The analytical report (аналитическая справка) of the year as PDF: an approved one dated
    and numbered at its approval, a draft «ПРОЕКТ» with a blank date and «№ ____»."""
    approved = monitoring_year.is_approved and monitoring_year.approved_at is not None
    return render_pdf(
        "monitoring/report_pdf.html",
        {
            "draft": not approved,
            "date_text": date_doc(timezone.localdate(monitoring_year.approved_at))
            if approved
            else BLANK_DATE,
            "monitoring_year": monitoring_year,
            "report": year_report(monitoring_year),
            "organisation": monitoring_year.organisation,
            "awards": _awards(monitoring_year),
            "approver_signature": signature_name(
                monitoring_year.approver_name if approved else _curator_name(monitoring_year)
            ),
        },
    )


def _curator_name(monitoring_year) -> str:
    """Who will sign a draft: the school's curator of the programme («Кравцова Е. А.»), the
    signature line's own post; blank if the school has none yet."""
    organisation = monitoring_year.organisation
    curator = (
        Person.objects.filter(
            organisation=organisation,
            user__is_active=True,
            user__memberships__organisation=organisation,
            user__memberships__role=Role.CURATOR,
        )
        .order_by("last_name", "pk")
        .first()
    )
    return curator.short_name if curator else ""


def signature_name(name: str) -> str:
    """«Кравцова Е. А.» (as stored) → «Е. А. Кравцова»: a signature puts the initials first."""
    parts = name.split()
    if len(parts) >= 2 and all(part.endswith(".") for part in parts[1:]):
        return "\u00a0".join([*parts[1:], parts[0]])
    return name


@require_role(*MONITORING_READERS)
def year_report_pdf(request, pk):
    monitoring_year = _year(request, pk)
    pdf = year_report_document(monitoring_year)
    return pdf_response(
        pdf, f"analiticheskaya-spravka-{monitoring_year.year}-{monitoring_year.year + 1}.pdf"
    )
