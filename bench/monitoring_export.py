"""The monitoring export at district size: 30 schools, 3,000 people, 20,000 answers.

Each school gets 100 people (30 mentors and 30 mentees in the banks with consents, 25 active
pairs, an approved roadmap of 7 stages × 4 activities, a mentor and a mentee campaign); the
district's 20,000 answers are spread over the schools. Measures every school's workbook (time,
peak Python memory with tracemalloc, queries), then one school holding all 20,000 answers.
Run against a scratch database:

    DATABASE_URL=sqlite:////tmp/bench_monitoring.sqlite3 \
        .venv/bin/python bench/monitoring_export.py
"""

import os
import random
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from mentoring_portal.excel import workbook_bytes  # noqa: E402
from monitoring import services  # noqa: E402
from monitoring.demo import _answers  # noqa: E402
from monitoring.exports import monitoring_workbook  # noqa: E402
from monitoring.models import Answer, Campaign, Invitation, MonitoringYear, Response  # noqa: E402
from pairs.models import MentoringForm, Pair, PairMember  # noqa: E402
from participants.models import Consent, ConsentText, MenteeRequest, MentorProfile, Person  # noqa: E402
from roadmap.models import Roadmap  # noqa: E402
from roadmap.tests.factories import make_roadmap  # noqa: E402
from tests.factories import DepartmentFactory, OrganisationFactory  # noqa: E402

SCHOOLS, PEOPLE, ANSWERS = 30, 100, 20_000
YEAR = 2025
START = date(2025, 10, 1)


def school_with_people(department, rng) -> tuple:
    school = OrganisationFactory(parent=department)
    people = Person.objects.bulk_create(
        Person(
            organisation=school,
            last_name=f"Фамилия{i}",
            first_name="Анна",
            middle_name="Сергеевна",
            category="teacher",
            birth_date=date(1970 + rng.randint(0, 33), 1 + i % 12, 1 + i % 28),
            position="Учитель",
        )
        for i in range(PEOPLE)
    )
    text = ConsentText.objects.create(organisation=school, version=1, body="Текст")
    Consent.objects.bulk_create(
        Consent(person=p, text=text, purposes="п", data_categories="д", method="paper")
        for p in people
    )
    mentors, mentees = people[:30], people[30:60]
    MentorProfile.objects.bulk_create(MentorProfile(person=p, status="in_bank") for p in mentors)
    MenteeRequest.objects.bulk_create(MenteeRequest(person=p, status="paired") for p in mentees)
    form = MentoringForm.objects.filter(group="form").first()
    pairs = Pair.objects.bulk_create(
        Pair(
            organisation=school,
            form=form,
            goal="Адаптация",
            period_start=date(2025, 9, 1),
            period_end=date(2026, 5, 31),
            status="active",
        )
        for _ in range(25)
    )
    PairMember.objects.bulk_create(
        [PairMember(pair=pair, person=mentors[i], role="mentor") for i, pair in enumerate(pairs)]
        + [PairMember(pair=pair, person=mentees[i], role="mentee") for i, pair in enumerate(pairs)]
    )
    make_roadmap(
        school,
        status=Roadmap.Status.APPROVED,
        stages=7,
        activities=4,
        period=(date(2025, 9, 1), date(2026, 8, 31)),
    )
    return school, mentors, mentees


def answer(campaign, person, rng) -> int:
    """``person`` answers the campaign; returns the number of answers written."""
    response = Response.objects.create(
        campaign=campaign, respondent=None if campaign.anonymous else person
    )
    rows = [
        Answer(response=response, question_id=qid, **value)
        for qid, value in _answers(campaign, rng, 8).items()
    ]
    Answer.objects.bulk_create(rows)
    Invitation.objects.filter(campaign=campaign, person=person).update(answered=True)
    return len(rows)


def campaigns(school, mentors, mentees):
    result = []
    for key, people in (("mentor", mentors), ("mentee", mentees)):
        questionnaire = services.questionnaire_copy_standard(organisation=school, key=key, by=None)
        result.append(
            services.campaign_start(
                questionnaire=questionnaire,
                starts_on=START,
                ends_on=START + timedelta(days=30),
                audience=Campaign.Audience.CHOSEN,
                anonymous=key == "mentee",
                chosen=people,
                by=None,
            )
        )
    return result


def measure(year) -> tuple[float, float, int, int]:
    """Time and queries of one export, then its peak Python memory in a second run
    (tracemalloc slows Python down several times, so it must not be on while timing)."""
    began = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        data = workbook_bytes(monitoring_workbook(year))
    elapsed = time.perf_counter() - began
    tracemalloc.start()
    workbook_bytes(monitoring_workbook(year))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / 2**20, len(captured), len(data)


def main():
    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    began = time.perf_counter()
    department = DepartmentFactory()
    schools, total_answers = [], 0
    for index in range(SCHOOLS):
        school, mentors, mentees = school_with_people(department, rng)
        people = list(Person.objects.filter(organisation=school).order_by("pk"))
        # Half of the school is asked the mentor questionnaire, half the mentee one.
        mentor_campaign, mentee_campaign = campaigns(school, people[:50], people[50:])
        target = ANSWERS * (index + 1) // SCHOOLS
        for number in range(50):
            for campaign, person in (
                (mentor_campaign, people[number]),
                (mentee_campaign, people[50 + number]),
            ):
                if total_answers < target:
                    total_answers += answer(campaign, person, rng)
        schools.append(MonitoringYear.objects.create(organisation=school, year=YEAR))
    print(
        f"data: {SCHOOLS} schools, {Person.objects.count()} people, "
        f"{Answer.objects.count()} answers, built in {time.perf_counter() - began:.0f} s"
    )
    times, peaks, queries = [], [], set()
    for year in schools:
        elapsed, peak, count, size = measure(year)
        times.append(elapsed)
        peaks.append(peak)
        queries.add(count)
    print(
        f"per school: {min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms, "
        f"peak {max(peaks):.1f} MiB, queries {sorted(queries)}; "
        f"whole district (30 workbooks): {sum(times):.1f} s"
    )
    # The worst single workbook: one school with all 20,000 answers.
    big, mentors, mentees = school_with_people(department, rng)
    mentor_campaign, _ = campaigns(big, mentors, mentees)
    questions = list(mentor_campaign.questionnaire.questions.all())
    responses = Response.objects.bulk_create(
        Response(campaign=mentor_campaign) for _ in range(ANSWERS // len(questions))
    )
    Answer.objects.bulk_create(
        (
            Answer(response=response, question=q, number=rng.randint(5, 10))
            if q.kind == "scale"
            else Answer(response=response, question=q, text="Ответ")
            for response in responses
            for q in questions
        ),
        batch_size=2000,
    )
    year = MonitoringYear.objects.create(organisation=big, year=YEAR)
    elapsed, peak, count, size = measure(year)
    print(
        f"one school with {ANSWERS} answers: {elapsed:.2f} s, peak {peak:.1f} MiB, "
        f"{count} queries, {size / 2**20:.1f} MiB xlsx"
    )


if __name__ == "__main__":
    main()
