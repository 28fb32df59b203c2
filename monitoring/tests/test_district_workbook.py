"""The district workbook, read back with openpyxl: the table's rows (counted by hand in
test_district.py) for this year and the last, the district's line, how each figure is computed,
native charts, the department's roadmap; the same number of queries for 2 schools as for 30."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from mentoring_portal.excel import workbook_bytes
from monitoring import services
from monitoring.district_workbook import INDICATORS, district_workbook
from monitoring.tests.district_fixtures import YEAR, make_district
from monitoring.tests.factories import make_pair, make_year
from monitoring.tests.test_district import TODAY
from roadmap import municipal
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import make_roadmap


def read(workbook):
    return load_workbook(BytesIO(workbook_bytes(workbook)))


def table(sheet, header_row=3):
    """The sheet's rows under its header, as dicts keyed by the header."""
    rows = list(sheet.iter_rows(min_row=header_row, values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(row)]


def by_school(sheet):
    return {row["Школа"]: row for row in table(sheet)}


def test_a_sheet_per_indicator_with_last_year_beside_this_year(district):
    book = read(district_workbook(district.department, YEAR, today=TODAY))
    assert book.sheetnames[0] == "Сводка"
    assert book.sheetnames[-3:] == ["Пары по формам", "Пары по видам", "Дорожная карта района"]
    for indicator in INDICATORS:
        assert indicator.sheet in book.sheetnames
    pupils = book["Обучающиеся 10–18 в наставн."]
    assert pupils["A1"].value.startswith("Доля обучающихся в возрасте от 10 до 18 лет")
    assert pupils["A2"].value.startswith("Как считается: Обучающиеся от 10 до 18 лет")
    rows = by_school(pupils)
    # 4 pupils aged 10–18, 2 in the pair of 2025/2026; the year before, no pair at all.
    gymnasium = rows["МАОУ гимназия № 2"]
    assert (gymnasium["2024/2025"], gymnasium["2025/2026"], gymnasium["Изменение"]) == (
        0.0,
        50.0,
        50.0,
    )
    assert rows["МБОУ ООШ № 9"]["2025/2026"] is None  # no pupils: nothing to divide
    assert rows["Район, среднее по школам"]["2025/2026"] == 50.0
    assert "Чужая СОШ" not in rows
    pairs = by_school(book["Пары"])
    assert pairs["МАОУ гимназия № 2"]["2025/2026"] == 2
    assert pairs["Район, всего"]["2025/2026"] == 2
    assert pairs["Район, всего"]["2024/2025"] == 0
    done = by_school(book["Дорожная карта выполнена"])
    assert done["МАОУ гимназия № 2"]["2025/2026"] == pytest.approx(33.3)
    assert done["Район, по всем мероприятиям"]["2025/2026"] == pytest.approx(33.3)


def test_the_summary_is_the_table_s_rows_with_native_charts(district):
    book = read(district_workbook(district.department, YEAR, today=TODAY))
    summary = book["Сводка"]
    rows = by_school(summary)
    gymnasium = rows["МАОУ гимназия № 2"]
    assert gymnasium["Дорожная карта утверждена"].date() == date(2026, 9, 28)
    assert gymnasium["Пары и группы"] == 2
    assert gymnasium["Нет согласия"] == 13
    assert gymnasium["Отстаёт"] == "просрочено мероприятий: 1; мониторинг не утверждён к 31.08.2026"
    assert rows["МБОУ ООШ № 9"]["Дорожная карта утверждена"] == "нет"
    assert rows["Район"]["Нет согласия"] == 14
    assert rows["Район"]["Отстаёт"] == "отстают: 2 из 2"
    assert len(summary._charts) == 4


def test_breakdown_by_form_and_kind(district):
    book = read(district_workbook(district.department, YEAR, today=TODAY))
    forms = by_school(book["Пары по формам"])
    assert forms["МАОУ гимназия № 2"]["ученик – ученик"] == 1
    assert forms["МАОУ гимназия № 2"]["Всего"] == 2
    assert forms["Район, всего"]["Всего"] == 2
    kinds = by_school(book["Пары по видам"])
    assert kinds["Район, всего"]["Всего"] == 2


def test_a_past_year_approved_by_the_school_keeps_its_frozen_figures(district):
    last_year = make_year(district.school, YEAR - 1)
    make_pair(district.school, period=(date(2024, 9, 1), date(2025, 5, 31)))
    services.monitoring_year_approve(monitoring_year=last_year, by=district.user("curator"))
    make_pair(district.school, period=(date(2024, 9, 1), date(2025, 5, 31)))  # after approval
    book = read(district_workbook(district.department, YEAR, today=TODAY))
    pairs = by_school(book["Пары"])["МАОУ гимназия № 2"]
    assert pairs["2024/2025"] == 1  # what the school approved, not the 2 there are now


def test_the_department_s_roadmap_progress(district):
    roadmap = make_roadmap(
        district.department,
        status=Roadmap.Status.APPROVED,
        stages=1,
        activities=2,
        period=(date(2025, 9, 1), date(2026, 8, 31)),
        title="Дорожная карта Управления образования на 2025/2026 учебный год",
    )
    first = Activity.objects.filter(stage__roadmap=roadmap).order_by("order").first()
    Activity.objects.filter(pk=first.pk).update(status=Activity.Status.DONE)
    sheet = read(district_workbook(district.department, YEAR, today=TODAY))["Дорожная карта района"]
    assert sheet["A1"].value == roadmap.title
    rows = table(sheet)
    assert [row["Отметка о выполнении"] for row in rows if row["Мероприятие"]][1:] == [
        "Выполнено",
        "Просрочено",
    ]
    # The second activity was assigned to both schools; the gymnasium's report was accepted.
    second = Activity.objects.filter(stage__roadmap=roadmap).order_by("order").last()
    municipal.school_tasks_assign(
        activity=second, schools=list(district.department.schools.all()), by=None
    )
    task = second.school_tasks.get(school=district.school)
    municipal.school_task_report(task=task, report="Сделано", url="https://a.ru", by=None)
    municipal.school_task_accept(task=task, by=None)
    sheet = read(district_workbook(district.department, YEAR, today=TODAY))["Дорожная карта района"]
    last = table(sheet)[-1]
    assert last["Принято школами"] == "1 из 2"
    assert (last["МАОУ гимназия № 2"], last["МБОУ ООШ № 9"]) == ("Принято", "Назначено")
    assert table(sheet)[1]["Принято школами"] == "не поручено"


def test_the_coordinator_downloads_the_workbook_from_the_district_page(district, client_for):
    client = client_for("coordinator")
    page = client.get(reverse("monitoring:district"), {"year": YEAR}).content.decode()
    url = f"{reverse('monitoring:district_workbook')}?year={YEAR}"
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    # The file names the district by its whole short name («Управление образования
    # Асиновского района»), not only by «района».
    assert (
        'filename="monitoring-upravlenie-obrazovaniya-asinovskogo-rayona-2025-2026.xlsx"'
        in response["Content-Disposition"]
    )
    book = load_workbook(BytesIO(response.content))
    assert "МАОУ гимназия № 2" in by_school(book["Сводка"])
    # No person is named anywhere: the coordinator never sees pupils' personal data.
    words = {
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    }
    assert not any("Ученик" in word and "ова" in word for word in words)


# district_rows for this year (24) and for the last (20: no roadmap was in force then, so no
# activities to count), the department's roadmap in force, its stages, activities, responsible
# people and year marks.
WORKBOOK_QUERIES = 24 + 20 + 5 + 2  # + the schools and their tasks on that roadmap


@pytest.mark.parametrize("size", [2, 30])
def test_the_workbook_costs_the_same_queries_for_2_and_30_schools(db, size):
    department = make_district(size)
    make_roadmap(
        department,
        status=Roadmap.Status.APPROVED,
        stages=2,
        activities=3,
        period=(date(2025, 9, 1), date(2026, 8, 31)),
    )
    with CaptureQueriesContext(connection) as queries:
        book = read(district_workbook(department, YEAR, today=TODAY))
    assert len(by_school(book["Пары"])) == size + 1
    assert len(queries) == WORKBOOK_QUERIES, [q["sql"][:90] for q in queries]
