"""Stage rows in the most common Word layout: «1. | Организационный этап | | |» — a number in
the first cell, the name in the second, the other cells left empty (not merged) — and a bold
row with no deadline and no one responsible."""

import io
from datetime import date

from roadmap.importing import read_roadmap


def _docx(rows, *, bold_rows=()) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Дорожная карта наставничества на 2023-2024 учебный год")
    table = document.add_table(rows=len(rows) + 1, cols=4)
    for column, text in enumerate(["№", "Мероприятия", "Сроки", "Ответственные"]):
        table.cell(0, column).text = text
    for index, row in enumerate(rows, start=1):
        for column, text in enumerate(row):
            paragraph = table.cell(index, column).paragraphs[0]
            run = paragraph.add_run(text)
            run.bold = index - 1 in bold_rows or None
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_numbered_stage_rows_with_empty_cells():
    roadmap = read_roadmap(
        _docx(
            [
                ["1.", "Организационный этап", "", ""],
                ["1.1", "Издание приказа о внедрении", "до 15 сентября", "Директор"],
                ["1.2", "Назначение куратора", "сентябрь", "Директор"],
                ["2.", "Практический этап", "", ""],
                ["2.1", "Формирование пар", "октябрь", "Куратор"],
            ]
        ),
        "карта.docx",
    )
    assert [(stage.number, stage.title) for stage in roadmap.stages] == [
        ("1", "Организационный этап"),
        ("2", "Практический этап"),
    ]
    assert [a.number for a in roadmap.stages[0].activities] == ["1.1", "1.2"]
    assert roadmap.stages[0].activities[0].deadline.due == date(2023, 9, 15)
    assert [a.title for a in roadmap.stages[1].activities] == ["Формирование пар"]
    assert not any("не выделены" in warning for warning in roadmap.warnings)


def test_a_bold_row_without_deadline_and_responsible_is_a_stage():
    roadmap = read_roadmap(
        _docx(
            [
                ["", "Подготовительный этап", "", ""],
                ["1", "Издание приказа о внедрении", "до 15 сентября", "Директор"],
                ["2", "Назначение куратора", "сентябрь", "Директор"],
                ["", "II. Итоги", "", ""],
                ["1", "Круглый стол", "май", "Куратор"],
            ],
            bold_rows=(0, 3),
        ),
        "карта.docx",
    )
    assert [(stage.number, stage.title) for stage in roadmap.stages] == [
        ("", "Подготовительный этап"),
        ("II", "Итоги"),
    ]
    assert [len(stage.activities) for stage in roadmap.stages] == [2, 1]


def test_a_numbered_activity_with_an_empty_deadline_stays_an_activity():
    roadmap = read_roadmap(
        _docx(
            [
                ["1", "Издание приказа о внедрении", "до 15 сентября", "Директор"],
                ["2", "Анкетирование педагогов", "", ""],
                ["3", "Формирование пар", "октябрь", "Куратор"],
            ]
        ),
        "карта.docx",
    )
    assert len(roadmap.stages) == 1
    assert [a.number for a in roadmap.activities] == ["1", "2", "3"]
