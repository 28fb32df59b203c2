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
from monitoring.tests.district_fixtures import make_district
from monitoring.tests.factories import make_pair, make_year
from pairs.tests.factories import give_consent
from participants.models import Person, Role
from tests.factories import (
    DepartmentFactory,
    OrganisationFactory,
    make_member,
)

TODAY = date(2026, 12, 4)
YEAR = 2025


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
