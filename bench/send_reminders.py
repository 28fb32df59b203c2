"""Time ``manage.py send_reminders`` for a district: 30 schools, 3,000 people, 10,500 roadmap
activities and program items (6,000 + 4,500), against a floor (reading the same input rows with
the same prefetching and nothing else), with the query count of the run. Run by hand on a
scratch database; ``--schools 3`` is the same district at a tenth of the size, to see that the
number of queries does not grow with the people:

    DATABASE_URL=sqlite:////tmp/bench_reminders.sqlite3 .venv/bin/python bench/send_reminders.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/send_reminders.py

The database is emptied first (``flush``): never point it at a real one.
"""

import argparse
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings.test")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from notifications.models import Notification  # noqa: E402
from pairs.models import Pair, PairMember, Program, ProgramItem  # noqa: E402
from pairs.tests.factories import teacher_form  # noqa: E402
from participants.models import Membership, Organisation, Person, Role  # noqa: E402
from roadmap.deadlines import DeadlineKind  # noqa: E402
from roadmap.models import Activity, Roadmap, Stage  # noqa: E402

TODAY = date(2026, 12, 4)

PEOPLE, ACTIVITIES, PAIRS, ITEMS = 100, 200, 30, 5  # per school (ITEMS per pair)


def build(schools: int) -> None:
    department = Organisation.objects.create(
        full_name="Управление образования района", short_name="УО", kind="department"
    )
    form = teacher_form()
    User = get_user_model()
    for s in range(schools):
        school = Organisation.objects.create(
            full_name=f"Школа № {s}", short_name=f"Школа № {s}", parent=department, city="г. Асино"
        )
        users = User.objects.bulk_create(
            User(
                username=f"s{s}u{n}",
                email=f"s{s}u{n}@example.ru",
                password=UNUSABLE_PASSWORD_PREFIX,
                first_name="Анна",
            )
            for n in range(PEOPLE)
        )
        people = Person.objects.bulk_create(
            Person(
                organisation=school,
                user=user,
                last_name=f"Иванова{n}",
                first_name="Анна",
                middle_name="Петровна",
                position="Учитель",
                category=Person.Category.TEACHER,
            )
            for n, user in enumerate(users)
        )
        roles = [Role.CURATOR, Role.DIRECTOR] + [Role.WORKING_GROUP] * (PEOPLE - 2)
        Membership.objects.bulk_create(
            Membership(user=user, organisation=school, role=role)
            for user, role in zip(users, roles, strict=True)
        )
        roadmap = Roadmap.objects.create(
            organisation=school,
            title="Дорожная карта",
            period_start=date(2026, 9, 1),
            period_end=date(2027, 8, 31),
            status=Roadmap.Status.APPROVED,
        )
        stage = Stage.objects.create(roadmap=roadmap, order=1, title="Этап 1")
        activities = Activity.objects.bulk_create(
            Activity(
                stage=stage,
                order=n,
                title=f"Мероприятие {n}",
                deadline_text="до …",
                deadline_kind=DeadlineKind.DATE,
                deadline_due=TODAY + timedelta(days=n % 31 - 20),
            )
            for n in range(ACTIVITIES)
        )
        Through = Activity.responsible_people.through
        Through.objects.bulk_create(
            Through(activity=activity, person=people[2 + n % (PEOPLE - 2)])
            for n, activity in enumerate(activities)
        )
        pairs = Pair.objects.bulk_create(
            Pair(
                organisation=school,
                form=form,
                goal="Адаптация",
                period_start=date(2026, 9, 1),
                period_end=date(2027, 5, 31),
                status=Pair.Status.ACTIVE,
            )
            for _ in range(PAIRS)
        )
        PairMember.objects.bulk_create(
            member
            for n, pair in enumerate(pairs)
            for member in (
                PairMember(pair=pair, person=people[2 + 2 * n], role=PairMember.Role.MENTOR),
                PairMember(pair=pair, person=people[3 + 2 * n], role=PairMember.Role.MENTEE),
            )
        )
        programs = Program.objects.bulk_create(
            Program(pair=pair, goals="Цели", tasks="Задачи") for pair in pairs
        )
        ProgramItem.objects.bulk_create(
            ProgramItem(program=program, title=f"Пункт {k}", due=TODAY + timedelta(days=3 * k - 6))
            for program in programs
            for k in range(ITEMS)
        )


def floor() -> float:
    """Read the rows the run works from — each open dated activity with its responsible logins'
    addresses, each open program item with its pair's members' — as plain tuples, one query
    each, and nothing else."""
    started = time.perf_counter()
    list(
        Activity.objects.filter(stage__roadmap__status=Roadmap.Status.APPROVED).values_list(
            "pk", "title", "deadline_due", "stage__roadmap_id", "responsible_people__user__email"
        )
    )
    list(
        ProgramItem.objects.filter(done_on__isnull=True).values_list(
            "pk", "title", "due", "program__pair_id", "program__pair__members__person__user__email"
        )
    )
    return time.perf_counter() - started


def run() -> tuple[float, int, int, int]:
    mail.outbox = []
    before = Notification.objects.count()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        call_command("send_reminders", date=TODAY.isoformat(), stdout=open(os.devnull, "w"))  # noqa: SIM115
        elapsed = time.perf_counter() - started
    return elapsed, len(queries), Notification.objects.count() - before, len(mail.outbox)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)  # the forms of mentoring are seeded by migrations
    started = time.perf_counter()
    build(args.schools)
    print(
        f"{connection.vendor}: {args.schools} schools, {Person.objects.count()} people, "
        f"{Activity.objects.count()} activities + {ProgramItem.objects.count()} program items "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    first = run()
    second = run()
    bare = min(floor() for _ in range(3))
    print(f"floor (read the input rows): {bare:.2f} s")
    print(
        f"send_reminders: {first[0]:.2f} s ({first[0] / bare:.1f}× the floor), {first[1]} queries, "
        f"{first[2]} notifications, {first[3]} letters"
    )
    print(
        f"again the same day: {second[0]:.2f} s, {second[1]} queries, "
        f"{second[2]} notifications, {second[3]} letters"
    )


if __name__ == "__main__":
    main()
