"""A region: does a school's page, or the district's, cost more when the database holds 300
schools? Loads the demo (``load_demo``: the gymnasium, the school № 5 and their department),
measures the main pages of the gymnasium as its curator and of the department as its coordinator
(median of ROUNDS through the test client, and the queries), then adds 298 schools to the same
department — 30,000 people in all, 200,000 answers, 60,000 roadmap activities, consents (some
withdrawn), banks, pairs with programs — with bulk_create, and measures the same pages again.
Prints a table: queries before/after (they must be equal) and the time ratio (goal ≤ 1.5×); the
district pages that show a row per school are compared per school.

Run by hand on a scratch PostgreSQL database (it is dropped and created again: never a real one):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/region_scale.py

``--schools 30`` loads a district instead; ``--keep`` measures an already loaded region again
(skip the flush and the load).
"""

import argparse
import os
import random
import statistics
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
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from monitoring import services as monitoring_services  # noqa: E402
from monitoring.models import (  # noqa: E402
    Answer,
    Campaign,
    Invitation,
    MonitoringYear,
    Response,
)
from pairs.models import MentoringForm, Pair, PairMember, Program, ProgramItem  # noqa: E402
from participants.models import (  # noqa: E402
    Consent,
    ConsentText,
    Membership,
    MenteeRequest,
    MentorProfile,
    Organisation,
    Person,
    Role,
)
from roadmap.deadlines import DeadlineKind  # noqa: E402
from roadmap.models import Activity, Roadmap, Stage  # noqa: E402

ROUNDS = 9
# Per added school; 300 schools make 30,000 people, 60,000 activities and 200,000 answers.
PEOPLE, ACTIVITIES, PAIRS, ANSWERS = 100, 200, 25, 667
YEAR = 2026
SCHOOL_NAME = "МАОУ гимназия № 2 г. Асино"


