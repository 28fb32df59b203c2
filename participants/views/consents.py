"""Consent texts (versions), paper consents, withdrawal by the curator, the scan and the PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mentoring_portal.documents import pdf_response, render_pdf
from mentoring_portal.errors import show_error
from mentoring_portal.files import file_response
from mentoring_portal.russian import full_name
from participants import services
from participants.access import require_role
from participants.documents import consent_document_context
from participants.forms import ConsentTextForm, PaperConsentForm, WithdrawForm
from participants.models import Consent, ConsentText, Person
from participants.views.common import CURATORS, PEOPLE_READERS


@require_role(*PEOPLE_READERS)
def consent_text_list(request):
    organisation = request.access.organisation
    services.consent_text_current(organisation=organisation)
    texts = ConsentText.objects.filter(organisation=organisation).select_related("published_by")
    return render(request, "participants/consent_text_list.html", {"texts": texts})


@require_role(*PEOPLE_READERS)
def consent_text_detail(request, pk):
    text = get_object_or_404(ConsentText, pk=pk, organisation=request.access.organisation)
    return render(
        request,
        "participants/consent_text_detail.html",
        {**consent_document_context(None, text), "consent_count": text.consents.count()},
    )


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def consent_text_publish(request):
    organisation = request.access.organisation
    current = services.consent_text_current(organisation=organisation)
    initial = {
        "body": current.body,
        "purposes": current.purposes,
        "data_categories": current.data_categories,
    }
    if request.GET.get("default"):
        initial["body"] = services.default_consent_body(organisation)
    form = ConsentTextForm(request.POST or None, initial=initial)
    if form.is_valid():
        text = services.consent_text_publish(
            organisation=organisation, by=request.user, **form.cleaned_data
        )
        messages.success(request, f"Опубликована редакция {text.version} текста согласия.")
        return redirect("participants:consent_text_detail", pk=text.pk)
    return render(
        request, "participants/consent_text_form.html", {"form": form, "current": current}
    )


@require_role(*CURATORS)
def person_consent_pdf(request, pk):
    """The current consent text as a PDF to print and sign by hand."""
    person = get_object_or_404(Person, pk=pk, organisation=request.access.organisation)
    text = services.consent_text_current(organisation=request.access.organisation)
    context = consent_document_context(person, text)
    pdf = render_pdf("participants/consent/document.html", context, request=request)
    return pdf_response(pdf, f"Согласие {full_name(person, 'genitive')}.pdf")


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def person_consent_upload(request, pk):
    person = get_object_or_404(Person, pk=pk, organisation=request.access.organisation)
    text = services.consent_text_current(organisation=request.access.organisation)
    form = PaperConsentForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        representative = person.legal_representative if person.is_minor() else None
        try:
            services.consent_record_paper(
                person=person,
                text=text,
                scan=form.cleaned_data["scan"],
                signed_on=form.cleaned_data["signed_on"],
                by=request.user,
                given_by_person=representative,
            )
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            messages.success(request, "Согласие на бумаге зарегистрировано, скан сохранён.")
            return redirect("participants:person_detail", pk=person.pk)
    return render(
        request,
        "participants/consent_upload.html",
        {"form": form, "person": person, "text": text},
    )


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk):
    """The curator records a withdrawal from the person's written statement."""
    consent = get_object_or_404(
        Consent.objects.select_related("person"),
        pk=pk,
        person__organisation=request.access.organisation,
    )
    form = WithdrawForm(request.POST or None)
    if form.is_valid():
        try:
            services.consent_withdraw(
                consent=consent,
                by=request.user,
                date=form.cleaned_data["date"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error("date", error)
        else:
            messages.success(
                request, "Отзыв согласия зарегистрирован; участник исключён из банков."
            )
            return redirect("participants:person_detail", pk=consent.person_id)
    return render(request, "participants/consent_withdraw.html", {"form": form, "consent": consent})


@require_role(*PEOPLE_READERS)
def consent_scan(request, pk):
    consent = get_object_or_404(
        Consent.objects.select_related("person"),
        pk=pk,
        person__organisation=request.access.organisation,
    )
    return file_response(
        consent.scan,
        title=f"Согласие на обработку ПДн — {consent.person.short_name}, "
        f"{timezone.localtime(consent.given_at):%d.%m.%Y}",
    )
