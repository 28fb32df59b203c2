"""The coordinator's district table at district and region size: 30 schools (3,000 people,
20,000 answers), then 300 schools (30,000 people). Each school: 100 staff (30 mentors and 30
mentees in the banks with consents, 25 active pairs), 30 pupils aged 10–18 (5 pupils' pairs), an
approved roadmap of 7 × 4 activities; every other school's year approved (frozen figures).

Measures, median of ROUNDS: the rows alone (``district_rows``), the page through the test client
(GET /monitoring/district/ as the coordinator, with the menu, the chart and the template), and
the floor — the same rows printed by a bare template with no links, tooltips or chart — and the
queries of the page. Run against a scratch database:

    DATABASE_URL=sqlite:////tmp/bench_district.sqlite3 .venv/bin/python bench/district_table.py
"""

import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.monitoring_export import ANSWERS, answer, campaigns, school_with_people  # noqa: E402
from monitoring import services  # noqa: E402
from monitoring.district import district_rows  # noqa: E402
from monitoring.models import MonitoringYear  # noqa: E402
from pairs.models import MentoringForm, Pair, PairMember  # noqa: E402
from participants.models import Person, Role  # noqa: E402
from tests.factories import DepartmentFactory, UserFactory, make_member  # noqa: E402

ROUNDS = 15
YEAR = 2025
FLOOR = engines["django"].from_string(
    "<table>{% for row in rows %}<tr><td>{{ row.school.short_name }}</td>"
    "<td>{{ row.roadmap_approved_on }}</td><td>{{ row.done_percent }}</td>"
    "<td>{{ row.overdue_percent }}</td><td>{{ row.mentors }}</td><td>{{ row.mentees }}</td>"
    "<td>{{ row.pairs }}</td><td>{{ row.young }}</td><td>{{ row.pupils }}</td>"
    "<td>{{ row.consents_missing }}</td><td>{{ row.frozen }}</td><td>{{ row.last_change }}</td>"
    "</tr>{% endfor %}</table>"
)


def add_pupils(school) -> None:
    pupils = Person.objects.bulk_create(
        Person(
            organisation=school,
            last_name=f"Ученик{i}",
            first_name="Иван",
            category="student",
            birth_date=date(2008 + i % 7, 1 + i % 12, 1 + i % 28),
        )
        for i in range(30)
    )
    form = MentoringForm.objects.get(name="ученик – ученик")
    pairs = Pair.objects.bulk_create(
        Pair(
            organisation=school,
            form=form,
            goal="Успеваемость",
            period_start=date(2025, 9, 1),
            period_end=date(2026, 5, 31),
            status="active",
        )
        for _ in range(5)
    )
    PairMember.objects.bulk_create(
        [PairMember(pair=p, person=pupils[2 * i], role="mentor") for i, p in enumerate(pairs)]
        + [PairMember(pair=p, person=pupils[2 * i + 1], role="mentee") for i, p in enumerate(pairs)]
    )


def build(department, count, rng, curator, *, with_answers) -> None:
    answered = 0
    for index in range(count):
        school, mentors, mentees = school_with_people(department, rng)
        add_pupils(school)
        year = MonitoringYear.objects.create(organisation=school, year=YEAR)
        if with_answers:
            people = list(Person.objects.filter(organisation=school, category="teacher")[:100])
            mentor_campaign, mentee_campaign = campaigns(school, people[:50], people[50:])
            target = ANSWERS * (index + 1) // count
            for number in range(50):
                for campaign, person in (
                    (mentor_campaign, people[number]),
                    (mentee_campaign, people[50 + number]),
                ):
                    if answered < target:
                        answered += answer(campaign, person, rng)
        if index % 2:
            services.monitoring_year_approve(monitoring_year=year, by=curator)


def median_ms(function) -> float:
    times = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def measure(department, client, label) -> None:
    schools = department.schools.count()
    rows_ms = median_ms(lambda: district_rows(department, YEAR))
    page_ms = median_ms(lambda: client.get("/monitoring/district/", {"year": YEAR}))
    floor_ms = median_ms(lambda: FLOOR.render({"rows": district_rows(department, YEAR)}))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/monitoring/district/", {"year": YEAR})
    assert response.status_code == 200
    print(
        f"{label}: {schools} schools, {Person.objects.count()} people — rows {rows_ms:.0f} ms, "
        f"page {page_ms:.0f} ms, floor (rows + bare template) {floor_ms:.0f} ms, "
        f"page/floor {page_ms / floor_ms:.2f}×, {len(queries)} queries, "
        f"{len(response.content) / 1024:.0f} KiB"
    )


def main():
    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    department = DepartmentFactory()
    coordinator = make_member(department, "bench-coordinator", Role.COORDINATOR)
    client = Client()
    client.force_login(coordinator.user)
    curator = UserFactory()
    began = time.perf_counter()
    build(department, 30, rng, curator, with_answers=True)
    print(f"built 30 schools in {time.perf_counter() - began:.0f} s")
    measure(department, client, "district")
    began = time.perf_counter()
    build(department, 270, rng, curator, with_answers=False)
    print(f"built 270 more in {time.perf_counter() - began:.0f} s")
    measure(department, client, "region")


if __name__ == "__main__":
    main()
