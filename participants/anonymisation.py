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

What no hook needs to do: the change history of the person and of every record that points to the
person (or to a record of theirs, such as a mentor's trainings) is purged by :func:`purge_history`,
and the person's login records (django-axes, the admin log) by :func:`forget_logins`. Deleting a
person calls both too (:func:`person_delete`), so nothing of a deleted person stays in a history
table. Login records of everybody expire after ``LOGIN_RECORDS_DAYS`` (``expire_login_records``).
"""

from collections.abc import Callable
from datetime import date, timedelta

from django.apps import apps
from django.db import transaction
from django.db.models import ForeignKey
from django.utils import timezone
from simple_history.manager import HistoryManager

from participants.models import (
    Consent,
    MenteeRequest,
    MentorProfile,
    Person,
    PublicationConsent,
)

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
        for publication in PublicationConsent.objects.filter(person=person):
            if publication.scan:
                publication.scan.delete(save=False)
            publication.scan = ""
            if publication.typed_name:
                publication.typed_name = REMOVED
            publication.ip_address = None
            # What it allowed is kept (the record of the consent), the contacts it named are not.
            publication.save(update_fields=["scan", "typed_name", "ip_address"])
        for hook in _hooks:
            hook(person)
        user = person.user
        if user is not None:
            forget_logins(user)
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
        person.left_reason = ""  # free text: may say why in personal terms
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
        purge_history(person.pk)
        _forget_admin_log(Person, person.pk)


def _tracked_models():
    """Models with a django-simple-history ``history`` manager."""
    from simple_history.models import HistoricalChanges

    return [
        model
        for model in apps.get_models()
        if not issubclass(model, HistoricalChanges)
        and isinstance(getattr(model, "history", None), HistoryManager)
    ]


def _person_keys(model) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, ForeignKey) and field.related_model is Person
    ]


def purge_history(person_pk: int) -> int:
    """Delete the history rows of the person and of every record that names the person (a
    consent, a request, a pair membership …) or names such a record (a mentor's trainings);
    works after the records themselves were deleted. Returns how many rows went."""
    tracked = [model for model in _tracked_models() if model is not Person]
    # Records of the person, from their history (they may already be deleted).
    owned: dict[type, set[int]] = {}
    for model in tracked:
        keys = _person_keys(model)
        if keys:
            ids = set()
            for key in keys:
                ids.update(model.history.filter(**{key: person_pk}).values_list("id", flat=True))
            owned[model] = ids
    deleted, _ = Person.history.filter(id=person_pk).delete()
    for model in tracked:
        for key in _person_keys(model):
            deleted += model.history.filter(**{key: person_pk}).delete()[0]
        for field in model._meta.concrete_fields:
            if isinstance(field, ForeignKey) and owned.get(field.related_model):
                ids = owned[field.related_model]
                deleted += model.history.filter(**{f"{field.attname}__in": ids}).delete()[0]
    return deleted


def _forget_admin_log(model, pk) -> None:
    """The admin's log names the record it changed («object_repr»)."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
    ).delete()


def forget_logins(user) -> None:
    """Drop what names the login: django-axes' attempts and logs, its admin log, its sessions."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.sessions.models import Session

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=user.get_username()).delete()
    _forget_admin_log(type(user), user.pk)
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


def person_delete(*, person: Person) -> None:
    """Delete a person (the caller checked that nothing requires the record) and everything the
    history and the logs keep of them."""
    with transaction.atomic():
        pk = person.pk
        person.delete()
        purge_history(pk)
        _forget_admin_log(Person, pk)


def anonymise_withdrawn(today: date | None = None) -> list[int]:
    """Anonymise everybody due; returns their ids."""
    done = []
    for person in due_for_anonymisation(today):
        anonymise_person(person)
        done.append(person.pk)
    return done
