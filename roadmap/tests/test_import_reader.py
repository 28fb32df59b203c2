"""The reader on layouts beyond the seeds, on bad files, and on any text at all."""

import contextlib
import io
import zipfile
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap.importing import RoadmapImportError, read_roadmap
from roadmap.importing.cells import split_items
from roadmap.importing.responsible import split_responsible
from roadmap.tests.fixtures_import.builders import seed_bytes

HTML_ROADMAP = """<html><body>
<p align="right">УТВЕРЖДАЮ<br>Директор МБОУ СОШ № 5 И.И. Петрова<br>«01» сентября 2023 г.</p>
<h1>Дорожная карта внедрения целевой модели наставничества в МБОУ СОШ № 5
на 2023-2024 учебный год</h1>
<table border="1">
<tr><th>№ п/п</th><th>Содержание деятельности</th><th>Ответств.</th><th>Сроки</th>
<th>Ожидаемый результат</th></tr>
<tr><td colspan="5">I. Подготовка условий</td></tr>
<tr><td>1</td><td><ul><li>Издание приказа о внедрении</li><li>Назначение куратора</li></ul></td>
<td>Директор</td><td>до 15 сентября</td><td>Приказ</td></tr>
<tr><td colspan="5">II. Реализация</td></tr>
<tr><td>1</td><td>Формирование пар</td><td>Петрова И.И., куратор</td>
<td>Октябрь</td><td>Приказ о закреплении пар</td></tr>
</table></body></html>"""


def test_html_table_with_columns_in_another_order_and_list_items():
    roadmap = read_roadmap(HTML_ROADMAP.encode("utf-8"), "карта.html")
    assert (roadmap.period_start, roadmap.period_end) == (date(2023, 9, 1), date(2024, 8, 31))
    assert roadmap.approval.heading == "Утверждаю"
    assert roadmap.approval.date == date(2023, 9, 1)
    assert [stage.title for stage in roadmap.stages] == ["Подготовка условий", "Реализация"]
    assert [stage.number for stage in roadmap.stages] == ["I", "II"]
    first = roadmap.stages[0].activities
    assert [a.title for a in first] == ["Издание приказа о внедрении", "Назначение куратора"]
    assert [a.number for a in first] == ["1.1", "1.2"]
    assert first[0].deadline.due == date(2023, 9, 15)
    assert first[1].result_form == "Приказ"
    pairs = roadmap.stages[1].activities[0]
    assert pairs.responsible_people_names == ["Петрова И. И."]
    assert pairs.responsible_roles == []
    assert (pairs.deadline.start, pairs.deadline.due) == (date(2023, 10, 1), date(2023, 10, 31))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1.Подготовить приказ 2.Утвердить карту",
         [("1", "Подготовить приказ"), ("2", "Утвердить карту")]),
        ("1) Сбор данных. 2) Анализ", [("1", "Сбор данных."), ("2", "Анализ")]),
        ("<p>1. Банк:</p><p>1.1. Сбор</p><p>1.2. Анализ</p>",
         [("1", "Банк:"), ("1.1", "Сбор"), ("1.2", "Анализ")]),
        ("– приказ; – положение", [("", "приказ"), ("", "положение")]),
        ("• Анкетирование\n• Собеседование", [("", "Анкетирование"), ("", "Собеседование")]),
        ("Первое\nВторое", [("", "Первое"), ("", "Второе")]),
        ("Семинар 28.09.2020 в 10.00 для 9-11 классов",
         [("", "Семинар 28.09.2020 в 10.00 для 9-11 классов")]),
        ("Приказ № 8. Протокол", [("", "Приказ № 8. Протокол")]),
    ],
)  # fmt: skip
def test_split_items(cell, expected):
    assert [(item.number, item.text) for item in split_items(cell)] == expected


def test_dates_and_numbers_inside_a_text_never_split_it():
    items = split_items("1. Провести семинар 12.10.2021 г. для 5 классов 2. Подвести итоги")
    assert [item.number for item in items] == ["1", "2"]
    assert items[0].text == "Провести семинар 12.10.2021 г. для 5 классов"


@pytest.mark.parametrize(
    ("text", "roles", "people"),
    [
        ("Директор, зам директора по УВР", ["Директор", "зам директора по УВР"], []),
        ("Учителя Зам.по УВР Рабочая группа", ["Учителя", "Зам.по УВР", "Рабочая группа"], []),
        ("Евстропова Л.Г., заведующий РДМЦ", [], ["Евстропова Л. Г."]),
        ("Директор Ведущий наставник", ["Директор", "Ведущий наставник"], []),
        ("И. П. Сидоров; педагог-психолог", ["педагог-психолог"], ["Сидоров И. П."]),
    ],
)
def test_split_responsible(text, roles, people):
    assert split_responsible(text) == (roles, people)


# --- bad input ---------------------------------------------------------------------------------


def _error(data: bytes, name: str) -> RoadmapImportError:
    with pytest.raises(RoadmapImportError) as caught:
        read_roadmap(data, name)
    assert caught.value.message and caught.value.message[0].isupper()
    return caught.value