def add_school(department, number: int, answers: int, rng, forms) -> None:
    """One more school of the department, built with bulk_create (a few dozen queries)."""
    school = Organisation.objects.create(
        full_name=f"Муниципальное бюджетное общеобразовательное учреждение СОШ № {number}",
        short_name=f"МБОУ СОШ № {number}",
        parent=department,
        city="с. Новиковка",
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"r{number}u{n}", password=UNUSABLE_PASSWORD_PREFIX) for n in range(3)
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=school, role=role)
        for user, role in zip(users, (Role.CURATOR, Role.DIRECTOR, Role.MENTOR), strict=True)
    )
    people = Person.objects.bulk_create(
        Person(
            organisation=school,
            user=users[n] if n < 3 else None,
            last_name=f"Кравцова{n}",
            first_name="Елена",
            middle_name="Александровна",
            category=Person.Category.TEACHER if n < 70 else Person.Category.STUDENT,
            position="Учитель" if n < 70 else "",
            school_class="" if n < 70 else f"{5 + n % 7}А",
            birth_date=date(1960 + n % 40, 1 + n % 12, 1 + n % 28)
            if n < 70
            else date(2009 + n % 7, 1 + n % 12, 1 + n % 28),
        )
        for n in range(PEOPLE)
    )
    text = ConsentText.objects.create(organisation=school, version=1, body="Текст согласия")
    # Every tenth consent withdrawn: the region's withdrawals are what an unscoped query reads.
    Consent.objects.bulk_create(
        Consent(
            person=person,
            text=text,
            purposes="Цели",
            data_categories="ФИО",
            method=Consent.Method.PAPER,
            withdrawn_on=date(2026, 11, 1) if n % 10 == 9 else None,
        )
        for n, person in enumerate(people)
    )
    mentors, mentees = people[3:33], people[33:63]
    MentorProfile.objects.bulk_create(
        MentorProfile(person=p, status=MentorProfile.Status.IN_BANK) for p in mentors
    )
    MenteeRequest.objects.bulk_create(
        MenteeRequest(person=p, status=MenteeRequest.Status.PAIRED) for p in mentees
    )
    pairs = Pair.objects.bulk_create(
        Pair(
            organisation=school,
            form=forms[n % len(forms)],
            goal="Адаптация молодого специалиста",
            period_start=date(2026, 9, 1),
            period_end=date(2027, 5, 31),
            status=Pair.Status.ACTIVE,
        )
        for n in range(PAIRS)
    )
    PairMember.objects.bulk_create(
        member
        for n, pair in enumerate(pairs)
        for member in (
            PairMember(pair=pair, person=mentors[n], role=PairMember.Role.MENTOR),
            PairMember(pair=pair, person=mentees[n], role=PairMember.Role.MENTEE),
        )
    )
    programs = Program.objects.bulk_create(
        Program(pair=pair, goals="Цели", tasks="Задачи") for pair in pairs
    )
    ProgramItem.objects.bulk_create(
        ProgramItem(program=program, title=f"Пункт {k}", due=date(2026, 10, 1) + timedelta(30 * k))
        for program in programs
        for k in range(4)
    )
    roadmap = Roadmap.objects.create(
        organisation=school,
        title="Дорожная карта на 2026/2027 учебный год",
        period_start=date(2026, 9, 1),
        period_end=date(2027, 8, 31),
        status=Roadmap.Status.APPROVED,
    )
    stages = Stage.objects.bulk_create(
        Stage(roadmap=roadmap, order=k, title=f"Этап {k}") for k in range(1, 6)
    )
    activities = Activity.objects.bulk_create(
        Activity(
            stage=stages[n % 5],
            order=n,
            title=f"Мероприятие {n}",
            result_form="Приказ",
            responsible_roles="Рабочая группа",
            deadline_text="до …",
            deadline_kind=DeadlineKind.DATE,
            deadline_due=date(2026, 9, 15) + timedelta(days=n),
        )
        for n in range(ACTIVITIES)
    )
    Through = Activity.responsible_people.through
    Through.objects.bulk_create(
        Through(activity=activity, person=people[n % 70]) for n, activity in enumerate(activities)
    )
    MonitoringYear.objects.create(organisation=school, year=YEAR)
    questionnaire = monitoring_services.questionnaire_copy_standard(
        organisation=school, key="mentor", by=None
    )
    campaign = Campaign.objects.create(
        organisation=school,
        questionnaire=questionnaire,
        starts_on=date(2026, 10, 1),
        ends_on=date(2026, 10, 31),
        audience=Campaign.Audience.CHOSEN,
        anonymous=False,
    )
    respondents = people[3:]
    Invitation.objects.bulk_create(
        Invitation(campaign=campaign, person=p, answered=True) for p in respondents
    )
    questions = list(questionnaire.questions.all())
    count = -(-answers // len(questions))
    assert count <= len(respondents), "one response per person: more people or fewer answers"
    responses = Response.objects.bulk_create(
        Response(campaign=campaign, respondent=respondents[n]) for n in range(count)
    )
    rows = []
    for response in responses:
        for question in questions:
            if len(rows) == answers:
                break
            if question.kind == "scale":
                rows.append(Answer(response=response, question=question, number=rng.randint(5, 10)))
            else:
                rows.append(Answer(response=response, question=question, text="Ответ"))
    Answer.objects.bulk_create(rows, batch_size=2000)


def load_region(schools: int) -> None:
    department = Organisation.objects.get(kind=Organisation.Kind.DEPARTMENT)
    forms = list(MentoringForm.objects.all())
    rng = random.Random(16)
    added = schools - Organisation.objects.filter(parent=department).count()
    began = time.perf_counter()
    for index in range(added):
        with transaction.atomic():
            add_school(department, 100 + index, ANSWERS, rng, forms)
        if index % 50 == 49:
            print(f"  {index + 1} schools added, {time.perf_counter() - began:.0f} s", flush=True)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


# District pages with a row per school: the page grows with the schools by what it shows, so it is
# compared per school (its time divided by the number of schools), not as a whole.
PER_SCHOOL = {"главная управления", "район: таблица", "карта по школам"}


def pages() -> list[tuple[str, str, str]]:
    """(who, label, url) of the main pages of the gymnasium and of the department."""
    school = Organisation.objects.get(short_name=SCHOOL_NAME)
    department = school.parent
    pair = Pair.objects.filter(organisation=school, status=Pair.Status.ACTIVE).first()
    person = Person.objects.filter(organisation=school, category="teacher").first()
    roadmap = Roadmap.objects.filter(organisation=school, status=Roadmap.Status.APPROVED).latest(
        "period_start"
    )
    year = MonitoringYear.objects.get(organisation=school, year=YEAR)
    campaign = Campaign.objects.filter(organisation=school).first()
    municipal = Roadmap.objects.get(organisation=department, status=Roadmap.Status.APPROVED)
    return [
        ("curator", "главная школы", "/"),
        ("curator", "участники", "/people/"),
        ("curator", "карточка участника", f"/people/{person.pk}/"),
        ("curator", "банк наставляемых", "/banks/mentees/"),
        ("curator", "банк наставников", "/banks/mentors/"),
        ("curator", "пары", "/pairs/"),
        ("curator", "пара", f"/pairs/{pair.pk}/"),
        ("curator", "новая пара (форма)", "/pairs/new/"),
        ("curator", "программы", "/pairs/programs/"),
        ("curator", "приказы", "/pairs/orders/"),
        ("curator", "дорожные карты", "/roadmap/"),
        ("curator", "дорожная карта", f"/roadmap/{roadmap.pk}/"),
        ("curator", "мои мероприятия", "/roadmap/my/"),
        ("curator", "мониторинг: годы", "/monitoring/"),
        ("curator", "мониторинг: год", f"/monitoring/years/{year.pk}/"),
        ("curator", "анкеты", "/monitoring/questionnaires/"),
        ("curator", "анкетирование", f"/monitoring/campaigns/{campaign.pk}/"),
        ("curator", "уведомления", "/notifications/"),
        ("coordinator", "главная управления", "/"),
        ("coordinator", "район: таблица", "/monitoring/district/"),
        ("coordinator", "район: школа", f"/monitoring/district/schools/{school.pk}/"),
        ("coordinator", "муниципальная дорожная карта", f"/roadmap/{municipal.pk}/"),
        ("coordinator", "карта по школам", f"/roadmap/{municipal.pk}/schools/"),
    ]


def clients() -> dict[str, Client]:
    User = get_user_model()
    result = {}
    for login in ("curator", "coordinator"):
        client = Client()
        client.force_login(User.objects.get(username=login))
        result[login] = client
    return result


def measure() -> dict[str, tuple[int, float, float, int]]:
    """label → (queries, median ms, best ms, bytes). The best of ROUNDS is printed beside the
    median: on a shared machine it is the steadier of the two."""
    result = {}
    by_login = clients()
    for who, label, url in pages():
        client = by_login[who]
        connection.queries_log.clear()  # a full log (9,000 entries) would capture nothing
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        queries = list(captured)  # read now: a reconnection later empties the log
        assert response.status_code == 200, (url, response.status_code)
        client.get(url)
        times = []
        for _ in range(ROUNDS):
            began = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - began)
        result[f"{who}: {label}"] = (
            len(queries),
            statistics.median(times) * 1000,
            min(times) * 1000,
            len(response.content),
        )
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=300)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("region_scale.py measures PostgreSQL: set DATABASE_URL=postgres://…")
    if not args.keep:
        from bench.concurrency import recreate_postgres

        recreate_postgres(os.environ["DATABASE_URL"])
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
        small = measure()
        began = time.perf_counter()
        load_region(args.schools)
        print(
            f"loaded {args.schools} schools in {time.perf_counter() - began:.0f} s: "
            f"{Person.objects.count()} people, {Answer.objects.count()} answers, "
            f"{Activity.objects.count()} activities, {Consent.objects.count()} consents"
        )
    else:
        small = None
    large = measure()
    print(f"\n{connection.vendor}, median of {ROUNDS}, the test client")
    print(
        f"{'page':<44} {'queries':>9} {'median ms':>15} {'ratio':>6} {'best ms':>15} {'ratio':>6}"
        f" {'KiB':>9}"
    )
    schools = {"small": 2, "large": Organisation.objects.filter(kind="school").count()}
    for label, (queries, ms, best, size) in large.items():
        if small:
            q0, ms0, best0, size0 = small[label]
            per_school = label.split(": ", 1)[1] in PER_SCHOOL
            if per_school:  # a row per school: compared per row
                ms0, best0 = ms0 / schools["small"], best0 / schools["small"]
                ms, best = ms / schools["large"], best / schools["large"]
                label = f"{label} (на школу)"
            print(
                f"{label:<44} {q0:>4}→{queries:<4} {ms0:>7.1f}→{ms:<7.1f} {ms / ms0:>5.2f}×"
                f" {best0:>7.1f}→{best:<7.1f} {best / best0:>5.2f}× "
                f"{size0 / 1024:>4.0f}→{size / 1024:<4.0f}"
                + ("  QUERIES DIFFER" if q0 != queries else "")
                + ("  > 1.5×" if min(ms / ms0, best / best0) > 1.5 else "")
            )
        else:
            print(f"{label:<44} {queries:>9} {ms:>15.1f} {'':>6} {best:>15.1f}")


if __name__ == "__main__":
    main()
