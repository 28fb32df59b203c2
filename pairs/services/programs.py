"""Personalised programs of mentoring (ППН) and the meeting log."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

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


def program_items_mark_done(*, program: Program, pks, by) -> list[ProgramItem]:
    """Mark the checked items of ``program`` done at once (the mentor or the curator).

    One transaction; the items are locked and those already done are left as they were, so a
    double click or a second tab marks nothing twice and never moves a date or an author.
    Returns the items marked now, in the plan's order.
    """
    with transaction.atomic():
        items = list(
            ProgramItem.objects.select_for_update()
            .filter(program=program, pk__in=list(pks), done_on__isnull=True)
            .order_by("due", "pk")
        )
        today = timezone.localdate()
        for item in items:
            item.done_on, item.done_by = today, by
        # The items' history keeps who marked them, as a mark made one by one would.
        bulk_update_with_history(items, ProgramItem, ["done_on", "done_by"], default_user=by)
    return items


def program_item_unmark(*, item: ProgramItem, by=None, only_own: bool = False) -> ProgramItem:
    """Take the done mark off. ``only_own`` (a mentee): only a mark the person made themself —
    the mentor's or the curator's mark stays."""
    with transaction.atomic():
        item = ProgramItem.objects.select_for_update().get(pk=item.pk)
        if only_own and item.is_done and (by is None or item.done_by_id != by.pk):
            raise ServiceError(
                "Отметку о выполнении поставил наставник или куратор: снять её может только он.",
                code="not_own_mark",
            )
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
