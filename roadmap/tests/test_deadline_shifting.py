"""Moving a deadline into the next school year (roadmap.deadlines.shift_deadline).

Two tables. The first is written by hand: the seeds' real «Сроки» cells (and the kinds the
parser knows) with the text and dates they must become a year later. The second reuses every
row of the parser's own table (test_deadlines.CASES, the seeds' cells among them): whatever the
kind, the moved deadline keeps it and its dates come out exactly a year later.
"""

from datetime import date

import pytest

from roadmap.deadlines import DeadlineKind, parse_deadline, shift_deadline, shift_deadline_text
from roadmap.deadlines.shifting import shift_year
from roadmap.tests.test_deadlines import (
    CASES,
    SCHOOL_2020,
    SCHOOL_2023,
    SCHOOL_2024,
    SEED_001_MANY,
    YEARS_2020_2024,
    YEARS_2021_2024,
    Period,
    d,
    parse,
)

DATE = DeadlineKind.DATE
YEARLY = DeadlineKind.YEARLY
PERMANENT = DeadlineKind.PERMANENT
EVENT = DeadlineKind.EVENT

# (text as written, its roadmap period, text a year later, kind, start, due a year later)
MOVED = [
    # seed 000 (2020-2024 годы)
    ("Октябрь 2021", YEARS_2020_2024, "Октябрь 2022", DATE, "2022-10-01", "2022-10-31"),
    ("До 01.12.2021г.", YEARS_2020_2024, "До 01.12.2022г.", DATE, None, "2022-12-01"),
    (
        "август-сентябрь 2022 г.",
        YEARS_2020_2024,
        "август-сентябрь 2023 г.",
        DATE,
        "2023-08-01",
        "2023-09-30",
    ),
    (
        "До 01.10.2022 г., далее постоянно",
        YEARS_2020_2024,
        "До 01.10.2023 г., далее постоянно",
        PERMANENT,
        None,
        "2023-10-01",
    ),
    ("ежегодно", YEARS_2020_2024, "ежегодно", YEARLY, "2021-09-01", "2025-08-31"),
    (
        "После утверждения муниципальных критериев",
        YEARS_2020_2024,
        "После утверждения муниципальных критериев",
        EVENT,
        None,
        None,
    ),
    # seed 001 (2024-2025 учебный год)
    (
        "Август - сентябрь 2024",
        SCHOOL_2024,
        "Август - сентябрь 2025",
        DATE,
        "2025-08-01",
        "2025-09-30",
    ),
    (
        "<p>В течение 2024-2025 учебного года</p>",
        SCHOOL_2024,
        "<p>В течение 2025-2026 учебного года</p>",
        DATE,
        "2025-09-01",
        "2026-08-31",
    ),
    (
        SEED_001_MANY,
        SCHOOL_2024,
        SEED_001_MANY.replace("2025", "2026").replace("2024", "2025"),
        DATE,
        "2025-08-01",
        "2026-08-31",
    ),
    # seed 003 (2020-21 учебный год): no year written, the new period places them
    ("до 31 октября", SCHOOL_2020, "до 31 октября", DATE, None, "2021-10-31"),
    ("до 25 мая 2021", SCHOOL_2020, "до 25 мая 2022", DATE, None, "2022-05-25"),
    # seed 004 (2021-2024 годы)
    (
        "2021-2024 ежегодно",
        YEARS_2021_2024,
        "2022-2025 ежегодно",
        YEARLY,
        "2022-09-01",
        "2025-08-31",
    ),
    (
        "Июль 2021 г., Второе полугодие 2021 г.",
        YEARS_2021_2024,
        "Июль 2022 г., Второе полугодие 2022 г.",
        DATE,
        "2022-07-01",
        "2022-12-31",
    ),
    ("16.04 2021г.", None, "16.04 2022г.", DATE, None, "2022-04-16"),
    # the issue's own example and the other kinds
    ("до 31 октября 2025", SCHOOL_2024, "до 31 октября 2026", DATE, None, "2026-10-31"),
    ("в 2020-21г.", None, "в 2021-22г.", DATE, "2021-09-01", "2022-08-31"),
    ("2021/2022 учебный год", None, "2022/2023 учебный год", DATE, "2022-09-01", "2023-08-31"),
    ("01.12.21", None, "01.12.22", DATE, None, "2022-12-01"),
    ("01.09.2021-31.05.2022", None, "01.09.2022-31.05.2023", DATE, "2022-09-01", "2023-05-31"),
    ("ежегодно до 31 октября", SCHOOL_2024, "ежегодно до 31 октября", YEARLY, None, "2025-10-31"),
    ("второе полугодие", SCHOOL_2024, "второе полугодие", DATE, "2026-01-01", "2026-05-31"),
    ("постоянно", SCHOOL_2024, "постоянно", PERMANENT, "2025-09-01", "2026-08-31"),
    ("1 раз в четверть", SCHOOL_2024, "1 раз в четверть", PERMANENT, "2025-09-01", "2026-08-31"),
    ("по мере необходимости", SCHOOL_2024, "по мере необходимости", EVENT, None, None),
    ("III четверть", SCHOOL_2024, "III четверть", DATE, "2026-01-01", "2026-03-31"),
    ("IV кв. 2021", None, "IV кв. 2022", DATE, "2022-10-01", "2022-12-31"),
    # 29 February in a leap year, a year later
    ("29.02.2024", None, "28.02.2025", DATE, None, "2025-02-28"),
    ("до 29 февраля 2024 г.", None, "до 28 февраля 2025 г.", DATE, None, "2025-02-28"),
    ("февраль 2024", None, "февраль 2025", DATE, "2025-02-01", "2025-02-28"),
]


