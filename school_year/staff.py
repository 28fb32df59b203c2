"""Staff changes: a person leaves the school.

They leave the banks, their current pairs end early with the reason, and everything they were
responsible for is listed for reassignment: the open activities of the roadmaps being worked on
(reassigned in bulk) and the open items of the programs of their pairs.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from mentoring_portal.errors import ServiceError
from mentoring_portal.russian import gendered
from pairs.models import Pair, ProgramItem
from pairs.services.pairs import pair_end_early
from participants.models import MenteeRequest, MentorProfile, Person
from roadmap.models import Activity, Roadmap

WORKED_ON = (Roadmap.Status.DRAFT, Roadmap.Status.ON_APPROVAL, Roadmap.Status.APPROVED)


def person_leave(*, person: Person, left_on: date, reason: str, by) -> list[Pair]:
    """Record that ``person`` left the school on ``left_on``; returns the pairs ended."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ServiceError(
            {"reason": ValidationError("Укажите причину выбытия.", code="no_reason")}
        )
    ended = []
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.left_on is not None:
            raise ServiceError(
                f"{person.short_name} уже {gendered(person, 'выбыл', 'выбыла')} "
                f"{person.left_on:%d.%m.%Y}.",
                code="already_left",
            )
        person.left_on, person.left_reason = left_on, reason[:300]
        person.save(update_fields=["left_on", "left_reason"])
        comment = (
            f"{gendered(person, 'Выбыл', 'Выбыла')} из организации {left_on:%d.%m.%Y}: {reason}"
        )
        for model in (MentorProfile, MenteeRequest):
            for entry in model.objects.filter(person=person, status__in=model.OPEN_STATUSES):
                entry.status = model.Status.EXCLUDED
                entry.curator_comment = comment
                entry.save(update_fields=["status", "curator_comment", "updated_at"])
        pairs = Pair.objects.filter(
            members__person=person, status__in=Pair.CURRENT_STATUSES
        ).distinct()
        for pair in pairs:
            ended.append(
                pair_end_early(
                    pair=pair,
                    ended_on=max(left_on, pair.period_start),
                    reason=f"Выбытие участника {person.short_name} из организации: {reason}",
                )
            )
    return ended


def left_people(organisation):
    return Person.objects.filter(organisation=organisation, left_on__isnull=False).order_by(
        "-left_on", "last_name", "first_name"
    )


def activities_to_reassign(organisation):
    """Open activities of the roadmaps being worked on, with a person who left responsible."""
    return (
        Activity.objects.filter(
            stage__roadmap__organisation=organisation,
            stage__roadmap__status__in=WORKED_ON,
            responsible_people__left_on__isnull=False,
        )
        .exclude(status__in=[Activity.Status.DONE, Activity.Status.CANCELLED])
        .select_related("stage__roadmap")
        .prefetch_related("responsible_people")
        .distinct()
        .order_by("stage__roadmap__period_start", "stage__order", "order", "pk")
    )


def program_items_to_reassign(organisation):
    """Open program items of pairs ended because a member left."""
    return (
        ProgramItem.objects.filter(
            program__pair__organisation=organisation,
            program__pair__status=Pair.Status.ENDED_EARLY,
            program__pair__members__person__left_on__isnull=False,
            done_on__isnull=True,
        )
        .select_related("program__pair")
        .distinct()
        .order_by("program__pair_id", "due", "pk")
    )


def activities_reassign(*, organisation, activities, person: Person) -> int:
    """Give ``activities`` to ``person`` instead of everyone who left; returns how many."""
    if person.left_on is not None or person.organisation_id != organisation.pk:
        raise ServiceError("Назначить можно только работающего в школе.", code="left")
    count = 0
    with transaction.atomic():
        for activity in activities:
            if activity.stage.roadmap.organisation_id != organisation.pk:
                raise ServiceError("Мероприятие не этой школы.", code="other_org")
            gone = list(activity.responsible_people.filter(left_on__isnull=False))
            if not gone:
                continue
            activity.responsible_people.remove(*gone)
            activity.responsible_people.add(person)
            count += 1
    return count


def other_schools_activities(organisation, ids) -> bool:
    """Whether any of ``ids`` names an activity of another organisation."""
    ids = [int(value) for value in ids if int(value) < 2**63]
    return (
        Activity.objects.filter(pk__in=ids)
        .exclude(stage__roadmap__organisation=organisation)
        .exists()
    )
