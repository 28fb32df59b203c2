"""The five real roadmaps import with the stages, activities and deadlines counted by hand.

Every number below was counted by reading the seed files (roadmap/tests/fixtures_import, copied
from shared/seeds), not by running the importer. How the counts were made:

000 (гимназия №2 Асино): four stage rows spanning the table; activities numbered per stage:
    2 + 8 + 1 + 4 = 15. Activity 4 of the second stage is broken across a page.
001 (ЦО № 21): three numbered stages with all activities in one cell, split over page-broken
    rows; stage 1 has the items 1, 1.1, 1.2, 1.3, 1.4, 2, 3, 3.1, 3.2, 4, 4.1, 4.2, 5, 5.1,
    5.2, 6, 7, 7.1–7.4, 8, 9 = 23; stage 2: 2.1, 2.1.1–2.1.3 = 4; stage 3: 3.1–3.3 = 3.
    The dash lists under 1.1 (documents to analyse) and 5.2 are details of those items.
002 (гимназия №166): eight numbered stages; stage 1 is a heading with three dash items = 4;
    then 2 («1)», «2)»), 2, 2, 3, 2, 3 and one unnumbered = 19. No deadline column.
003 (ООШ №11): a stage column with blank continuation rows: 5 (one per row) + 2 + 2 + 2 + 1
    + 6 (item 5 is broken across a page) + 4 = 22.
004 (Муйский район): no stages at all, 12 numbered activities; the order before the table.
"""

from datetime import date

import pytest

from roadmap.deadlines import DeadlineKind
from roadmap.importing import read_roadmap
from roadmap.tests.fixtures_import.builders import seed_bytes, seed_docx, seed_xlsx

STAGE_SIZES = {
    "000": [2, 8, 1, 4],
    "001": [23, 4, 3],
    "002": [4, 2, 2, 2, 3, 2, 3, 1],
    "003": [5, 2, 2, 2, 1, 6, 4],
    "004": [12],
}

# Deadlines as written, activity by activity, copied by hand from the «Сроки» cells.
DEADLINE_TEXTS = {
    "000": [
        "Октябрь 2021",
        "До 01.12.2021г.",
        "До 01.12.2021г.",
        "август-сентябрь 2022 г.",
        "До 01.10.2022 г., далее постоянно",
        "Разработка",  # placeholder replaced below: the broken row's deadline
        "До 30.09.2022",
        "ежегодно",
        "ежегодно",
        "До 01.12.2022",
        "ежегодно",
        "ежегодно",
        "ежегодно",
        "ежегодно",
        "ежегодно",
    ],
    "003": ["до 31 октября"] * 5
    + ["до 6 ноября"] * 2
    + ["до 13 ноября"] * 2
    + ["до 31 декабря"] * 2
    + ["до 20 ноября"]
    + ["до 27 ноября"] * 6
    + ["до 25 мая 2021"] * 4,
    "004": [
        "Октябрь 2021 г.",
        "Ежегодно",
        "Ежегодно",
        "2021-2024 ежегодно",
        "2021-2024",
        "2021-2024 ежегодно",
        "2021-2024 ежегодно",
        "2021-2024 ежегодно",
        "2021-2024 ежегодно",
        "Второе полугодие 2021 г.",
        "Июль 2021 г., Второе полугодие 2021 г.",
        "Второе полугодие 2021 г.",
    ],
}
# The page-broken row of 000: «После» on one page, «утверждения муниципальных критериев»
# on the next.
DEADLINE_TEXTS["000"][5] = "После утверждения муниципальных критериев"

READERS = {
    "txt": lambda prefix: read_roadmap(seed_bytes(prefix), f"{prefix}.txt"),
    "docx": lambda prefix: read_roadmap(seed_docx(prefix), f"{prefix}.docx"),
    "xlsx": lambda prefix: read_roadmap(seed_xlsx(prefix), f"{prefix}.xlsx"),
}


def _by_number(roadmap, stage_index, number):
    return next(a for a in roadmap.stages[stage_index].activities if a.number == number)


@pytest.mark.parametrize("kind", READERS)
@pytest.mark.parametrize("prefix", STAGE_SIZES)
def test_stages_and_activities_counted_by_hand(prefix, kind):
    roadmap = READERS[kind](prefix)
    assert [len(stage.activities) for stage in roadmap.stages] == STAGE_SIZES[prefix]


@pytest.mark.parametrize("kind", READERS)
@pytest.mark.parametrize("prefix", DEADLINE_TEXTS)
def test_deadlines_as_written(prefix, kind):
    roadmap = READERS[kind](prefix)
    assert [a.deadline_text for a in roadmap.activities] == DEADLINE_TEXTS[prefix]