def _shift(text: str, period: Period):
    start, end = period if period else (None, None)
    return shift_deadline(parse(text, period), period_start=start, period_end=end)


@pytest.mark.parametrize(("text", "period", "moved_text", "kind", "start", "due"), MOVED)
def test_moved_by_a_year(text, period, moved_text, kind, start, due):
    shifted = _shift(text, period)

    assert shifted.deadline.text == moved_text.strip()
    assert (shifted.deadline.kind, shifted.deadline.start, shifted.deadline.due) == (
        kind,
        d(start) if start else None,
        d(due) if due else None,
    ), shifted.deadline.note
    assert shifted.exact


@pytest.mark.parametrize(("text", "period", "kind", "start", "due"), CASES)
def test_every_parser_case_moves_a_year(text, period, kind, start, due):
    before = parse(text, period)
    shifted = _shift(text, period)

    assert shifted.deadline.kind == before.kind
    assert shifted.deadline.start == shift_year(before.start)
    assert shifted.deadline.due == shift_year(before.due)
    if (text, period) != ("29.02", SCHOOL_2023):
        assert shifted.exact, shifted.deadline


def test_a_29_february_without_a_year_is_flagged_not_guessed():
    shifted = _shift("29.02", SCHOOL_2023)

    assert not shifted.exact
    assert shifted.deadline.text == "29.02"
    assert shifted.deadline.due == date(2025, 2, 28)
    assert "проверьте" in shifted.deadline.note


def test_a_text_the_parser_cannot_read_keeps_the_curators_dates_moved():
    # An activity whose deadline text is not understood but whose dates were set by hand.
    stored = parse_deadline("на педсовете", period_start=SCHOOL_2024[0], period_end=SCHOOL_2024[1])
    by_hand = type(stored)(stored.text, DATE, None, date(2025, 3, 27), "")

    shifted = shift_deadline(by_hand, period_start=SCHOOL_2024[0], period_end=SCHOOL_2024[1])

    assert (shifted.deadline.kind, shifted.deadline.due, shifted.exact) == (
        DATE,
        date(2026, 3, 27),
        False,
    )


def test_numbers_that_are_not_years_stay():
    assert (
        shift_deadline_text("не менее 1000 часов, приказ № 42")
        == "не менее 1000 часов, приказ № 42"
    )
    assert shift_deadline_text("") == ""


def test_two_years_at_once():
    assert shift_deadline_text("В течение 2024-2025 учебного года", years=2) == (
        "В течение 2026-2027 учебного года"
    )