def test_empty_file():
    assert _error(b"", "карта.docx").code == "empty"
    assert _error(b"  \n\t\n", "карта.txt").code == "empty"


def test_too_large():
    error = _error(b"x" * (10 * 1024 * 1024 + 1), "карта.txt")
    assert error.code == "too_large"
    assert "10 МБ" in error.message


def test_not_a_roadmap():
    error = _error("Список класса\nИванов\tПетров\n".encode(), "список.txt")
    assert error.code == "not_roadmap"
    assert "не найдена таблица дорожной карты" in error.message


def test_unsupported_and_old_formats():
    assert _error(b"%PDF-1.4 ...", "карта.pdf").code == "damaged"
    assert (
        _error(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "карта.xls").code == "old_format"
    )
    assert _error(b"PK\x03\x04", "карта.odt").code == "unsupported"


def test_encrypted_office_file():
    # Word and Excel store a password-protected .docx/.xlsx as an OLE container.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
    assert _error(data, "карта.docx").code == "encrypted"
    assert _error(data, "карта.xlsx").code == "encrypted"


def test_damaged_office_files():
    assert _error(b"PK\x03\x04 broken", "карта.docx").code == "damaged"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a document")
    assert _error(buffer.getvalue(), "карта.docx").code == "damaged"
    assert _error(buffer.getvalue(), "карта.xlsx").code == "damaged"


def test_binary_renamed_to_txt():
    assert _error(b"\x00\x01\x02" * 100, "карта.txt").code == "binary"


def test_a_table_without_activities():
    text = "Дорожная карта на 2023-2024 учебный год\n№\tМероприятия\tСроки\n\t\t\n"
    assert _error(text.encode(), "карта.txt").code == "no_activities"


def test_without_period_the_year_of_the_approval_is_taken_with_a_warning():
    text = (
        "УТВЕРЖДАЮ\nДиректор А.А. Иванов\n15.09.2022\nДорожная карта наставничества\n"
        "№\tМероприятие\tСроки\n1\tАнкетирование\tоктябрь\n"
    )
    roadmap = read_roadmap(text.encode(), "карта.txt")
    assert (roadmap.period_start, roadmap.period_end) == (date(2022, 9, 1), date(2023, 8, 31))
    assert any("Период" in warning for warning in roadmap.warnings)
    assert roadmap.activities[0].deadline.due == date(2022, 10, 31)


# --- never crashes -----------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("\t\n 1234567890.)-–•:;,«»<>/№") + ["<p>", "</p>", "<li>", "<ul>", "<td>", "<table>"]
    + ["Мероприятия", "Сроки", "Этап", "Ответственные", "№", "до 31 октября", "ежегодно", "а", "Б"]
    + ["Дорожная карта на 2020-2024 годы", "УТВЕРЖДЕНО", "Протокол № 8 от 28.09.2020"]
    + ["Иванова И.И.", "Евстропова Л.Г., заведующий РДМЦ"]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=80).map("".join), st.sampled_from(["a.txt", "a.html"]))
def test_the_reader_never_crashes_on_any_text(text, name):
    try:
        roadmap = read_roadmap(text.encode("utf-8"), name)
    except RoadmapImportError as error:
        assert error.message
    else:
        assert roadmap.period_start < roadmap.period_end
        roadmap.to_json()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["a.txt", "a.tsv", "a.html"]))
def test_the_reader_never_crashes_on_arbitrary_unicode(text, name):
    with contextlib.suppress(RoadmapImportError):
        read_roadmap(text.encode("utf-8", "surrogatepass"), name)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "a.docx", "a.xlsx"]))
def test_the_reader_never_crashes_on_random_bytes(data, name):
    with contextlib.suppress(RoadmapImportError):
        read_roadmap(data, name)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=7000))
def test_a_truncated_seed_never_crashes(cut):
    data = seed_bytes("001")[:cut]
    with contextlib.suppress(RoadmapImportError):
        read_roadmap(data, "a.txt")


def test_docx_automatic_numbering_and_merged_stage_row():
    import docx

    document = docx.Document()
    document.add_paragraph("Дорожная карта наставничества на 2025-2026 учебный год")
    table = document.add_table(rows=3, cols=3)
    for column, text in enumerate(["Мероприятия", "Сроки", "Ответственные"]):
        table.cell(0, column).text = text
    stage = table.cell(1, 0).merge(table.cell(1, 2))
    stage.text = "Подготовительный этап"
    cell = table.cell(2, 0)
    cell.paragraphs[0].text = "Анкетирование педагогов"
    cell.paragraphs[0].style = document.styles["List Number"]
    cell.add_paragraph("Формирование банка наставников", style="List Number")
    table.cell(2, 1).text = "сентябрь"
    table.cell(2, 2).text = "Зам. директора по УВР"
    buffer = io.BytesIO()
    document.save(buffer)
    roadmap = read_roadmap(buffer.getvalue(), "карта.docx")
    assert [stage.title for stage in roadmap.stages] == ["Подготовительный этап"]
    assert [a.title for a in roadmap.activities] == [
        "Анкетирование педагогов",
        "Формирование банка наставников",
    ]
    assert all(a.deadline.due == date(2025, 9, 30) for a in roadmap.activities)
