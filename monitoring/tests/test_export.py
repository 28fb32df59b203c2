"""The Excel workbook for the region, read back with openpyxl."""

from datetime import date, datetime
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from mentoring_portal.excel import workbook_bytes
from monitoring import services
from monitoring.exports import monitoring_workbook
from monitoring.tests.factories import full_answers, make_pair, make_year, open_campaign
from pairs.tests.factories import mentor_in_bank
from tests.factories import PersonFactory

SHEETS = ["Показатели", "Сводка", "Пары", "Наставники", "Наставляемые", "Дорожная карта", "Анкеты"]


def _workbook(client, year):
    response = client.get(reverse("monitoring:year_export", args=[year.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))


def test_workbook_sheets_headers_values_and_charts(world, client_for):
    school = world.school
    year = make_year(school)
    mentor = PersonFactory(organisation=school, last_name="Соколова")
    mentor_in_bank(mentor)
    make_pair(school, mentors=[mentor])
    campaign = open_campaign(school, people=[world.people["mentee"]], starts_on=date(2025, 10, 1))
    services.response_submit(
        campaign=campaign, person=world.people["mentee"], answers=full_answers(campaign, scale=9)
    )
    book = _workbook(client_for("director"), year)
    assert book.sheetnames == SHEETS
    indicators = book["Показатели"]
    assert indicators["A1"].value == (
        f"{school.short_name}: мониторинг программы наставничества, 2025/2026 учебный год"
    )
    assert indicators["A1"].font.b
    assert indicators["A2"].value.startswith("Проект: значения рассчитаны на ")
    assert [c.value for c in indicators[3]][:5] == [
        "Этап",
        "Показатель",
        "Единица",
        "Целевое значение",
        "Значение 2025/2026",
    ]
    assert indicators.freeze_panes == "A4"
    assert indicators.auto_filter.ref.startswith("A3:")
    assert indicators[3][0].font.b
    pairs_row = next(
        r
        for r in indicators.iter_rows(min_row=4)
        if r[1].value.startswith("Сформировано наставнических пар")
    )
    assert pairs_row[4].value == 1 and pairs_row[4].data_type == "n"
    assert pairs_row[4].number_format == "0"  # a count reads «1», not «1,0»
    pair_sheet = book["Пары"]
    assert pair_sheet["D2"].value == mentor.full_name
    assert isinstance(pair_sheet["G2"].value, datetime)  # a real date
    assert pair_sheet["G2"].number_format == "DD.MM.YYYY"
    assert book["Наставники"]["A2"].value == mentor.full_name
    answers = book["Анкеты"]
    rows = list(answers.iter_rows(min_row=2, values_only=True))
    assert len(rows) == campaign.questionnaire.questions.count()
    assert rows[0][8] == 9  # a scale answer, as a number
    assert rows[0][4] == world.people["mentee"].full_name
    summary = book["Сводка"]
    assert len(summary._charts) == 3
    assert summary["A1"].value == "Оценка удовлетворённости"
    assert summary["C10"].value == 2  # the mentee's two satisfaction marks of 9


def test_no_data_of_a_person_whose_consent_is_withdrawn(world, client_for):
    school = world.school
    year = make_year(school)
    withdrawn = PersonFactory(organisation=school, last_name="Отозвавшая")
    mentor_in_bank(withdrawn)
    withdrawn.consents.update(withdrawn_on=date(2026, 1, 10))
    make_pair(school, mentors=[withdrawn])
    book = _workbook(client_for("curator"), year)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not any("Отозвавшая" in str(value) for value in row if value)


def _queries(year, pairs: int) -> int:
    school = year.organisation
    for _ in range(pairs):
        make_pair(school)
    with CaptureQueriesContext(connection) as context:
        workbook_bytes(monitoring_workbook(year))
    return len(context)


def test_query_count_is_the_same_for_10_and_500_pairs(world):
    small = _queries(make_year(world.school), 10)
    large = _queries(make_year(world.other_school), 500)
    assert small == large


def test_the_indicator_sheet_and_the_page_share_one_row_source(world, client_for):
    """The page's table and the Excel sheet both read ``YearReport.rows()``."""
    from monitoring.exports import YearExport, indicator_sheet

    year = make_year(world.school)
    make_pair(world.school)
    export = YearExport.of(year)
    rows = export.report.rows()
    sheet = indicator_sheet(export)
    assert [[r.stage, r.title, r.unit, r.target, r.value, r.previous] for r in rows] == [
        excel_row[:6] for excel_row in sheet.rows
    ]
    page = client_for("curator").get(reverse("monitoring:year_detail", args=[year.pk]))
    table = page.content.decode()
    assert all(row.title in table for row in rows)
    formed = next(r for r in rows if r.title.startswith("Сформировано наставнических пар"))
    assert formed.value == 1
