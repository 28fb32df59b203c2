"""Daily reminders of the pairs: a program item due in 3 days or overdue → the pair; a pair with
no meeting logged for 30 days → its mentors and the curator.

Two queries for the items (with their pair's members), two for the silent pairs, one for the
curators — for any number of schools, pairs and items.
"""

from datetime import date, timedelta

from django.db.models import Max, Prefetch
from django.urls import reverse

from mentoring_portal.russian import plural_count
from notifications.reminders import Reminder, due_phrase, due_step
from pairs.models import Pair, PairMember, ProgramItem
from participants.models import Role
from participants.notices import logins_by_organisation

STEPS = (3,)
OVERDUE_WINDOW_DAYS = 365
SILENCE_DAYS = 30
WORKING = (Pair.Status.FIXED, Pair.Status.ACTIVE)


def _members(path: str = "members") -> Prefetch:
    return Prefetch(path, queryset=PairMember.objects.select_related("person__user"))


def _logins(members) -> list:
    return [m.person.user for m in members if m.person.user_id and m.person.user.is_active]


def _program_items(today: date) -> list[Reminder]:
    items = (
        ProgramItem.objects.filter(
            done_on__isnull=True,
            due__gte=today - timedelta(days=OVERDUE_WINDOW_DAYS),
            due__lte=today + timedelta(days=max(STEPS)),
            program__pair__status__in=WORKING,
        )
        .select_related("program__pair")
        .prefetch_related(_members("program__pair__members"))
    )
    found = []
    for item in items:
        step = due_step(item.due, today, STEPS)
        pair = item.program.pair
        text = (
            f"Пункт программы наставничества «{item.title[:200]}» не выполнен: "
            f"{due_phrase(item.due, today)}"
            if step == "overdue"
            else f"Пункт программы наставничества «{item.title[:200]}»: "
            f"{due_phrase(item.due, today)}"
        )
        url = reverse("pairs:program_detail", args=[pair.pk])
        for user in _logins(pair.members.all()):
            found.append(
                Reminder(
                    user=user,
                    kind="program_item_due",
                    text=text,
                    url=url,
                    key=f"program_item_due:{item.pk}:{item.due.isoformat()}:{step}",
                )
            )
    return found


def _silent_pairs(today: date) -> list[Reminder]:
    """A pair is silent from its start or its last logged meeting; reminded once every 30 days
    of silence (the key counts the periods)."""
    pairs = (
        Pair.objects.filter(status__in=WORKING, period_start__lte=today - timedelta(SILENCE_DAYS))
        .annotate(last_meeting=Max("meetings__date"))
        .prefetch_related(_members())
    )
    silent = []
    for pair in pairs:
        since = max(pair.period_start, pair.last_meeting or pair.period_start)
        days = (today - since).days
        if days >= SILENCE_DAYS and pair.period_end >= today:
            silent.append((pair, since, days))
    if not silent:
        return []
    curators = logins_by_organisation([pair.organisation_id for pair, _, _ in silent], Role.CURATOR)
    found = []
    for pair, since, days in silent:
        mentors = [m for m in pair.members.all() if m.role == PairMember.Role.MENTOR]
        mentees = ", ".join(
            m.person.short_name for m in pair.members.all() if m.role == PairMember.Role.MENTEE
        )
        what = "встреч не записано" if pair.last_meeting is None else "новых встреч не записано"
        text = (
            f"В паре {', '.join(m.person.short_name for m in mentors) or '—'} — {mentees or '—'} "
            f"{what} с {since:%d.%m.%Y} ({plural_count(days, 'день', 'дня', 'дней')})"
        )
        url = reverse("pairs:pair_detail", args=[pair.pk])
        period = days // SILENCE_DAYS
        for user in _logins(mentors) + curators.get(pair.organisation_id, []):
            found.append(
                Reminder(
                    user=user,
                    kind="pair_no_meeting",
                    text=text,
                    url=url,
                    key=f"pair_no_meeting:{pair.pk}:{since.isoformat()}:{period}",
                )
            )
    return found


def reminders(today: date) -> list[Reminder]:
    return _program_items(today) + _silent_pairs(today)