@pytest.mark.parametrize("kind", READERS)
def test_000_spanning_stages_broken_row_and_deadlines(kind):
    roadmap = READERS[kind]("000")
    assert roadmap.title == (
        "Дорожная карта по реализации программы «Развитие наставничества в МАОУ гимназии №2 "
        "города Асино на 2020-2024 годы»"
    )
    assert (roadmap.period_start, roadmap.period_end) == (date(2020, 1, 1), date(2024, 12, 31))
    assert roadmap.organisation_text == "МАОУ гимназии №2 города Асино"
    approval = roadmap.approval
    assert approval.heading == "Утверждено"
    assert approval.by == "директор гимназии МАОУ №2 Н.В. Седюкова"
    assert approval.date == date(2021, 11, 12)
    assert [stage.title for stage in roadmap.stages][0] == "Подготовительный этап"
    broken = _by_number(roadmap, 1, "4")
    assert broken.title == (
        "Разработка критериев оценки эффективности системы наставничества на уровне ОО на "
        "основании муниципальных критериев"
    )
    assert broken.result_form == "Наличие методики оценки эффективности системы наставничества"
    assert broken.deadline.kind is DeadlineKind.EVENT
    first = _by_number(roadmap, 0, "1")
    assert first.deadline.kind is DeadlineKind.DATE
    assert (first.deadline.start, first.deadline.due) == (date(2021, 10, 1), date(2021, 10, 31))
    assert first.responsible_roles == ["Директор", "зам директора по УВР"]
    assert _by_number(roadmap, 0, "2").deadline.due == date(2021, 12, 1)
    permanent = _by_number(roadmap, 1, "3")
    assert permanent.deadline.kind is DeadlineKind.PERMANENT
    assert permanent.deadline.due == date(2022, 10, 1)
    assert _by_number(roadmap, 1, "6").deadline.kind is DeadlineKind.YEARLY
    assert _by_number(roadmap, 2, "1").responsible_roles == [
        "Управление образования Асиновского района",
        "ТОИПКРО",
        "зам директора по УВР",
    ]


@pytest.mark.parametrize("kind", READERS)
def test_001_activities_in_one_cell_with_parallel_lists(kind):
    roadmap = READERS[kind]("001")
    assert (roadmap.period_start, roadmap.period_end) == (date(2024, 9, 1), date(2025, 8, 31))
    assert [stage.number for stage in roadmap.stages] == ["1", "2", "3"]
    numbers = [a.number for a in roadmap.stages[0].activities]
    assert numbers == [
        "1", "1.1", "1.2", "1.3", "1.4", "2", "3", "3.1", "3.2", "4", "4.1", "4.2",
        "5", "5.1", "5.2", "6", "7", "7.1", "7.2", "7.3", "7.4", "8", "9",
    ]  # fmt: skip
    assert [a.number for a in roadmap.stages[1].activities] == ["2.1", "2.1.1", "2.1.2", "2.1.3"]
    analysis = _by_number(roadmap, 0, "1.1")
    assert analysis.title.startswith("Анализ нормативно-правовой базы по проблеме наставничества:")
    assert "пункт 33 распоряжения Правительства" in analysis.title
    # Five deadline paragraphs for the five numbered groups of the second part of stage 1,
    # two responsible paragraphs for the two sub-items 1.1 and 1.2 of the first part.
    assert _by_number(roadmap, 0, "1.2").responsible_roles == ["Директор", "Ведущий наставник"]
    assert _by_number(roadmap, 0, "1.1").responsible_roles == [
        "Ведущий наставник",
        "Старшие наставники",
    ]
    assert _by_number(roadmap, 0, "2").responsible_roles == ["Ведущий наставник"]
    assert _by_number(roadmap, 0, "4.1").responsible_roles == [
        "Ведущий наставник",
        "Старшие наставники",
    ]
    first = _by_number(roadmap, 0, "1")
    assert first.deadline_text == "Август - сентябрь 2024"
    assert (first.deadline.start, first.deadline.due) == (date(2024, 8, 1), date(2024, 9, 30))
    year = _by_number(roadmap, 1, "2.1.2").deadline
    assert (year.start, year.due) == (date(2024, 9, 1), date(2025, 8, 31))
    # Six deadlines for eight items cannot be paired for sure: those rows carry a warning.
    assert all(a.warnings for a in roadmap.stages[0].activities[15:])


