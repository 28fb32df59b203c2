"""Anonymisation of the people whose consent was withdrawn (152-ФЗ ст. 21 ч. 5).

``manage.py anonymise_withdrawn`` (run daily) calls :func:`anonymise_person` for every person whose
consent was withdrawn more than ``RETENTION_DAYS`` ago. The participants app removes what it holds;
later apps extend this with :func:`register`:

    from participants import anonymisation

    @anonymisation.register
    def forget_meeting_notes(person):
        person.meeting_notes.update(text="")

A hook must leave alone what is a document (a signed order naming the person): documents are kept
for their legal period as they are.
"""

from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from participants.models import Consent, MenteeRequest, MentorProfile, Person

RETENTION_DAYS = 30
REMOVED = "Удалено"

_hooks: list[Callable[[Person], None]] = []


def register(hook: Callable[[Person], None]) -> Callable[[Person], None]:
    """Add a function ``hook(person)`` that anonymises another app's data of ``person``."""
    _hooks.append(hook)
    return hook


def due_for_anonymisation(today: date | None = None):
    """People whose consent was withdrawn at least ``RETENTION_DAYS`` days before ``today`` and
    who have not consented again nor been anonymised yet."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=RETENTION_DAYS)
    return (
        Person.objects.consent_withdrawn()
        .filter(anonymised_at__isnull=True)
        .exclude(consents__withdrawn_on__gt=cutoff)
        .distinct()
    )


def anonymise_person(person: Person) -> None:
    """Replace the person's identifying data with «Удалено» and drop their history, keeping the
    record that a consent was given and withdrawn (version, dates, method, reason)."""
    with transaction.atomic():
        for request in MenteeRequest.objects.filter(person=person):
            request.difficulties.clear()
            request.other_difficulty = ""
            request.expected_result = ""
            request.subjects = ""
            request.curator_comment = ""
            request.save()
        for profile in MentorProfile.objects.filter(person=person):
            profile.competencies.clear()
            profile.other_competencies = ""
            profile.experience = ""
            profile.availability = ""
            profile.subjects = ""
            profile.curator_comment = ""
            profile.save()
            profile.trainings.update(document="")
        for consent in Consent.objects.filter(person=person):
            if consent.scan:
                consent.scan.delete(save=False)
            consent.scan = ""
            if consent.typed_name:
                consent.typed_name = REMOVED
            consent.ip_address = None
            consent.save(update_fields=["scan", "typed_name", "ip_address"])
        for hook in _hooks:
            hook(person)
        user = person.user
        person.last_name = REMOVED
        person.first_name = REMOVED
        person.middle_name = ""
        person.birth_date = None
        person.email = ""
        person.phone = ""
        person.contacts = ""
        person.position = ""
        person.subjects = ""
        person.school_class = ""
        person.user = None
        person.anonymised_at = timezone.now()
        person.save()
        if user is not None and not user.people.exists():
            user.is_active = False
            user.username = f"deleted-{user.pk}"
            user.first_name = user.last_name = user.email = ""
            user.set_unusable_password()
            user.save()
            user.memberships.all().delete()
        # The change history holds the old values: drop it for the anonymised records.
        Person.history.filter(id=person.pk).delete()
        MenteeRequest.history.filter(person_id=person.pk).delete()
        MentorProfile.history.filter(person_id=person.pk).delete()
        Consent.history.filter(person_id=person.pk).delete()


def anonymise_withdrawn(today: date | None = None) -> list[int]:
    """Anonymise everybody due; returns their ids."""
    done = []
    for person in due_for_anonymisation(today):
        anonymise_person(person)
        done.append(person.pk)
    return done
