"""Consents of the main school's people: online and on paper, a few missing, two withdrawn."""

from django.core.files.base import ContentFile
from django.utils import timezone

from mentoring_portal.demo_scans import demo_scan_pdf
from participants import services
from participants.models import Consent, PublicationConsent

PAPER_CONSENTS = {"Алексеева", "Уварова", "Романова", "Мельникова", "Зуев", "Петренко"}
NO_CONSENT = {"Калинина", "Макарова", "Ковалёв", "Шестакова", "Сорокина"}
WITHDRAWN = {"Фёдорова": 40, "Никитин": 3}  # days ago
SCAN_HEADING = "Согласие на обработку персональных данных"
PUBLICATION_HEADING = "Согласие на распространение персональных данных"


def create_consents(*, school, people, accounts, curator) -> None:
    """Every person's consent but ``NO_CONSENT``'s; a minor's is given by the representative."""
    text = services.consent_text_current(organisation=school)
    today = timezone.localdate()
    now = timezone.now()

    def consent(person, *, days_ago, paper=False, by=None, publication=None):
        given = Consent.objects.create(
            person=person,
            given_by_person=by,
            text=text,
            purposes=text.purposes,
            data_categories=text.data_categories,
            method=Consent.Method.PAPER if paper else Consent.Method.ONLINE,
            typed_name="" if paper else (by or person).full_name,
            given_at=now - timezone.timedelta(days=days_ago),
            given_from_user=curator if paper else (by or person).user,
            ip_address=None if paper else "192.168.10.23",
            scan=ContentFile(demo_scan_pdf(SCAN_HEADING), name="soglasie.pdf") if paper else "",
        )
        if days_ago % 3 == 0 if publication is None else publication:
            # The consent to distribution (ст. 10.1): its own document, given the same day.
            PublicationConsent.objects.create(
                person=person,
                given_by_person=by,
                photo=not paper,
                data_items=services.publication_data_items(person, photo=not paper),
                resources=services.publication_resources(school),
                method=given.method,
                typed_name=given.typed_name,
                given_at=given.given_at,
                given_from_user=given.given_from_user,
                ip_address=given.ip_address,
                scan=(
                    ContentFile(demo_scan_pdf(PUBLICATION_HEADING), name="rasprostranenie.pdf")
                    if paper
                    else ""
                ),
            )
        return given

    for index, (last, person) in enumerate(people.items()):
        if last in NO_CONSENT:
            continue
        representative = person.legal_representative if person.is_minor() else None
        given = consent(
            person,
            days_ago=60 + index,
            paper=last in PAPER_CONSENTS or bool(representative),
            by=representative,
        )
        if last in WITHDRAWN:
            services.consent_withdraw(
                consent=given,
                by=curator,
                date=today - timezone.timedelta(days=WITHDRAWN[last]),
                reason="Письменное заявление участника",
            )
    # The demo accounts: the teacher starts with no consent (the journey begins there).
    # The director also agreed to be named on the school's page «Наставничество» (ст. 10.1).
    for login in ("director", "curator", "group", "mentor", "mentee"):
        consent(accounts[login], days_ago=50, publication=login == "director")