@pytest.mark.parametrize("kind", READERS)
def test_002_heading_with_dash_items_and_no_deadline_column(kind):
    roadmap = READERS[kind]("002")
    assert roadmap.title.startswith("Дорожная карта на 2022-2023 учебный год по реализации")
    assert (roadmap.period_start, roadmap.period_end) == (date(2022, 9, 1), date(2023, 8, 31))
    first_stage = roadmap.stages[0]
    assert first_stage.title == "Подготовка условий для реализации системы наставничества"
    assert [a.number for a in first_stage.activities] == ["1", "1.1", "1.2", "1.3"]
    assert first_stage.activities[2].title == "Приказ (ы) о закреплении наставнических пар"
    assert "В таблице нет столбца «Сроки»." in roadmap.warnings
    training = roadmap.stages[3].activities[1]
    assert training.title.startswith("Обучение наставников для работы с наставляемыми:")
    assert "подготовка методических материалов" in training.title


@pytest.mark.parametrize("kind", READERS)
def test_003_stage_column_protocol_and_year_from_period(kind):
    roadmap = READERS[kind]("003")
    assert (roadmap.period_start, roadmap.period_end) == (date(2020, 9, 1), date(2021, 8, 31))
    approval = roadmap.approval
    assert (approval.heading, approval.kind, approval.number) == ("Утверждаю", "protocol", "8")
    assert approval.date == date(2020, 9, 28)
    assert approval.by == "Директор школы Т.М.Молокова"
    assert roadmap.stages[0].title == "Подготовка условия для реализации Программы наставничества"
    assert roadmap.stages[0].activities[0].deadline.due == date(2020, 10, 31)
    assert roadmap.stages[1].activities[0].responsible_roles == [
        "Учителя",
        "Зам.по УВР",
        "Рабочая группа",
    ]
    broken = roadmap.stages[5].activities[4]
    assert broken.title == (
        "Организовать сбор обратной связи от наставников и наставляемых для оценивания "
        "эффективности программы наставничества"
    )
    assert roadmap.stages[5].activities[5].title == "Разработать систему поощрения наставников"
    assert roadmap.stages[6].activities[0].deadline.due == date(2021, 5, 25)
    assert roadmap.stages[-1].title == "Завершение наставничества"  # the signature is not a stage


@pytest.mark.parametrize("kind", READERS)
def test_004_order_before_the_appendix_and_named_people(kind):
    roadmap = READERS[kind]("004")
    approval = roadmap.approval
    assert (approval.kind, approval.number, approval.date) == ("order", "158", date(2021, 4, 16))
    assert approval.by == "И.о. начальника РУО Н.В. Тарханова"
    assert "ПРИКАЗЫВАЮ" in roadmap.preamble
    assert roadmap.title.endswith("Республики Бурятия (2021-2024 годы)")
    assert (roadmap.period_start, roadmap.period_end) == (date(2021, 1, 1), date(2024, 12, 31))
    first = roadmap.activities[0]
    assert first.responsible_people_names == ["Евстропова Л. Г."]
    assert first.responsible_roles == []
    assert roadmap.activities[2].responsible_people_names == ["Зарубина У. В.", "Евстропова Л. Г."]
    assert roadmap.activities[4].responsible_roles == ["специалисты РУО", "методисты РДМЦ"]
    half = roadmap.activities[9].deadline
    assert (half.start, half.due) == (date(2021, 7, 1), date(2021, 12, 31))
    assert roadmap.activities[1].deadline.kind is DeadlineKind.YEARLY


def _content(roadmap):
    return (
        roadmap.title,
        roadmap.period_start,
        roadmap.period_end,
        roadmap.approval,
        [
            (
                stage.title,
                [
                    (
                        a.number,
                        a.title,
                        a.result_form,
                        a.deadline_text,
                        a.deadline,
                        a.responsible_roles,
                        a.responsible_people_names,
                    )
                    for a in stage.activities
                ],
            )
            for stage in roadmap.stages
        ],
    )


@pytest.mark.parametrize("prefix", STAGE_SIZES)
def test_docx_and_xlsx_give_the_same_roadmap_as_the_text(prefix):
    text = _content(READERS["txt"](prefix))
    assert _content(READERS["docx"](prefix)) == text
    assert _content(READERS["xlsx"](prefix)) == text


def test_windows_1251_text_reads_like_utf8():
    utf8 = seed_bytes("003")
    cp1251 = utf8.decode("utf-8").encode("cp1251")
    assert _content(read_roadmap(cp1251, "карта.txt")) == _content(read_roadmap(utf8, "карта.txt"))


def test_json_round_trip_keeps_everything():
    roadmap = READERS["txt"]("001")
    data = roadmap.to_dict()
    again = type(roadmap).from_dict(data)
    assert _content(again) == _content(roadmap)
    assert '"described"' in roadmap.to_json()
