"""Every workbook the portal exports, read back with openpyxl as a printer and the region see it:
each sheet prints fitted to the page's width (landscape when wide) with its header rows repeated,
the school (or district) and the year are in a title cell, the workbook's properties, the page
header and the file name; counts are whole numbers, dates are ДД.ММ.ГГГГ, charts' axes are set.
"""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mentoring_portal.excel import PORTRAIT_WIDTH
from monitoring import services
from monitoring.tests.district_fixtures import YEAR
from monitoring.tests.factories import full_answers, make_pair, make_year, open_campaign
from pairs.tests.factories import mentor_in_bank
from roadmap.tests.factories import make_roadmap
from tests.factories import PersonFactory


def _download(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response, load_workbook(BytesIO(response.content))


def _school_year(world):
    school = world.school
    year = make_year(school)
    mentor = PersonFactory(organisation=school, last_name="Соколова")
    mentor_in_bank(mentor)
    make_pair(school, mentors=[mentor])
    campaign = open_campaign(school, people=[world.people["mentee"]], starts_on=date(2025, 10, 1))
    services.response_submit(
        campaign=campaign, person=world.people["mentee"], answers=full_answers(campaign, scale=9)
    )
    return year


def assert_prints_as_a_document(book, organisation: str, period: str):
    assert book.properties.subject == organisation
    assert period in book.properties.title
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        width = sum(d.width or 8.43 for d in sheet.column_dimensions.values())
        if width > PORTRAIT_WIDTH:
            assert setup.orientation == "landscape", (sheet.title, width)
        elif not sheet._charts:
            assert setup.orientation == "portrait", (sheet.title, width)
        assert sheet.oddHeader.left.text == f"{organisation} · {period}"
        if sheet.freeze_panes:
            frozen = int(sheet.freeze_panes.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) - 1
            assert sheet.print_title_rows == f"$1:${frozen}", sheet.title
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, datetime):
                    assert cell.number_format == "DD.MM.YYYY", (sheet.title, cell.coordinate)


def assert_axes_shown(chart, *, maximum=None):
    assert chart.x_axis.title is not None and chart.y_axis.title is not None
    assert chart.y_axis.scaling.min == 0
    assert chart.y_axis.scaling.max == maximum
    assert chart.x_axis.delete is False and chart.y_axis.delete is False


def test_the_school_workbook_prints_names_the_school_and_counts_whole(world, client_for):
    year = _school_year(world)
    url = reverse("monitoring:year_export", args=[year.pk])
    response, book = _download(client_for("curator"), url)
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="monitoring-maou-gimnaziya-2-2025-2026.xlsx"'
    )
    assert_prints_as_a_document(book, "МАОУ гимназия № 2", "2025/2026 учебный год")
    assert book.properties.title == "Мониторинг программы наставничества, 2025/2026 учебный год"
    indicators = book["Показатели"]
    assert indicators.page_setup.orientation == "landscape"
    assert indicators.print_title_rows == "$1:$3"  # the title, the state and the header
    by_unit = {}
    for row in indicators.iter_rows(min_row=4):
        if row[4].value is not None:
            by_unit.setdefault(row[2].value, set()).add(row[4].number_format)
    assert by_unit["шт."] == {"0"} and by_unit["чел."] == {"0"}
    assert by_unit["%"] == {"0.0"}
    assert by_unit["балл"] == {"0.00"}
    pairs = book["Пары"]
    assert pairs["F1"].value == "Наставляемых"
    assert (pairs["F2"].value, pairs["F2"].number_format) == (1, "0")
    assert pairs["G2"].number_format == "DD.MM.YYYY"
    summary = book["Сводка"]
    # Three columns of figures, and the charts beside them: the page turns to fit both.
    assert summary.page_setup.orientation == "landscape"
    assert (summary["C10"].value, summary["C10"].number_format) == (2, "0")
    satisfaction, roadmap, forms = summary._charts
    assert_axes_shown(satisfaction)
    assert_axes_shown(roadmap, maximum=100)
    assert_axes_shown(forms)
    assert book["Анкеты"]["I2"].number_format == "0"


def test_an_approved_years_title_says_when_it_was_approved(world, client_for):
    year = make_year(world.school)
    services.monitoring_year_approve(monitoring_year=year, by=world.user("curator"))
    year.refresh_from_db()
    _, book = _download(client_for("director"), reverse("monitoring:year_export", args=[year.pk]))
    approved = f"{year.approved_at.astimezone().date():%d.%m.%Y}"
    assert book["Показатели"]["A2"].value == (
        f"Отчёт утверждён {approved}: значения зафиксированы."
    )


