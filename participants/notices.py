"""Who is told of what happens in participants, and the recipients helpers the other apps use
(every app → notifications; notifications imports none of them)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from notifications.services import notify
from participants.models import Membership, Role


def logins_with_role(organisation, *roles) -> list:
    """The active logins holding one of ``roles`` in ``organisation`` (one query)."""
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__role__in=roles,
        )
        .distinct()
    )


def logins_of(people) -> list:
    """The active logins of ``people`` (Person records; those without a login are left out),
    in one query however many."""
    ids = {person.user_id for person in people if person is not None and person.user_id}
    if not ids:
        return []
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True))


def application_decided(*, application, by, accepted: bool) -> None:
    """A request for a mentor or a mentor questionnaire accepted or returned → its author."""
    if application._meta.model_name == "menteerequest":
        what, url = "Ваш запрос на наставника", reverse("participants:my_request")
        decided = "принят в банк наставляемых" if accepted else "возвращён на доработку"
    else:
        what, url = "Ваша анкета наставника", reverse("participants:my_questionnaire")
        decided = "принята в банк наставников" if accepted else "возвращена на доработку"
    text = f"{what} {decided}"
    if not accepted and application.curator_comment:
        text += f": {application.curator_comment}"
    notify(
        users=logins_of([application.person]),
        kind="application_decided",
        text=text,
        url=url,
        by=by,
    )


def consent_withdrawn(*, consent, by) -> None:
    """A consent withdrawn → the curators of the school."""
    person = consent.person
    notify(
        users=logins_with_role(person.organisation, Role.CURATOR),
        kind="consent_withdrawn",
        text=(
            f"Отозвано согласие на обработку персональных данных: {person.full_name} "
            f"(с {consent.withdrawn_on:%d.%m.%Y})"
        ),
        url=reverse("participants:person_detail", args=[person.pk]),
        by=by,
    )


def logins_by_organisation(organisation_ids, *roles) -> dict[int, list]:
    """Per organisation: the active logins holding one of ``roles`` there (one query for any
    number of organisations)."""
    found: dict[int, list] = {}
    for membership in Membership.objects.filter(
        organisation_id__in=set(organisation_ids), role__in=roles, user__is_active=True
    ).select_related("user"):
        people = found.setdefault(membership.organisation_id, [])
        if all(user.pk != membership.user_id for user in people):
            people.append(membership.user)
    return found
