"""Personalised programs of mentoring (ППН) and the meeting log."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring_portal.errors import ServiceError
from pairs.models import (
    Meeting,
    NextMeeting,
    Pair,
    Program,
    ProgramItem,
)
from pairs.order_texts import PROGRAM_TEMPLATE


def program_create(*, pair: Pair) -> Program:
    """The pair's program from the template: goals from the pair, a plan over its period."""
    existing = Program.objects.filter(pair=pair).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        program = Program.objects.create(
            pair=pair,
            goals=pair.goal,
            tasks="\n".join(PROGRAM_TEMPLATE["tasks"]),
        )
        span = (pair.period_end - pair.period_start).days
        ProgramItem.objects.bulk_create(
            [
                ProgramItem(
                    program=program,
                    title=title,
                    expected_result=result,
                    due=date.fromordinal(pair.period_start.toordinal() + round(span * share)),
                )
                for share, title, result in PROGRAM_TEMPLATE["plan"]
            ]
        )
    return program


def program_item_mark_done(*, item: ProgramItem, by, note: str = "") -> ProgramItem:
    with transaction.atomic():
        item = ProgramItem.objects.select_for_update().get(pk=item.pk)
        if item.is_done:
            raise ServiceError("Мероприятие уже отмечено выполненным.", code="already_done")
        item.done_on = timezone.localdate()
        item.done_by = by
        item.done_note = note.strip()
        item.save(update_fields=["done_on", "done_by", "done_note"])
    return item


def program_item_unmark(*, item: ProgramItem) -> ProgramItem:
    with transaction.atomic():
        item = ProgramItem.objects.select_for_update().get(pk=item.pk)
        item.done_on, item.done_by, item.done_note = None, None, ""
        item.save(update_fields=["done_on", "done_by", "done_note"])
    return item


def meeting_add(*, pair: Pair, on: date, topic: str, done: str, by) -> Meeting:
    if on > timezone.localdate():
        raise ServiceError(
            {"date": ValidationError("Встреча ещё не прошла: дата в будущем.", code="future")}
        )
    return Meeting.objects.create(pair=pair, date=on, topic=topic, done=done, recorded_by=by)


def next_meeting_plan(*, pair: Pair, on: date, at, place: str, by) -> NextMeeting:
    """Set «следующая встреча» of the pair (one at a time; a new date replaces the old)."""
    if on < timezone.localdate():
        raise ServiceError(
            {"date": ValidationError("Эта дата уже прошла: укажите будущую.", code="past")}
        )
    with transaction.atomic():
        meeting, _ = NextMeeting.objects.update_or_create(
            pair=pair, defaults={"date": on, "time": at, "place": place, "updated_by": by}
        )
    return meeting
