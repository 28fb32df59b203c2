"""The shared Excel helper, read back with openpyxl."""

from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from mentoring_portal.excel import Column, add_sheet, new_workbook, workbook_bytes, xlsx_response

COLUMNS = [
    Column("ФИО"),
    Column("Дата рождения"),
    Column("Стаж, лет"),
    Column("Отметка"),
    Column("Изменено"),
]
ROWS = [
    ("Иванова Мария Петровна", date(1990, 5, 17), 7, '=HYPERLINK("http://evil")', None),
    (
        "Петров И. И.",
        date(2001, 1, 2),
        Decimal("1.5"),
        "+7 913 000-00-00",
        datetime(2024, 3, 1, 9, 30, tzinfo=UTC),
    ),
    ("-Смирнова", None, 0, "@SUM(A1)", None),
]


def _workbook():
    wb = new_workbook()
    add_sheet(wb, "Участники", COLUMNS, iter(ROWS))
    return load_workbook(BytesIO(workbook_bytes(wb)))


def test_header_is_bold_frozen_and_filtered():
    sheet = _workbook()["Участники"]
    assert [c.value for c in sheet[1]] == [c.title for c in COLUMNS]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E4"


def test_dates_and_numbers_are_real_values():
    sheet = _workbook()["Участники"]
    assert sheet["B2"].value == datetime(1990, 5, 17)
    assert sheet["B2"].number_format == "DD.MM.YYYY"
    assert sheet["C2"].value == 7
    assert sheet["C3"].value == 1.5
    assert sheet["C2"].number_format == "General"
    # A moment is written as the school's day (Moscow, UTC+3), in the one date format.
    assert sheet["E3"].value == datetime(2024, 3, 1)
    assert sheet["E3"].number_format == "DD.MM.YYYY"


def test_a_moment_late_in_the_evening_is_the_schools_next_day():
    wb = new_workbook()
    add_sheet(wb, "Лист", [Column("Подано")], [(datetime(2024, 3, 1, 22, 30, tzinfo=UTC),)])
    sheet = load_workbook(BytesIO(workbook_bytes(wb)))["Лист"]
    assert sheet["A2"].value == datetime(2024, 3, 2)


def test_formula_like_text_is_written_as_text():
    sheet = _workbook()["Участники"]
    for cell in (sheet["D2"], sheet["D3"], sheet["A4"], sheet["D4"]):
        assert cell.data_type == "s", cell.coordinate
    assert sheet["D2"].value == '=HYPERLINK("http://evil")'


def test_widths_fit_the_content():
    sheet = _workbook()["Участники"]
    assert sheet.column_dimensions["A"].width == len("Иванова Мария Петровна") + 2
    assert sheet.column_dimensions["C"].width >= len("Стаж, лет")


def test_response_is_an_attachment():
    wb = new_workbook()
    add_sheet(wb, "Лист", [Column("A")], [("x",)])
    response = xlsx_response(wb, "Банк наставников.xlsx")
    assert response["Content-Disposition"].startswith("attachment")
    assert load_workbook(BytesIO(response.content))["Лист"]["A2"].value == "x"
