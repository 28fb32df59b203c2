"""A participant's own documents: consent, request for a mentor, mentor questionnaire.

Everything here is the user's own: their Person in the current organisation (or a minor they
legally represent, for the consent). Nobody reaches another person's request or
questionnaire through these pages.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mentoring_portal.errors import show_error
from participants import services
from participants.access import require_role
from participants.documents import consent_document_context
from participants.forms import MenteeRequestForm, MentorProfileForm, OnlineConsentForm, WithdrawForm
from participants.models import MenteeRequest, MentorProfile, Person
from participants.views.common import OWN_DOCUMENT_ROLES, client_ip


def _own_person(request) -> Person:
    person = request.access.person
    if person is None:
        raise Http404("У вас нет карточки участника в этой организации.")
    return person


def _open_application(model, person):
    return (
        model.objects.filter(person=person, status__in=model.OPEN_STATUSES)
        .order_by("-created_at")
        .first()
    )


def _last_application(model, person):
    return model.objects.filter(person=person).order_by("-created_at").first()


def own_documents_summary(person: Person) -> dict:
    """What the participant has and still has to do (the «Мои документы» page and panel)."""
    consent = person.valid_consent()
    withdrawn = None if consent else person.consents.withdrawn().order_by("-withdrawn_on").first()
    # The open application, or else the last closed one (finished, excluded) to show its status.
    request = _open_application(MenteeRequest, person) or _last_application(MenteeRequest, person)
    profile = _open_application(MentorProfile, person) or _last_application(MentorProfile, person)
    todo = []
    if consent is None:
        todo.append("Дайте согласие на обработку персональных данных.")
    for application, label, returned in (
        (request, "Запрос наставляемого", "возвращён"),
        (profile, "Анкета наставника", "возвращена"),
    ):
        if application is None:
            continue
        if application.status == application.Status.DRAFT:
            todo.append(f"{label}: черновик не подан.")
        elif application.status == application.Status.RETURNED:
            todo.append(f"{label}: {returned} куратором — исправьте и подайте снова.")
    return {
        "person": person,
        "consent": consent,
        "withdrawn": withdrawn,
        "request": request,
        "profile": profile,
        "todo": todo,
    }


@require_role(*OWN_DOCUMENT_ROLES)
def my_documents(request):
    person = request.access.person
    context = {"person": person}
    if person is not None:
        context.update(own_documents_summary(person))
        context["publication"] = person.publication_consents.valid().first()
        context["represented"] = [
            (minor, minor.valid_consent(), minor.publication_consents.valid().first())
            for minor in person.represented.filter(anonymised_at__isnull=True)
        ]
    return render(request, "participants/my_documents.html", context)


def _consent_subject(request, me: Person) -> Person:
    """The user themself, or (``?for=<pk>``) a minor whose legal representative the user is."""
    subject_pk = request.GET.get("for")
    if not subject_pk:
        return me
    if not subject_pk.isdigit():
        raise Http404
    return get_object_or_404(
        Person,
        pk=subject_pk,
        organisation=request.access.organisation,
        legal_representative=me,
    )


@require_role(*OWN_DOCUMENT_ROLES)
@require_http_methods(["GET", "POST"])
def my_consent(request):
    """Give consent online: for oneself, or as the legal representative of a minor."""
    me = _own_person(request)
    person = _consent_subject(request, me)
    if person.has_valid_consent():
        messages.info(request, "Согласие уже дано.")
        return redirect("participants:my_documents")
    if person == me and me.is_minor():
        messages.error(
            request,
            "За несовершеннолетнего согласие даёт законный представитель: "
            "он может сделать это на портале или подписать согласие на бумаге у куратора.",
        )
        return redirect("participants:my_documents")
    text = services.consent_text_current(organisation=request.access.organisation)
    form = OnlineConsentForm(request.POST or None, expected_name=me.full_name, signer=me)
    if form.is_valid():
        try:
            services.consent_give_online(
                person=person,
                text=text,
                typed_name=form.cleaned_data["typed_name"],
                user=request.user,
                ip_address=client_ip(request),
                given_by_person=me if person != me else None,
            )
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            messages.success(request, "Спасибо! Согласие на обработку персональных данных дано.")
            return redirect("participants:my_documents")
    context = consent_document_context(person, text)
    context.update(form=form, me=me)
    return render(request, "participants/my_consent.html", context)


@require_role(*OWN_DOCUMENT_ROLES)
@require_http_methods(["GET", "POST"])
def my_consent_withdraw(request):
    """Withdraw one's own consent (or a represented minor's)."""
    me = _own_person(request)
    person = _consent_subject(request, me)
    consent = person.valid_consent()
    if consent is None:
        messages.info(request, "Действующего согласия нет.")
        return redirect("participants:my_documents")
    form = WithdrawForm(request.POST or None, initial={"date": timezone.localdate()})
    if form.is_valid():
        try:
            services.consent_withdraw(
                consent=consent,
                by=request.user,
                date=form.cleaned_data["date"],
                reason=form.cleaned_data["reason"] or "Отозвано участником на портале.",
            )
        except ValidationError as error:
            form.add_error("date", error)
        else:
            messages.success(
                request,
                "Согласие отозвано. Исключение из банков наставников и наставляемых выполнено; "
                "через 30 дней данные будут обезличены.",
            )
            return redirect("participants:my_documents")
    return render(
        request,
        "participants/consent_withdraw.html",
        {"form": form, "consent": consent, "own": True},
    )


# How long the curator takes to review a submitted request or questionnaire, as the portal
# promises it to the author (the curator sees the submitted ones first in the bank).
REVIEW_DAYS = 7


def _next_step(model) -> str:
    """What happens after «Подать»: who reviews it, by when, and what comes next."""
    by = (timezone.localdate() + timedelta(days=REVIEW_DAYS)).strftime("%d.%m.%Y")
    if model is MenteeRequest:
        return (
            f"Запрос подан куратору. Куратор рассмотрит его до {by}: примет в банк "
            "наставляемых или вернёт с комментарием — придёт уведомление. После этого куратор "
            "подберёт вам наставника и сформирует пару."
        )
    return (
        f"Анкета подана куратору. Куратор рассмотрит её до {by}: включит вас в банк "
        "наставников или вернёт с комментарием — придёт уведомление."
    )


def _edit_own_application(request, *, model, form_class, template, submitting: bool):
    person = _own_person(request)
    instance = _open_application(model, person)
    if instance is not None and not instance.is_editable:
        if request.method == "POST":
            messages.error(request, "Документ уже подан: изменить его нельзя.")
            return redirect(request.resolver_match.view_name.removesuffix("_submit"))
        return render(request, template, {"instance": instance, "person": person})
    form = form_class(
        request.POST if request.method == "POST" else None,
        instance=instance,
        submitting=submitting,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bank_application_save(model_form=form, person=person, submit=submitting)
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            messages.success(request, _next_step(model) if submitting else "Черновик сохранён.")
            return redirect(request.resolver_match.view_name.removesuffix("_submit"))
    return render(request, template, {"form": form, "instance": instance, "person": person})


@require_role(*OWN_DOCUMENT_ROLES)
@require_http_methods(["GET", "POST"])
def my_request(request):
    """The request for a mentor: saving keeps a draft."""
    return _edit_own_application(
        request,
        model=MenteeRequest,
        form_class=MenteeRequestForm,
        template="participants/my_request.html",
        submitting=False,
    )


@require_role(*OWN_DOCUMENT_ROLES)
@require_POST
def my_request_submit(request):
    return _edit_own_application(
        request,
        model=MenteeRequest,
        form_class=MenteeRequestForm,
        template="participants/my_request.html",
        submitting=True,
    )


@require_role(*OWN_DOCUMENT_ROLES)
@require_http_methods(["GET", "POST"])
def my_questionnaire(request):
    """The questionnaire of a potential mentor: saving keeps a draft."""
    return _edit_own_application(
        request,
        model=MentorProfile,
        form_class=MentorProfileForm,
        template="participants/my_questionnaire.html",
        submitting=False,
    )


@require_role(*OWN_DOCUMENT_ROLES)
@require_POST
def my_questionnaire_submit(request):
    return _edit_own_application(
        request,
        model=MentorProfile,
        form_class=MentorProfileForm,
        template="participants/my_questionnaire.html",
        submitting=True,
    )