def test_the_school_workbook_is_refused_to_others(world, client_for):
    year = make_year(world.school)
    url = reverse("monitoring:year_export", args=[year.pk])
    assert client_for("mentor").get(url).status_code == 403
    assert client_for("teacher").get(url).status_code == 403
    other = make_year(world.other_school)
    assert (
        client_for("curator").get(reverse("monitoring:year_export", args=[other.pk])).status_code
        == 404
    )
    assert (
        client_for("curator")
        .get(reverse("monitoring:year_export", args=[other.pk + 1000]))
        .status_code
        == 404
    )


def test_the_school_workbook_costs_a_pinned_number_of_queries(
    world, client_for, django_assert_num_queries
):
    year = _school_year(world)
    for _ in range(5):
        make_pair(world.school)
    client = client_for("curator")
    url = reverse("monitoring:year_export", args=[year.pk])
    client.get(url)  # warm: the session and the user's memberships are read as on any page
    with django_assert_num_queries(SCHOOL_WORKBOOK_QUERIES):
        assert client.get(url).status_code == 200


SCHOOL_WORKBOOK_QUERIES = 38
DISTRICT_WORKBOOK_QUERIES = 49


def test_the_district_workbook_names_the_district_and_prints(district, client_for):
    url = reverse("monitoring:district_workbook")
    response, book = _download(client_for("coordinator"), url, year=YEAR)
    assert response["Content-Disposition"] == (
        'attachment; filename="monitoring-upravlenie-obrazovaniya-asinovskogo-rayona-'
        f'{YEAR}-{YEAR + 1}.xlsx"'
    )
    department = "Управление образования Асиновского района"
    assert_prints_as_a_document(book, department, f"{YEAR}/{YEAR + 1} учебный год")
    summary = book["Сводка"]
    assert summary["A1"].value.startswith(department)
    assert summary.print_title_rows == "$1:$3"
    assert summary.page_setup.orientation == "landscape"
    school_row = next(r for r in summary.iter_rows(min_row=4) if r[0].value == "МАОУ гимназия № 2")
    for cell in (school_row[4], school_row[5], school_row[6], school_row[9]):  # counts
        assert cell.number_format == "0", cell.coordinate
    assert len(summary._charts) == 4
    # Pupils, young teachers and the roadmap are percentages (0 to 100); pairs are a count.
    for chart, maximum in zip(summary._charts, (100, 100, 100, None), strict=True):
        assert_axes_shown(chart, maximum=maximum)
    by_form = book["Пары по формам"]
    assert by_form["B4"].value is not None
    assert by_form["B4"].number_format == "0"


def test_the_district_workbook_with_a_bad_year_is_the_current_year(district, client_for):
    response, book = _download(
        client_for("coordinator"), reverse("monitoring:district_workbook"), year="двадцать"
    )
    assert (
        "monitoring-upravlenie-obrazovaniya-asinovskogo-rayona-"
        in (response["Content-Disposition"])
    )
    assert book.properties.title.endswith("учебный год")


def test_the_district_workbook_is_the_coordinators_only(district, client_for):
    url = reverse("monitoring:district_workbook")
    for persona in ("curator", "director", "teacher"):
        assert client_for(persona).get(url).status_code == 403, persona


def test_the_district_workbook_costs_a_pinned_number_of_queries(
    district, client_for, django_assert_num_queries
):
    client = client_for("coordinator")
    url = reverse("monitoring:district_workbook")
    client.get(url, {"year": YEAR})
    with django_assert_num_queries(DISTRICT_WORKBOOK_QUERIES):
        assert client.get(url, {"year": YEAR}).status_code == 200


@pytest.mark.parametrize("bank", ["mentor_bank_export", "mentee_bank_export"])
def test_the_bank_workbooks_print_with_the_school(world, client_for, bank):
    _, book = _download(client_for("curator"), reverse(f"participants:{bank}"))
    today = f"{date.today():%d.%m.%Y}"
    assert_prints_as_a_document(book, "МАОУ гимназия № 2", f"на {today}")


def test_the_roadmap_workbook_prints_landscape_with_its_header_repeated(world, client_for):
    roadmap = make_roadmap(world.school)
    _, book = _download(client_for("curator"), reverse("roadmap:xlsx", args=[roadmap.pk]))
    assert_prints_as_a_document(book, "МАОУ гимназия № 2", roadmap.period_label)
    sheet = book.worksheets[0]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$1"
