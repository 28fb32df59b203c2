"""The consent to distribution (ст. 10.1 152-ФЗ): printed to sign, registered from paper, given
online by the person (or a minor's representative), withdrawn apart from the consent to
processing, and its scan."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mentoring_portal.documents import pdf_response, render_pdf
from mentoring_portal.errors import ServiceError, show_error
from mentoring_portal.files import file_response
from participants import services
from participants.access import require_role
from participants.documents import publication_document_context
from participants.forms import OnlinePublicationForm, PaperPublicationForm, WithdrawForm
from participants.models import Person, PublicationConsent
from participants.views.common import CURATORS, OWN_DOCUMENT_ROLES, PEOPLE_READERS, client_ip
from participants.views.my import _consent_subject, _own_person

DOCUMENT = "participants/consent/publication_document.html"


def _representative(person: Person) -> Person | None:
    return person.legal_representative if person.is_minor() else None


@require_role(*CURATORS)
def person_publication_pdf(request, pk):
    """The consent to distribution as a PDF to print and sign by hand."""
    person = get_object_or_404(Person, pk=pk, organisation=request.access.organisation)
    context = publication_document_context(person, request.access.organisation)
    pdf = render_pdf(DOCUMENT, context, request=request)
    return pdf_response(pdf, f"Согласие на распространение {person.short_name}.pdf")


@require_role(*PEOPLE_READERS)
def publication_pdf(request, pk):
    """A consent to distribution as it was given (the online one has no paper of its own)."""
    publication = get_object_or_404(
        PublicationConsent.objects.select_related("person", "given_by_person"),
        pk=pk,
        person__organisation=request.access.organisation,
    )
    context = publication_document_context(
        publication.person, request.access.organisation, publication
    )
    pdf = render_pdf(DOCUMENT, context, request=request)
    given = timezone.localtime(publication.given_at)
    return pdf_response(
        pdf, f"Согласие на распространение {publication.person.short_name} {given:%d.%m.%Y}.pdf"
    )


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def person_publication_upload(request, pk):
    person = get_object_or_404(Person, pk=pk, organisation=request.access.organisation)
    form = PaperPublicationForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        try:
            services.publication_record_paper(
                person=person,
                scan=form.cleaned_data["scan"],
                signed_on=form.cleaned_data["signed_on"],
                photo=form.cleaned_data["photo"],
                conditions=form.cleaned_data["conditions"],
                by=request.user,
                given_by_person=_representative(person),
            )
        except ServiceError as error:
            show_error(request, error, form=form)
        else:
            messages.success(
                request, "Согласие на распространение зарегистрировано, скан сохранён."
            )
            return redirect("participants:person_detail", pk=person.pk)
    return render(request, "participants/publication_upload.html", {"form": form, "person": person})


def _withdraw(request, publication, *, own: bool):
    form = WithdrawForm(request.POST or None, initial={"date": timezone.localdate()})
    if form.is_valid():
        try:
            services.publication_withdraw(
                publication=publication,
                by=request.user,
                date=form.cleaned_data["date"],
                reason=form.cleaned_data["reason"]
                or ("Отозвано участником на портале." if own else ""),
            )
        except ServiceError as error:
            form.add_error("date", error)
        else:
            messages.success(
                request,
                "Согласие на распространение отозвано: раздел «Наставничество» больше не "
                "называет участника. Согласие на обработку персональных данных действует.",
            )
            if own:
                return redirect("participants:my_documents")
            return redirect("participants:person_detail", pk=publication.person_id)
    return render(
        request,
        "participants/publication_withdraw.html",
        {"form": form, "publication": publication, "own": own},
    )


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def publication_withdraw(request, pk):
    """The curator records a withdrawal from the person's written demand."""
    publication = get_object_or_404(
        PublicationConsent.objects.select_related("person"),
        pk=pk,
        person__organisation=request.access.organisation,
    )
    return _withdraw(request, publication, own=False)


@require_role(*PEOPLE_READERS)
def publication_scan(request, pk):
    publication = get_object_or_404(
        PublicationConsent.objects.select_related("person"),
        pk=pk,
        person__organisation=request.access.organisation,
    )
    return file_response(
        publication.scan,
        title=f"Согласие на распространение ПДн — {publication.person.short_name}, "
        f"{timezone.localtime(publication.given_at):%d.%m.%Y}",
    )


@require_role(*OWN_DOCUMENT_ROLES)
@require_http_methods(["GET", "POST"])
def my_publication(request):
    """Give the consent to distribution online: for oneself, or for a represented minor."""
    me = _own_person(request)
    person = _consent_subject(request, me)
    if person.publication_consents.valid().exists():
        messages.info(request, "Согласие на распространение уже дано.")
        return redirect("participants:my_documents")
    if person == me and me.is_minor():
        messages.error(
            request,
            "За несовершеннолетнего согласие даёт законный представитель: на портале или на "
            "бумаге у куратора.",
        )
        return redirect("participants:my_documents")
    form = OnlinePublicationForm(request.POST or None, expected_name=me.full_name, signer=me)
    if form.is_valid():
        try:
            services.publication_give_online(
                person=person,
                typed_name=form.cleaned_data["typed_name"],
                photo=form.cleaned_data["photo"],
                conditions=form.cleaned_data["conditions"],
                user=request.user,
                ip_address=client_ip(request),
                given_by_person=me if person != me else None,
            )
        except ServiceError as error:
            show_error(request, error, form=form)
        else:
            messages.success(request, "Спасибо! Согласие на распространение дано.")
            return redirect("participants:my_documents")
    context = publication_document_context(person, request.access.organisation)
    context.update(form=form, me=me, online_form=True)
    return render(request, "participants/my_publication.html", context)


@require_role(*OWN_DOCUMENT_ROLES)
@require_http_methods(["GET", "POST"])
def my_publication_withdraw(request):
    """Withdraw one's own consent to distribution (or a represented minor's) — only that one."""
    me = _own_person(request)
    person = _consent_subject(request, me)
    publication = person.publication_consents.valid().first()
    if publication is None:
        messages.info(request, "Действующего согласия на распространение нет.")
        return redirect("participants:my_documents")
    return _withdraw(request, publication, own=True)
