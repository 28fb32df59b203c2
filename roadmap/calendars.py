"""The roadmap's part of calendars: deadlines as all-day events — a person's (the activities
they are responsible for on approved roadmaps) and a whole roadmap's (its .ics download)."""

from django.db.models import Prefetch
from django.urls import reverse

from notifications.calendars import CalendarEvent
from roadmap.models import Activity, Roadmap


def activity_events(activity: Activity, roadmap: Roadmap, number: str = "") -> list:
    """One all-day event per derived due date (a yearly activity: one per tracking year);
    a deadline with no date (event-bound, not understood) gives none."""
    if activity.is_yearly:
        dues = [row["due"] for row in activity.year_rows(roadmap)]
    else:
        dues = [activity.deadline_due] if activity.deadline_due else []
    status = activity.get_status_display()
    title = f"{number} {activity.title}".strip()
    url = reverse("roadmap:activity_detail", args=[activity.pk])
    description = "\n".join(
        part
        for part in (
            f"Дорожная карта: {roadmap.title}",
            f"Срок по дорожной карте: {activity.deadline_text}" if activity.deadline_text else "",
            f"Статус: {status}",
        )
        if part
    )
    return [
        CalendarEvent(
            uid=f"activity-{activity.pk}-{due:%Y%m%d}",
            summary=f"Срок: {title}",
            start=due,
            description=description,
            url=url,
        )
        for due in dues
        if due is not None
    ]


def roadmap_events(table, roadmap: Roadmap) -> list[CalendarEvent]:
    """Every dated activity of ``table`` (roadmap.table.roadmap_table) with its number."""
    events = []
    for stage in table:
        for row in stage.activities:
            events.extend(activity_events(row.activity, roadmap, row.number))
    return events


def events_for_user(user) -> list[CalendarEvent]:
    """The open activities the login is responsible for, on approved roadmaps (two queries)."""
    activities = (
        Activity.objects.filter(
            responsible_people__user=user,
            stage__roadmap__status=Roadmap.Status.APPROVED,
            status__in=[
                Activity.Status.PLANNED,
                Activity.Status.IN_PROGRESS,
                Activity.Status.REPORTED,
            ],
        )
        .distinct()
        .select_related("stage__roadmap")
        .prefetch_related(Prefetch("year_marks"))
    )
    events = []
    for activity in activities:
        events.extend(activity_events(activity, activity.stage.roadmap))
    return events
