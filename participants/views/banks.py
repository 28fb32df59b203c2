"""The banks of mentees and mentors: lists, exports, the curator's review of applications."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mentoring_portal.errors import attempt, show_error
from mentoring_portal.excel import print_ready, xlsx_response
from mentoring_portal.paging import paginate, query_without_page
from participants import exports, services
from participants.access import require_role
from participants.filters import MenteeBankFilter, MentorBankFilter
from participants.forms import ReturnForm, TrainingForm
from participants.models import MenteeRequest, MentorProfile, MentorTraining
from participants.views.common import BANK_READERS, CURATORS


def mentee_bank_queryset(organisation):
    """The mentee bank as lists and exports show it (never a person whose consent is withdrawn)."""
    return (
        MenteeRequest.objects.filter(person__organisation=organisation)
        .listed(organisation=organisation)
        .with_consent_state(organisation=organisation)
        .select_related("person")
        .prefetch_related("difficulties")
    )


def mentor_bank_queryset(organisation):
    return (
        MentorProfile.objects.filter(person__organisation=organisation)
        .listed(organisation=organisation)
        .with_consent_state(organisation=organisation)
        .select_related("person")
        .prefetch_related(
            "competencies", Prefetch("trainings", queryset=MentorTraining.objects.order_by())
        )
    )


def _bank_page(request, filter_class, queryset, template: str):
    bank_filter = filter_class(request.GET, queryset=queryset)
    return render(
        request,
        template,
        {
            "filter": bank_filter,
            "page": paginate(request, bank_filter.qs),
            "query": query_without_page(request),
            "can_review": request.access.has_role(*CURATORS),
        },
    )


def _bank_export(request, filter_class, queryset, workbook, title: str):
    """The bank as the list shows it (same filters), as an Excel file dated today."""
    rows = filter_class(request.GET, queryset=queryset).qs
    today = f"{timezone.localdate():%d.%m.%Y}"
    book = print_ready(
        workbook(rows),
        title=title,
        organisation=request.access.organisation.short_name,
        period=f"на {today}",
    )
    return xlsx_response(book, f"{title} {today}.xlsx")


@require_role(*BANK_READERS)
def mentee_bank(request):
    queryset = mentee_bank_queryset(request.access.organisation)
    return _bank_page(request, MenteeBankFilter, queryset, "participants/mentee_bank.html")


@require_role(*BANK_READERS)
def mentee_bank_export(request):
    queryset = mentee_bank_queryset(request.access.organisation)
    return _bank_export(
        request, MenteeBankFilter, queryset, exports.mentee_bank_workbook, "Банк наставляемых"
    )


@require_role(*BANK_READERS)
def mentor_bank(request):
    queryset = mentor_bank_queryset(request.access.organisation)
    return _bank_page(request, MentorBankFilter, queryset, "participants/mentor_bank.html")


@require_role(*BANK_READERS)
def mentor_bank_export(request):
    queryset = mentor_bank_queryset(request.access.organisation)
    return _bank_export(
        request, MentorBankFilter, queryset, exports.mentor_bank_workbook, "Банк наставников"
    )


def _request(request, pk):
    return get_object_or_404(
        MenteeRequest.objects.select_related("person", "reviewed_by"),
        pk=pk,
        person__organisation=request.access.organisation,
    )


def _profile(request, pk):
    return get_object_or_404(
        MentorProfile.objects.select_related("person", "reviewed_by"),
        pk=pk,
        person__organisation=request.access.organisation,
    )


@dataclass(frozen=True)
class _Review:
    """What differs between the curator's review of a request and of a questionnaire; the
    detail, accept and return views are the same for both."""

    get: Callable
    template: str
    detail_url: str
    accept: Callable  # the service: accept(item, by)
    accepted: str  # the success message, with {name}
    returned: str
    more_context: Callable = lambda item: {}


REQUEST_REVIEW = _Review(
    get=_request,
    template="participants/request_detail.html",
    detail_url="participants:request_detail",
    accept=lambda item, by: services.mentee_request_accept(request=item, by=by),
    accepted="{name} — в банке наставляемых.",
    returned="Запрос возвращён автору с комментарием.",
)
PROFILE_REVIEW = _Review(
    get=_profile,
    template="participants/profile_detail.html",
    detail_url="participants:profile_detail",
    accept=lambda item, by: services.mentor_profile_accept(profile=item, by=by),
    accepted="{name} — в банке наставников.",
    returned="Анкета возвращена автору с комментарием.",
    more_context=lambda item: {"trainings": item.trainings.all()},
)


def _review_page(request, review: _Review, item, return_form, status: int = 200):
    context = {
        "item": item,
        "return_form": return_form,
        "has_valid_consent": item.person.has_valid_consent(),
        **review.more_context(item),
    }
    return render(request, review.template, context, status=status)


def _accept(request, review: _Review, pk):
    item = review.get(request, pk)
    attempt(
        request,
        lambda: review.accept(item, request.user),
        review.accepted.format(name=item.person.full_name),
    )
    return redirect(review.detail_url, pk=item.pk)


def _return(request, review: _Review, pk):
    item = review.get(request, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.bank_application_return(
                application=item, by=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            show_error(request, error)
        else:
            messages.success(request, review.returned)
            return redirect(review.detail_url, pk=item.pk)
    return _review_page(request, review, item, form, status=200 if form.is_valid() else 400)


@require_role(*BANK_READERS)
def request_detail(request, pk):
    return _review_page(request, REQUEST_REVIEW, _request(request, pk), ReturnForm())


@require_role(*CURATORS)
@require_POST
def request_accept(request, pk):
    return _accept(request, REQUEST_REVIEW, pk)


@require_role(*CURATORS)
@require_POST
def request_return(request, pk):
    return _return(request, REQUEST_REVIEW, pk)


@require_role(*BANK_READERS)
def profile_detail(request, pk):
    return _review_page(request, PROFILE_REVIEW, _profile(request, pk), ReturnForm())


@require_role(*CURATORS)
@require_POST
def profile_accept(request, pk):
    return _accept(request, PROFILE_REVIEW, pk)


@require_role(*CURATORS)
@require_POST
def profile_return(request, pk):
    return _return(request, PROFILE_REVIEW, pk)


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def profile_training(request, pk):
    profile = _profile(request, pk)
    form = TrainingForm(request.POST or None)
    if form.is_valid():
        services.mentor_training_record(profile=profile, by=request.user, **form.cleaned_data)
        messages.success(request, "Обучение наставника записано.")
        return redirect("participants:profile_detail", pk=profile.pk)
    return render(request, "participants/training_form.html", {"form": form, "profile": profile})
