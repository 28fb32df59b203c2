"""The mentor's consent to the additional duties (ст. 351.8 ТК РФ)."""

from datetime import date

from django.core.exceptions import ValidationError

from mentoring_portal.errors import ServiceError
from pairs.models import (
    DutiesConsent,
)
from pairs.models.pair import needs_duties_consent
from participants.models import Person


def duties_consent_record(
    *,
    person: Person,
    method: str,
    given_on: date,
    agreement_number: str,
    agreement_date: date,
    typed_name: str = "",
    scan=None,
    by=None,
) -> DutiesConsent:
    """Record the consent online (the mentor types their name) or as a scanned copy."""
    if method == DutiesConsent.Method.ONLINE and typed_name.strip().casefold() != (
        person.full_name.casefold()
    ):
        raise ServiceError(
            {
                "typed_name": ValidationError(
                    "Введите фамилию, имя и отчество полностью, как в профиле: %(name)s.",
                    code="typed_name",
                    params={"name": person.full_name},
                )
            }
        )
    if method == DutiesConsent.Method.PAPER and not scan:
        raise ServiceError(
            {"scan": ValidationError("Загрузите скан подписанного согласия.", code="no_scan")}
        )
    return DutiesConsent.objects.create(
        person=person,
        method=method,
        given_on=given_on,
        typed_name=typed_name.strip(),
        scan=scan or "",
        agreement_number=agreement_number.strip(),
        agreement_date=agreement_date,
        recorded_by=by,
    )


def people_without_duties_consent(people, on: date | None = None) -> list[Person]:
    """The adult mentors among ``people`` without a consent and agreement in force."""
    people = list(people)
    consented = set(
        DutiesConsent.objects.in_force(on)
        .filter(person__in=people)
        .values_list("person_id", flat=True)
    )
    return [p for p in people if needs_duties_consent(p, on) and p.pk not in consented]
