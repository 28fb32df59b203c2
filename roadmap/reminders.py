"""Daily reminders of the roadmap: an activity due in 7 days, in 3 days or overdue → its
responsible people; on the first run of each week, the overdue ones → the curator and director.

Three queries for any number of schools and activities (the activities with their roadmap, the
responsible people with their logins, the year marks), plus one for the curators and directors.
"""

from datetime import date, timedelta

from django.db.models import Prefetch, Q
from django.urls import reverse

from notifications.reminders import Reminder, due_phrase, due_step
from participants.models import Person, Role
from participants.notices import logins_by_organisation
from roadmap.deadlines import DeadlineKind
from roadmap.links import activity_link_pattern
from roadmap.models import Activity, Roadmap

STEPS = (7, 3)
# Older deadlines are left to the weekly summary (and never reminded again one by one).
OVERDUE_WINDOW_DAYS = 365
SUMMARY_LISTED = 10


def _open_activities(today: date):
    dated = Q(deadline_kind__in=[DeadlineKind.DATE, DeadlineKind.PERMANENT]) & Q(
        deadline_due__gte=today - timedelta(days=OVERDUE_WINDOW_DAYS),
        deadline_due__lte=today + timedelta(days=max(STEPS)),
    )
    return (
        Activity.objects.filter(
            stage__roadmap__status=Roadmap.Status.APPROVED,
            status__in=[Activity.Status.PLANNED, Activity.Status.IN_PROGRESS],
        )
        .filter(dated | Q(deadline_kind=DeadlineKind.YEARLY))
        .select_related("stage__roadmap")
        .prefetch_related(
            Prefetch(
                "responsible_people",
                queryset=Person.objects.filter(
                    user__isnull=False, user__is_active=True
                ).select_related("user"),
            ),
            "year_marks",
        )
        .order_by("stage__roadmap_id", "stage__order", "order", "pk")
    )


def _due(activity: Activity, today: date) -> date | None:
    roadmap = activity.stage.roadmap
    if activity.deadline_kind == DeadlineKind.PERMANENT:
        # Ongoing work is late only if it has not even started by its first due date.
        if activity.status != Activity.Status.PLANNED:
            return None
        return activity.deadline_due
    if activity.is_yearly:
        return activity.next_due(roadmap, today)
    return activity.deadline_due


def reminders(today: date) -> list[Reminder]:
    due_reminders, overdue_by_roadmap = [], {}
    link_head, link_tail = activity_link_pattern()  # reversed once, not once an activity
    for activity in _open_activities(today):
        due = _due(activity, today)
        if due is None or (today - due).days > OVERDUE_WINDOW_DAYS:
            continue
        step = due_step(due, today, STEPS)
        if step is None:
            continue
        if step == "overdue":
            overdue_by_roadmap.setdefault(activity.stage.roadmap, []).append((activity, due))
        title = activity.title if len(activity.title) <= 200 else activity.title[:199] + "…"
        text = (
            f"Мероприятие «{title}» просрочено: {due_phrase(due, today)}"
            if step == "overdue"
            else f"Мероприятие «{title}»: {due_phrase(due, today)}"
        )
        url = f"{link_head}{activity.pk}{link_tail}"
        for person in activity.responsible_people.all():
            due_reminders.append(
                Reminder(
                    user=person.user,
                    kind="activity_due",
                    text=text,
                    url=url,
                    key=f"activity_due:{activity.pk}:{due.isoformat()}:{step}",
                )
            )
    return due_reminders + _weekly_summary(overdue_by_roadmap, today)


def _weekly_summary(overdue_by_roadmap: dict, today: date) -> list[Reminder]:
    """Per roadmap in force: how many of its activities are overdue, the first few named."""
    from mentoring_portal.russian import plural_count

    if not overdue_by_roadmap:
        return []
    year, week, _ = today.isocalendar()
    leaders = logins_by_organisation(
        [roadmap.organisation_id for roadmap in overdue_by_roadmap], Role.CURATOR, Role.DIRECTOR
    )
    found = []
    for roadmap, late in overdue_by_roadmap.items():
        listed = "; ".join(
            f"«{activity.title[:80]}» (срок {due:%d.%m.%Y})"
            for activity, due in late[:SUMMARY_LISTED]
        )
        more = f" и ещё {len(late) - SUMMARY_LISTED}" if len(late) > SUMMARY_LISTED else ""
        count = plural_count(len(late), "мероприятие", "мероприятия", "мероприятий")
        text = (
            f"Сводка за неделю: в дорожной карте «{roadmap.title[:80]}» просрочено "
            f"{count}: {listed}{more}"
        )
        url = reverse("roadmap:detail", args=[roadmap.pk]) + "?overdue=true"
        for user in leaders.get(roadmap.organisation_id, []):
            found.append(
                Reminder(
                    user=user,
                    kind="overdue_summary",
                    text=text,
                    url=url,
                    key=f"overdue_summary:{roadmap.pk}:{year}-W{week:02d}",
                )
            )
    return found
