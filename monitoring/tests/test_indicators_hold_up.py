"""The three contradictions a curator found in the monitoring, each on a fixture counted by hand,
and the indicators added for the district: pupils 10–18, young teachers with a mentor, pairs by
form and kind, and the tooltip saying how each is computed."""

from datetime import date
from decimal import Decimal
from io import BytesIO

from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from monitoring import services
from monitoring.indicators import COMPUTED, HOW, compute_indicators
from monitoring.tests.factories import make_pair, make_year
from pairs.tests.factories import mentee_in_bank
from participants.models import Organisation
from roadmap.models import Roadmap
from roadmap.tests.factories import make_roadmap
from tests.factories import PersonFactory

TODAY = date(2026, 6, 30)


def values(organisation, year=2025, today=TODAY):
    return {
        v.code: v.value
        for v in compute_indicators(organisation=organisation, year=year, today=today)
    }


def test_a_pair_of_another_year_does_not_make_mentees_paired_this_year(school):
    # «0 пар» next to «66,7 % закреплены»: 3 mentees in the bank, 2 of them paired in 2023/2024.
    paired_then = [PersonFactory(organisation=school) for _ in range(2)]
    waiting = PersonFactory(organisation=school)
    for mentee in (*paired_then, waiting):
        mentee_in_bank(mentee)
    for mentee in paired_then:
        make_pair(school, mentees=[mentee], period=(date(2023, 9, 1), date(2024, 5, 31)))
    this_year = values(school, 2025)
    assert this_year["pairs_formed"] == Decimal(0)
    assert this_year["mentees_with_pair"] == Decimal("0.0")
    # In the year the pairs worked, 2 of the 3 were paired.
    then = values(school, 2023, today=date(2024, 6, 30))
    assert (then["pairs_formed"], then["mentees_with_pair"]) == (Decimal(2), Decimal("66.7"))


def test_the_demo_s_done_activities_count_as_done_on_time(db):
    # «Выполнено в срок 0 %» with five done: the demo accepted them when it was loaded, after
    # their deadlines. Counted by hand on 04.12.2026: 11 activities of the 2026/2027 roadmap
    # were due (31.10 ×5, 06.11 ×2, 13.11 ×2, 20.11, 27.11 ×2 minus the cancelled none … see
    # roadmap/demo.py MAIN_ROADMAP), 5 of them done and accepted before their due date.
    call_command("load_demo", verbosity=0)
    school = Organisation.objects.get(short_name="МАОУ гимназия № 2 г. Асино")
    result = values(school, 2026, today=date(2026, 12, 4))
    assert result["roadmap_on_time"] == Decimal("45.5")
    approved = school.monitoring_years.get(year=2025)
    frozen = {s.code: s.value for s in approved.snapshots.all()}
    if frozen["pairs_formed"] == 0 and frozen["groups_formed"] == 0:
        assert frozen["mentees_with_pair"] in (None, Decimal(0))


def test_the_workbook_keeps_the_deadline_the_page_understood(world, client_for):
    school = world.school
    roadmap = make_roadmap(
        school,
        status=Roadmap.Status.APPROVED,
        stages=1,
        activities=1,
        deadline="до 31 мая",
        period=(date(2030, 9, 1), date(2031, 8, 31)),
        title="Дорожная карта на 2030/2031 учебный год",
    )
    activity = roadmap.stages.get().activities.get()
    assert activity.deadline_due == date(2031, 5, 31)  # what the page shows
    year = make_year(school, 2030)
    response = client_for("curator").get(reverse("monitoring:year_export", args=[year.pk]))
    sheet = load_workbook(BytesIO(response.content))["Дорожная карта"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["Сроки (как записано)"] == "до 31 мая"
    assert row["Срок (как понят)"] == activity.deadline.describe()
    assert row["Срок в этом году"].date() == date(2031, 5, 31)
    assert row["Выполнено в срок"] == "—"  # not due yet: neither on time nor late


def test_pupils_10_to_18_as_mentees_and_mentors_by_form(school):
    # On 01.09.2025: aged 9, 10, 14, 16, 18, 19, and one without a birth date.
    born = [
        date(2016, 3, 1),
        date(2015, 8, 31),
        date(2011, 1, 1),
        date(2009, 5, 1),
        date(2007, 2, 1),
        date(2006, 8, 1),
    ]
    nine, ten, fourteen, sixteen, eighteen, nineteen = (
        PersonFactory(organisation=school, category="student", birth_date=d) for d in born
    )
    PersonFactory(organisation=school, category="student", birth_date=None)
    make_pair(school, mentors=[sixteen], mentees=[ten], form_name="ученик – ученик")
    make_pair(school, mentees=[fourteen, nine])
    make_pair(school, mentors=[nineteen], mentees=[eighteen], status="proposed")
    result = values(school)
    # 4 pupils aged 10–18 (10, 14, 16, 18): 2 mentees (10, 14), 1 mentor (16), 3 involved.
    assert result["pupils_mentees"] == Decimal("50.0")
    assert result["pupils_mentors"] == Decimal("25.0")
    assert result["pupils_involved"] == Decimal("75.0")
    lines = {
        v.title: v.value
        for v in compute_indicators(organisation=school, year=2025, today=TODAY)
        if v.code.startswith("pupils_") and "_form_" in v.code
    }
    assert lines["Обучающиеся 10–18 лет как наставники в форме «ученик – ученик»"] == 1
    assert lines["Обучающиеся 10–18 лет как наставляемые в форме «ученик – ученик»"] == 1


def test_young_teachers_with_a_mentor_and_pairs_by_form_and_kind(school):
    young = [PersonFactory(organisation=school, birth_date=date(1996, 1, 1)) for _ in range(4)]
    mentee_in_bank(young[0])
    make_pair(school, mentees=[young[1]])
    make_pair(school, mentees=[young[2], young[3]])
    result = values(school)
    assert result["young_teachers_with_mentor"] == Decimal("75.0")
    assert result["young_teachers_mentees"] == Decimal("100.0")
    breakdown = [
        v
        for v in compute_indicators(organisation=school, year=2025, today=TODAY)
        if v.code.startswith("pairs_")
    ]
    by_form = [v for v in breakdown if v.code.startswith("pairs_form_")]
    assert sum(v.value for v in by_form) == 2
    assert all(v.how for v in breakdown)


def test_every_indicator_says_how_it_is_computed(world, client_for):
    assert set(HOW) == set(COMPUTED)
    year = make_year(world.school)
    page = client_for("curator").get(reverse("monitoring:year_detail", args=[year.pk]))
    assert HOW["roadmap_on_time"] in page.content.decode()


def test_an_approved_year_keeps_its_breakdown_frozen(school, world):
    make_pair(school)
    year = make_year(school)
    services.monitoring_year_approve(monitoring_year=year, by=world.user("curator"))
    make_pair(school)
    frozen = {s.code: s.value for s in year.snapshots.all()}
    assert frozen["pairs_formed"] == 1
    assert sum(v for c, v in frozen.items() if c.startswith("pairs_form_")) == 1
