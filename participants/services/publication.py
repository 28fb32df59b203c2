"""The consent to distribution (ст. 10.1 152-ФЗ): given, registered from paper and withdrawn
apart from the consent to processing. Callers import these from ``participants.services``."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mentoring_portal.errors import ServiceError
from participants.models import Consent, Organisation, Person, PublicationConsent


def publication_data_items(person: Person, *, photo: bool) -> str:
    """The personal data the school may distribute (RKN order № 18, item 6): what the section
    shows — the name, the post (a pupil's class) — and the photograph if the person allows it."""
    items = [
        "фамилия, имя, отчество",
        "класс" if person.category == Person.Category.STUDENT else "должность",
    ]
    if photo:
        items.append("фотографическое изображение")
    return "; ".join(items)


def publication_resources(organisation: Organisation) -> str:
    """The information resources through which the school gives access to the data (RKN order
    № 18, item 4): the school's own site, and the portal's open section of the school."""
    resources = []
    if organisation.website:
        resources.append(f"официальный сайт {organisation.website} (раздел «Наставничество»)")
    # The open section's address, read through the reverse relation and the URL name of the
    # public app (participants imports nothing of it); the portal's index of sections if the
    # school has no section yet.
    section = getattr(organisation, "public_section", None)
    slug = getattr(section, "slug", "")
    path = reverse("public:section", args=[slug]) if slug else reverse("public:index")
    resources.append(f"раздел «Наставничество» портала {settings.PORTAL_URL.rstrip('/')}{path}")
    return "; ".join(resources)


def _publication_create(*, person: Person, photo: bool, conditions: str, **fields):
    """The one way a consent to distribution is recorded: under the person's row lock, only
    beside a valid consent to processing and when none is in force yet."""
    with transaction.atomic():
        person = Person.objects.select_for_update().select_related("organisation").get(pk=person.pk)
        if not person.consents.valid().exists():
            raise ServiceError(
                "Сначала нужно согласие на обработку персональных данных: без него сведения об "
                "участнике не обрабатываются и не распространяются.",
                code="no_processing_consent",
            )
        if person.publication_consents.valid().exists():
            raise ServiceError(
                "У участника уже есть действующее согласие на распространение.",
                code="publication_already_given",
            )
        return PublicationConsent.objects.create(
            person=person,
            photo=photo,
            conditions=conditions.strip(),
            data_items=publication_data_items(person, photo=photo),
            resources=publication_resources(person.organisation),
            **fields,
        )


def publication_give_online(
    *,
    person: Person,
    typed_name: str,
    photo: bool,
    conditions: str,
    user,
    ip_address: str | None,
    given_by_person: Person | None = None,
) -> PublicationConsent:
    """Record a consent to distribution given on the portal (typed name, time, account, address)."""
    return _publication_create(
        person=person,
        photo=photo,
        conditions=conditions,
        given_by_person=given_by_person,
        method=Consent.Method.ONLINE,
        typed_name=typed_name,
        given_from_user=user,
        ip_address=ip_address,
    )


def publication_record_paper(
    *,
    person: Person,
    scan,
    signed_on: date,
    photo: bool,
    conditions: str,
    by,
    given_by_person: Person | None = None,
) -> PublicationConsent:
    """Record a consent to distribution signed on paper, with its scan and what was ticked."""
    given_at = timezone.make_aware(
        timezone.datetime.combine(signed_on, timezone.datetime.min.time().replace(hour=12))
    )
    return _publication_create(
        person=person,
        photo=photo,
        conditions=conditions,
        given_by_person=given_by_person,
        method=Consent.Method.PAPER,
        given_at=given_at,
        given_from_user=by,
        scan=scan,
    )


def publication_withdraw(
    *, publication: PublicationConsent, by, date: date, reason: str
) -> PublicationConsent:
    """Withdraw the consent to distribution only (ч. 12 ст. 10.1: it ends when the demand
    arrives). The consent to processing stays: the person stays in the banks and pairs, and the
    public section stops naming them at once."""
    with transaction.atomic():
        publication = PublicationConsent.objects.select_for_update().get(pk=publication.pk)
        if publication.is_withdrawn:
            raise ServiceError("Согласие уже отозвано.", code="already_withdrawn")
        if date < timezone.localtime(publication.given_at).date():
            raise ServiceError(
                "Дата отзыва раньше даты согласия.", code="withdrawal_before_consent"
            )
        publication.withdrawn_on = date
        publication.withdrawn_by = by
        publication.withdrawal_reason = reason
        publication.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawal_reason"])
    return publication
