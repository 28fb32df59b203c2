"""The pairs' part of a person's calendar: the program items of their current pairs (all-day, on
the due date) and each pair's next meeting (at its time, with its place or link)."""

from datetime import datetime

from django.db.models import Prefetch
from django.urls import reverse

from notifications.calendars import CalendarEvent
from pairs.models import NextMeeting, Pair, PairMember, ProgramItem


def pair_events(pair: Pair, items, next_meeting: NextMeeting | None) -> list[CalendarEvent]:
    """``items``: the pair's program items; done ones stay in the calendar, marked."""
    url = reverse("pairs:program_detail", args=[pair.pk])
    label = str(pair)
    events = [
        CalendarEvent(
            uid=f"program-item-{item.pk}",
            summary=("✓ " if item.is_done else "") + f"Программа наставничества: {item.title}",
            start=item.due,
            description="\n".join(
                part
                for part in (
                    f"Пара: {label}",
                    f"Ожидаемый результат: {item.expected_result}" if item.expected_result else "",
                    f"Выполнено {item.done_on:%d.%m.%Y}" if item.done_on else "",
                )
                if part
            ),
            url=url,
        )
        for item in items
    ]
    if next_meeting is not None:
        events.append(
            CalendarEvent(
                uid=f"next-meeting-{pair.pk}",
                summary=f"Встреча наставнической пары: {label}",
                start=datetime.combine(next_meeting.date, next_meeting.time),
                description=(
                    f"Ссылка на встречу: {next_meeting.place}" if next_meeting.place_is_link else ""
                ),
                url=next_meeting.place if next_meeting.place_is_link else url,
                location=next_meeting.place,
            )
        )
    return events


def events_for_user(user) -> list[CalendarEvent]:
    """The current pairs the login is a member of: three queries however many."""
    pairs = (
        Pair.objects.current()
        .filter(members__person__user=user)
        .distinct()
        .prefetch_related(
            Prefetch(
                "members",
                queryset=PairMember.objects.select_related("person").order_by(
                    "role", "person__last_name"
                ),
            ),
            Prefetch("program__items", queryset=ProgramItem.objects.order_by("due", "pk")),
        )
        .select_related("program", "next_meeting")
    )
    events = []
    for pair in pairs:
        program = getattr(pair, "program", None)
        items = program.items.all() if program else []
        events.extend(pair_events(pair, items, getattr(pair, "next_meeting", None)))
    return events
