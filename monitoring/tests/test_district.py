"""The coordinator's district table: a row per school of the department, counted by hand on a
small district, sorted on the server, each figure linked to the school's read-only page; and the
same number of queries for 2 schools as for 30."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring import services
from monitoring.district import district_rows, sort_rows
from monitoring.tests.factories import make_pair, make_year
from pairs.tests.factories import give_consent, mentee_in_bank, mentor_in_bank
from participants.models import Person, Role
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import make_roadmap
from tests.factories import (
    DepartmentFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
    make_member,
)

TODAY = date(2026, 12, 4)
YEAR = 2025
PERIOD = (date(2025, 9, 1), date(2026, 8, 31))


def fill_school(school, *, with_roadmap=True):
    """One school's year 2025/2026, counted by hand:
    - roadmap approved 28.09.2026 (the factory's order), 4 activities due 31.10.2025: one done,
      one cancelled, one reported, one planned → 1 of 3 done (33.3 %), 1 overdue (33.3 %);
    - 2 mentors and 3 mentees in the banks (with consents);
    - 2 pairs of the year, one «ученик – ученик»;
    - 2 teachers under 35, one a mentee of a pair → 50 %;
    - 4 pupils aged 10–18, one mentee and one mentor of the pupils' pair → 50 %.
    """
    if with_roadmap:
        roadmap = make_roadmap(
            school,
            status=Roadmap.Status.APPROVED,
            stages=1,
            activities=4,
            period=PERIOD,
            title="Дорожная карта на 2025/2026 учебный год",
        )
        done, cancelled, reported, _planned = Activity.objects.filter(
            stage__roadmap=roadmap
        ).order_by("order")
        Activity.objects.filter(pk=done.pk).update(status=Activity.Status.DONE)
        Activity.objects.filter(pk=cancelled.pk).update(status=Activity.Status.CANCELLED)
        Activity.objects.filter(pk=reported.pk).update(status=Activity.Status.REPORTED)
    for _ in range(2):
        mentor_in_bank(PersonFactory(organisation=school))
    for _ in range(3):
        mentee_in_bank(PersonFactory(organisation=school))
    young = [PersonFactory(organisation=school, birth_date=date(1996, 1, 1)) for _ in range(2)]
    pupils = [
        PersonFactory(organisation=school, category="student", birth_date=date(2011, 1, 1))
        for _ in range(4)
    ]
    make_pair(school, mentees=[young[0]])
    make_pair(school, mentors=[pupils[0]], mentees=[pupils[1]], form_name="ученик – ученик")


@pytest.fixture
def district(world):
    """The world's department with its school filled, a second school with nothing but one
    person, and a school of another department (never shown)."""
    fill_school(world.school)
    empty = OrganisationFactory(parent=world.department, short_name="МБОУ ООШ № 9")
    PersonFactory(organisation=empty)
    foreign = OrganisationFactory(parent=DepartmentFactory(), short_name="Чужая СОШ")
    fill_school(foreign)
    return world


def row_of(rows, school):
    return next(row for row in rows if row.school == school)


def test_a_row_per_school_of_the_department_counted_by_hand(district):
    rows = district_rows(district.department, YEAR, today=TODAY)
    assert [row.school.short_name for row in rows] == ["МАОУ гимназия № 2", "МБОУ ООШ № 9"]
    full = row_of(rows, district.school)
    assert full.roadmap_approved_on == date(2026, 9, 28)
    assert (full.activities, full.done, full.overdue) == (3, 1, 1)
    assert full.done_percent == full.overdue_percent == Decimal("33.3")
    assert (full.mentors, full.mentees) == (2, 3)
    assert full.pairs == 2
    assert full.by_form["ученик – ученик"] == 1
    assert sum(full.by_form.values()) == 2
    assert full.young == Decimal("50.0")
    assert full.pupils == Decimal("50.0")
    assert full.pupils_below_target
    # Without a consent: the 6 personas, the 2 young teachers, the 4 pupils, and the pair
    # members the factory made (1 mentor of the teachers' pair) = 13.
    assert full.consents_missing == 13
    assert full.last_change is not None
    assert full.lags == ["просрочено мероприятий: 1", "мониторинг не утверждён к 31.08.2026"]
    empty = rows[1]
    assert empty.roadmap is None and empty.activities == 0 and empty.done_percent is None
    assert empty.consents_missing == 1 and empty.pairs == 0
    assert empty.lags[0] == "нет утверждённой дорожной карты"


def test_consents_given_are_not_missing(district):
    for person in Person.objects.filter(organisation=district.school, category="student"):
        give_consent(person)
    full = row_of(district_rows(district.department, YEAR, today=TODAY), district.school)
    assert full.consents_missing == 13 - 4


def test_an_approved_year_shows_its_frozen_figures(district):
    year = make_year(district.school, YEAR)
    services.monitoring_year_approve(monitoring_year=year, by=district.user("curator"))
    make_pair(district.school)  # after approval: the district keeps seeing what was approved
    full = row_of(district_rows(district.department, YEAR, today=TODAY), district.school)
    assert full.frozen and full.pairs == 2 and sum(full.by_form.values()) == 2
    assert full.pupils == Decimal("50.0")
    assert "мониторинг не утверждён к 31.08.2026" not in full.lags


def test_sorting_puts_empty_values_last_and_falls_back_to_the_name(district):
    rows = district_rows(district.department, YEAR, today=TODAY)
    by_pupils, applied = sort_rows(rows, "-pupils")
    assert applied == "-pupils"
    assert [r.school.short_name for r in by_pupils] == ["МАОУ гимназия № 2", "МБОУ ООШ № 9"]
    by_pupils, _ = sort_rows(rows, "pupils")
    assert by_pupils[-1].pupils is None
    by_consents, _ = sort_rows(rows, "consents")
    assert [r.consents_missing for r in by_consents] == [1, 13]
    _rows, applied = sort_rows(rows, "-nonsense")
    assert applied == "school"


def test_the_page_sorts_on_the_server_and_links_each_figure(district, client_for):
    client = client_for("coordinator")
    page = client.get(reverse("monitoring:district"), {"year": YEAR, "sort": "-consents"})
    content = page.content.decode()
    assert page.status_code == 200
    table = content[content.index('data-testid="district-table"') :]
    assert table.index("МАОУ гимназия № 2") < table.index("МБОУ ООШ № 9")
    assert "Чужая СОШ" not in content
    school_url = reverse("monitoring:district_school", args=[district.school.pk])
    assert f"{school_url}?year={YEAR}#pairs" in content
    assert 'aria-sort="descending"' in content
    assert "?year=2025&amp;sort=consents" in content  # the next click sorts ascending
    # A lagging row is red and says why in words, not by colour only.
    assert 'class="table-danger"' in content
    assert "Отстаёт: нет утверждённой дорожной карты" in content
    assert "<svg" in content  # the chart comparing the schools
    ascending = client.get(reverse("monitoring:district"), {"year": YEAR, "sort": "consents"})
    text = ascending.content.decode().split('data-testid="district-table"')[1]
    assert text.index("МБОУ ООШ № 9") < text.index("МАОУ гимназия № 2")


def test_the_home_of_a_coordinator_in_the_department_is_the_table(district, client):
    client.force_login(district.user("coordinator"))
    content = client.get("/").content.decode()
    assert 'data-testid="district-table"' in content
    assert "МБОУ ООШ № 9" in content and "Чужая СОШ" not in content


def test_a_school_s_page_is_read_only_and_shows_no_pupil(district, client_for):
    pupil = Person.objects.filter(organisation=district.school, category="student").first()
    Person.objects.filter(pk=pupil.pk).update(last_name="Ученикова")
    page = client_for("coordinator").get(
        reverse("monitoring:district_school", args=[district.school.pk]), {"year": YEAR}
    )
    content = page.content.decode()
    assert page.status_code == 200
    assert "Ученикова" not in content
    assert "Доля обучающихся в возрасте от 10 до 18 лет" in content
    assert 'title="Обучающиеся от 10 до 18 лет' in content  # how it is computed
    assert "<form" in content and "approve" not in content


def test_another_department_s_school_is_not_found(district, client_for):
    foreign = OrganisationFactory(parent=DepartmentFactory())
    response = client_for("coordinator").get(
        reverse("monitoring:district_school", args=[foreign.pk])
    )
    assert response.status_code == 404


def test_a_coordinator_of_another_department_does_not_see_this_one(district, client):
    other = DepartmentFactory()
    make_member(other, "coordinator2", Role.COORDINATOR)
    client.force_login(Person.objects.get(user__username="coordinator2").user)
    assert (
        client.get(reverse("monitoring:district_school", args=[district.school.pk])).status_code
        == 404
    )
    content = client.get(reverse("monitoring:district")).content.decode()
    assert "МАОУ гимназия № 2" not in content


@pytest.mark.parametrize("persona", ["curator", "director", "outsider"])
def test_a_school_s_staff_may_not_see_the_district(district, client_for, persona):
    client = client_for(persona)
    assert client.get(reverse("monitoring:district")).status_code == 403
    url = reverse("monitoring:district_school", args=[district.school.pk])
    assert client.get(url).status_code == 403


def test_a_bad_year_falls_back_to_the_current_one(district, client_for):
    page = client_for("coordinator").get(reverse("monitoring:district"), {"year": "1999"})
    assert "2026/2027 учебный год" in page.content.decode()


def make_district(size: int):
    department = DepartmentFactory()
    curator = UserFactory()
    for number in range(size):
        school = OrganisationFactory(parent=department, short_name=f"Школа № {number:03}")
        fill_school(school, with_roadmap=number % 3 != 2)
        if number % 2:
            services.monitoring_year_approve(monitoring_year=make_year(school, YEAR), by=curator)
        else:
            make_year(school, YEAR)
    return department


# Pinned: the schools; monitoring years and frozen snapshots; the live figures of
# monitoring.figures (pairs, banks ×2, young teachers, pupils ×2, roadmap due ×2, program items,
# invitations, satisfaction); the roadmaps in force, their activities counted, the overdue
# candidates and their year marks; consents; the last change in five histories.
DISTRICT_QUERIES = 24


@pytest.mark.parametrize("size", [2, 30])
def test_the_table_costs_the_same_queries_for_2_and_30_schools(db, size):
    department = make_district(size)
    with CaptureQueriesContext(connection) as queries:
        rows = district_rows(department, YEAR, today=TODAY)
    assert len(rows) == size
    assert len(queries) == DISTRICT_QUERIES, [q["sql"][:90] for q in queries]
