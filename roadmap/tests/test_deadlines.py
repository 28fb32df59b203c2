"""Free-text roadmap deadlines: roadmap.deadlines.parse_deadline.

Pure Python, no database: the table below is the specification. Rows marked «seed» are the
deadlines of the real roadmaps in /work/shared/seeds (the «Сроки» column), with the period each
roadmap states in its title.
"""

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmap.deadlines import Deadline, DeadlineKind, parse_deadline

DATE = DeadlineKind.DATE
YEARLY = DeadlineKind.YEARLY
PERMANENT = DeadlineKind.PERMANENT
EVENT = DeadlineKind.EVENT
UNKNOWN = DeadlineKind.UNKNOWN

Period = tuple[date, date] | None

NO_PERIOD: Period = None
SCHOOL_2024: Period = (date(2024, 9, 1), date(2025, 8, 31))  # seed 001: «на 2024-2025 учебный год»
SCHOOL_2023: Period = (date(2023, 9, 1), date(2024, 8, 31))
SCHOOL_2020: Period = (date(2020, 9, 1), date(2021, 8, 31))  # seed 003: «в 2020-21г.»
YEARS_2020_2024: Period = (date(2020, 9, 1), date(2024, 8, 31))  # seed 000: «на 2020-2024 годы»
YEARS_2021_2024: Period = (date(2021, 9, 1), date(2024, 8, 31))  # seed 004: «2021 - 2024 годы»
CALENDAR_2021_2024: Period = (date(2021, 1, 1), date(2024, 12, 31))
CALENDAR_2022: Period = (date(2022, 1, 1), date(2022, 12, 31))

SEED_001_MANY = (
    "<p>Сентябрь 2024</p> <p>Сентябрь 2024</p> <p>В течение 2024-2025 учебного года</p> "
    "<p>Август-сентябрь 2024</p> <p>Сентябрь 2024</p> <p>Сентябрь 2024</p>"
)
SEED_001_SAME = " ".join(["<p>Август-сентябрь 2024</p>"] * 5)
SEED_004_FACT = "По факту (проведение конференций, семинаров, онлайн-мероприятий и других событий)"


def d(iso: str) -> date:
    return date.fromisoformat(iso)


def parse(text: str, period: Period = NO_PERIOD) -> Deadline:
    if period is None:
        return parse_deadline(text)
    return parse_deadline(text, period_start=period[0], period_end=period[1])


# (text, period, kind, start, due)
CASES = [
    # --- seed 000: МАОУ гимназия №2 г. Асино, 2020-2024 годы
    ("Октябрь 2021", YEARS_2020_2024, DATE, "2021-10-01", "2021-10-31"),
    ("До 01.12.2021г.", YEARS_2020_2024, DATE, None, "2021-12-01"),
    ("август-сентябрь 2022 г.", YEARS_2020_2024, DATE, "2022-08-01", "2022-09-30"),
    ("До 01.10.2022 г., далее постоянно", YEARS_2020_2024, PERMANENT, None, "2022-10-01"),
    ("После утверждения муниципальных критериев", YEARS_2020_2024, EVENT, None, None),
    # The same cell broken over two table rows by the Word export: each half alone is not a
    # deadline, the importer has to join them.
    ("После\nутверждения муниципальных критериев", YEARS_2020_2024, EVENT, None, None),
    ("После", YEARS_2020_2024, UNKNOWN, None, None),
    ("утверждения муниципальных критериев", YEARS_2020_2024, UNKNOWN, None, None),
    ("До 30.09.2022", YEARS_2020_2024, DATE, None, "2022-09-30"),
    ("ежегодно", YEARS_2020_2024, YEARLY, "2020-09-01", "2024-08-31"),
    ("До 01.12.2022", YEARS_2020_2024, DATE, None, "2022-12-01"),
    ("", YEARS_2020_2024, UNKNOWN, None, None),
    # --- seed 001: МБОУ «ЦО № 21», 2024-2025 учебный год (cells with HTML paragraphs)
    ("Август - сентябрь 2024", SCHOOL_2024, DATE, "2024-08-01", "2024-09-30"),
    (SEED_001_SAME, SCHOOL_2024, DATE, "2024-08-01", "2024-09-30"),
    ("---", SCHOOL_2024, UNKNOWN, None, None),
    (SEED_001_MANY, SCHOOL_2024, DATE, "2024-08-01", "2025-08-31"),
    ("<p>В течение 2024-2025 учебного года</p>", SCHOOL_2024, DATE, "2024-09-01", "2025-08-31"),
    ("Сентябрь 2024", SCHOOL_2024, DATE, "2024-09-01", "2024-09-30"),
    ("В течение 2024-2025 учебного года", NO_PERIOD, DATE, "2024-09-01", "2025-08-31"),
    # --- seed 003: МБОУ-ООШ №11, 2020-21 учебный год (no years in the deadlines)
    ("до 31 октября", SCHOOL_2020, DATE, None, "2020-10-31"),
    ("до 6 ноября", SCHOOL_2020, DATE, None, "2020-11-06"),
    ("до 13 ноября", SCHOOL_2020, DATE, None, "2020-11-13"),
    ("до 31 декабря", SCHOOL_2020, DATE, None, "2020-12-31"),
    ("до 20 ноября", SCHOOL_2020, DATE, None, "2020-11-20"),
    ("до 27 ноября", SCHOOL_2020, DATE, None, "2020-11-27"),
    ("до 25 мая 2021", SCHOOL_2020, DATE, None, "2021-05-25"),
    # --- seed 004: Муйский район, 2021-2024 годы
    ("Октябрь 2021 г.", YEARS_2021_2024, DATE, "2021-10-01", "2021-10-31"),
    ("Ежегодно", YEARS_2021_2024, YEARLY, "2021-09-01", "2024-08-31"),
    ("2021-2024 ежегодно", YEARS_2021_2024, YEARLY, "2021-09-01", "2024-08-31"),
    ("2021-2024", YEARS_2021_2024, DATE, "2021-09-01", "2024-08-31"),
    ("Второе полугодие 2021 г.", YEARS_2021_2024, DATE, "2021-07-01", "2021-12-31"),
    ("Июль 2021 г., Второе полугодие 2021 г.", YEARS_2021_2024, DATE, "2021-07-01", "2021-12-31"),
    (SEED_004_FACT, YEARS_2021_2024, EVENT, None, None),
    ("16.04 2021г.", NO_PERIOD, DATE, None, "2021-04-16"),  # the date of the order itself
    # --- the phrases of the brief, without a period
    ("Октябрь 2021", NO_PERIOD, DATE, "2021-10-01", "2021-10-31"),
    ("До 01.12.2021г.", NO_PERIOD, DATE, None, "2021-12-01"),
    ("август-сентябрь 2022 г.", NO_PERIOD, DATE, "2022-08-01", "2022-09-30"),
    ("До 01.10.2022 г., далее постоянно", NO_PERIOD, PERMANENT, None, "2022-10-01"),
    ("До 01.10.2022 г. — далее постоянно", NO_PERIOD, PERMANENT, None, "2022-10-01"),
    ("до 01.10.2022, далее ежемесячно", NO_PERIOD, PERMANENT, None, "2022-10-01"),
    ("Октябрь 2021, далее ежегодно", NO_PERIOD, YEARLY, "2021-10-01", "2021-10-31"),
    ("После утверждения муниципальных критериев", NO_PERIOD, EVENT, None, None),
    ("Август - сентябрь 2024", NO_PERIOD, DATE, "2024-08-01", "2024-09-30"),
    ("до 31 октября", SCHOOL_2024, DATE, None, "2024-10-31"),
    ("до 31 октября", NO_PERIOD, UNKNOWN, None, None),
    ("до 25 мая 2021", NO_PERIOD, DATE, None, "2021-05-25"),
    ("Второе полугодие 2021 г.", NO_PERIOD, DATE, "2021-07-01", "2021-12-31"),
    ("Июль 2021 г., Второе полугодие 2021 г.", NO_PERIOD, DATE, "2021-07-01", "2021-12-31"),
    # --- yearly
    ("ежегодно", NO_PERIOD, YEARLY, None, None),
    ("ежегодно", SCHOOL_2024, YEARLY, "2024-09-01", "2025-08-31"),
    ("2021-2024 ежегодно", NO_PERIOD, YEARLY, "2021-09-01", "2024-08-31"),
    ("2021-2024 ежегодно", CALENDAR_2021_2024, YEARLY, "2021-01-01", "2024-12-31"),
    ("Ежегодно (2021-2024 гг.)", NO_PERIOD, YEARLY, "2021-09-01", "2024-08-31"),
    ("ежегодно в мае", SCHOOL_2024, YEARLY, "2025-05-01", "2025-05-31"),
    ("Ежегодно, в сентябре", SCHOOL_2024, YEARLY, "2024-09-01", "2024-09-30"),
    ("ежегодно до 31 октября", SCHOOL_2024, YEARLY, None, "2024-10-31"),
    ("ежегодно до 31.10", SCHOOL_2024, YEARLY, None, "2024-10-31"),
    ("ежегодно в мае", NO_PERIOD, UNKNOWN, None, None),
    ("2021-2024 ежегодно до 31 октября", NO_PERIOD, YEARLY, None, "2021-10-31"),
    ("1 раз в год", SCHOOL_2024, YEARLY, "2024-09-01", "2025-08-31"),
    # --- permanent and frequencies
    ("постоянно", SCHOOL_2024, PERMANENT, "2024-09-01", "2025-08-31"),
    ("Постоянно", NO_PERIOD, PERMANENT, None, None),
    ("постоянно с 01.10.2022", NO_PERIOD, PERMANENT, "2022-10-01", None),
    ("ежемесячно", SCHOOL_2024, PERMANENT, "2024-09-01", "2025-08-31"),
    ("ежемесячно", NO_PERIOD, PERMANENT, None, None),
    ("Ежеквартально", SCHOOL_2024, PERMANENT, "2024-09-01", "2025-08-31"),
    ("1 раз в четверть", SCHOOL_2024, PERMANENT, "2024-09-01", "2025-08-31"),
    (
        "ежеквартально в течение 2024-2025 учебного года",
        NO_PERIOD,
        PERMANENT,
        "2024-09-01",
        "2025-08-31",
    ),
    # --- events
    ("по мере необходимости", SCHOOL_2024, EVENT, None, None),
    ("По мере необходимости", NO_PERIOD, EVENT, None, None),
    ("по запросу", NO_PERIOD, EVENT, None, None),
    ("По запросу педагогов", SCHOOL_2024, EVENT, None, None),
    ("по согласованию", NO_PERIOD, EVENT, None, None),
    ("по графику", SCHOOL_2024, EVENT, None, None),
    ("в течение месяца после назначения наставника", SCHOOL_2024, EVENT, None, None),
    # --- the roadmap period
    ("в течение года", SCHOOL_2024, DATE, "2024-09-01", "2025-08-31"),
    ("В течение учебного года", SCHOOL_2024, DATE, "2024-09-01", "2025-08-31"),
    ("в течение учебного года", NO_PERIOD, UNKNOWN, None, None),
    ("в течение года", YEARS_2021_2024, DATE, "2021-09-01", "2024-08-31"),
    (
        "в течение всего периода реализации программы",
        YEARS_2021_2024,
        DATE,
        "2021-09-01",
        "2024-08-31",
    ),
    ("до конца учебного года", SCHOOL_2024, DATE, None, "2025-08-31"),
    # --- single dates
    ("01.12.2021", NO_PERIOD, DATE, None, "2021-12-01"),
    ("1.12.2021", NO_PERIOD, DATE, None, "2021-12-01"),
    ("01.12.21", NO_PERIOD, DATE, None, "2021-12-01"),
    ("01.12.2021 г", NO_PERIOD, DATE, None, "2021-12-01"),
    ("1 декабря 2021", NO_PERIOD, DATE, None, "2021-12-01"),
    ("1-го декабря 2021 года", NO_PERIOD, DATE, None, "2021-12-01"),
    ("не позднее 15.09.2022", NO_PERIOD, DATE, None, "2022-09-15"),
    ("Не позже 15 сентября 2022 г.", NO_PERIOD, DATE, None, "2022-09-15"),
    ("в срок до 01.11.2022", NO_PERIOD, DATE, None, "2022-11-01"),
    ("к 1 сентября", SCHOOL_2024, DATE, None, "2024-09-01"),
    ("к 1 сентября 2022", NO_PERIOD, DATE, None, "2022-09-01"),
    ("до 1 декабря", SCHOOL_2024, DATE, None, "2024-12-01"),
    ("29.02", SCHOOL_2023, DATE, None, "2024-02-29"),
    ("до октября 2022", NO_PERIOD, DATE, None, "2022-10-01"),
    ("до конца октября 2022", NO_PERIOD, DATE, None, "2022-10-31"),
    ("после 01.10.2022", NO_PERIOD, DATE, "2022-10-02", None),
    ("с 01.09.2022", NO_PERIOD, DATE, "2022-09-01", None),
    # --- months, month ranges, dates ranges
    ("ОКТЯБРЬ 2021Г.", NO_PERIOD, DATE, "2021-10-01", "2021-10-31"),
    ("в октябре 2021 года", NO_PERIOD, DATE, "2021-10-01", "2021-10-31"),
    ("окт. 2021", NO_PERIOD, DATE, "2021-10-01", "2021-10-31"),
    ("сент. 2022 г", NO_PERIOD, DATE, "2022-09-01", "2022-09-30"),
    ("май, 2023", NO_PERIOD, DATE, "2023-05-01", "2023-05-31"),
    ("февраль 2024", NO_PERIOD, DATE, "2024-02-01", "2024-02-29"),
    ("сентябрь", SCHOOL_2024, DATE, "2024-09-01", "2024-09-30"),
    ("август", SCHOOL_2024, DATE, "2025-08-01", "2025-08-31"),
    ("январь", YEARS_2021_2024, DATE, "2022-01-01", "2022-01-31"),
    ("сентябрь", NO_PERIOD, UNKNOWN, None, None),
    ("Сентябрь–октябрь", SCHOOL_2024, DATE, "2024-09-01", "2024-10-31"),
    ("август–сентябрь 2022г.", NO_PERIOD, DATE, "2022-08-01", "2022-09-30"),
    ("Август -сентябрь 2024 г", NO_PERIOD, DATE, "2024-08-01", "2024-09-30"),
    ("сентябрь 2021 – май 2022", NO_PERIOD, DATE, "2021-09-01", "2022-05-31"),
    ("сентябрь 2021—май 2022", NO_PERIOD, DATE, "2021-09-01", "2022-05-31"),
    ("Январь 2022 - март 2022", NO_PERIOD, DATE, "2022-01-01", "2022-03-31"),
    ("сентябрь 2021 - май", NO_PERIOD, DATE, "2021-09-01", "2022-05-31"),
    ("ноябрь-январь 2022", NO_PERIOD, DATE, "2021-11-01", "2022-01-31"),
    ("ноябрь-январь", SCHOOL_2024, DATE, "2024-11-01", "2025-01-31"),
    ("с 01.09.2021 по 31.05.2022", NO_PERIOD, DATE, "2021-09-01", "2022-05-31"),
    ("01.09.2021-31.05.2022", NO_PERIOD, DATE, "2021-09-01", "2022-05-31"),
    ("с 1 сентября по 31 мая 2022", NO_PERIOD, DATE, "2021-09-01", "2022-05-31"),
    ("с 1 по 15 сентября", SCHOOL_2024, DATE, "2024-09-01", "2024-09-15"),
    ("1-15 сентября 2022", NO_PERIOD, DATE, "2022-09-01", "2022-09-15"),
    ("с сентября до декабря 2021", NO_PERIOD, DATE, "2021-09-01", "2021-12-01"),
    ("в конце сентября 2022", NO_PERIOD, DATE, "2022-09-21", "2022-09-30"),
    ("начало октября", SCHOOL_2024, DATE, "2024-10-01", "2024-10-10"),
    # --- years and academic years
    ("2021-2022 уч. год", NO_PERIOD, DATE, "2021-09-01", "2022-08-31"),
    ("2021/2022 учебный год", NO_PERIOD, DATE, "2021-09-01", "2022-08-31"),
    ("в 2020-21г.", NO_PERIOD, DATE, "2020-09-01", "2021-08-31"),
    ("2021-2024 гг.", NO_PERIOD, DATE, "2021-09-01", "2024-08-31"),
    ("в 2021 году", NO_PERIOD, DATE, "2021-01-01", "2021-12-31"),
    ("2021г.", NO_PERIOD, DATE, "2021-01-01", "2021-12-31"),
    # --- quarters, half-years, school terms
    ("I квартал 2022", NO_PERIOD, DATE, "2022-01-01", "2022-03-31"),
    ("1 квартал", SCHOOL_2024, DATE, "2025-01-01", "2025-03-31"),
    ("IV кв. 2021", NO_PERIOD, DATE, "2021-10-01", "2021-12-31"),
    ("II квартал 2023 года", NO_PERIOD, DATE, "2023-04-01", "2023-06-30"),
    ("3 кв 2022", NO_PERIOD, DATE, "2022-07-01", "2022-09-30"),
    ("I полугодие 2022", NO_PERIOD, DATE, "2022-01-01", "2022-06-30"),
    ("первое полугодие", SCHOOL_2024, DATE, "2024-09-01", "2024-12-31"),
    ("второе полугодие 2021 г.", NO_PERIOD, DATE, "2021-07-01", "2021-12-31"),
    ("2 полугодие", SCHOOL_2024, DATE, "2025-01-01", "2025-05-31"),
    ("во втором полугодии", SCHOOL_2024, DATE, "2025-01-01", "2025-05-31"),
    ("II полугодие", CALENDAR_2022, DATE, "2022-07-01", "2022-12-31"),
    ("второе полугодие 2024-2025 учебного года", NO_PERIOD, DATE, "2025-01-01", "2025-05-31"),
    ("I полугодие", NO_PERIOD, UNKNOWN, None, None),
    ("III четверть", SCHOOL_2024, DATE, "2025-01-01", "2025-03-31"),
    # --- lists
    ("сентябрь, декабрь 2021", NO_PERIOD, DATE, "2021-09-01", "2021-12-31"),
    ("1 и 15 сентября 2022", NO_PERIOD, DATE, "2022-09-01", "2022-09-15"),
    ("Октябрь 2021, по запросу", NO_PERIOD, DATE, "2021-10-01", "2021-10-31"),
    ("01.10.2021; 01.12.2021", NO_PERIOD, DATE, "2021-10-01", "2021-12-01"),
    # --- not understood: kept as text, flagged
    ("на педсовете", SCHOOL_2024, UNKNOWN, None, None),
    ("скоро", SCHOOL_2024, UNKNOWN, None, None),
    ("как получится", NO_PERIOD, UNKNOWN, None, None),
    ("31.02.2022", NO_PERIOD, UNKNOWN, None, None),
    ("32.01.2022", NO_PERIOD, UNKNOWN, None, None),
    ("01.13.2022", NO_PERIOD, UNKNOWN, None, None),
    ("30 февраля 2022", NO_PERIOD, UNKNOWN, None, None),
    ("май 3021", NO_PERIOD, UNKNOWN, None, None),
    ("2024-2021", NO_PERIOD, UNKNOWN, None, None),
    ("с 01.06.2022 по 01.05.2022", NO_PERIOD, UNKNOWN, None, None),
    ("29.02", SCHOOL_2024, UNKNOWN, None, None),
    ("   ", NO_PERIOD, UNKNOWN, None, None),
    ("-", NO_PERIOD, UNKNOWN, None, None),
]


@pytest.mark.parametrize(("text", "period", "kind", "start", "due"), CASES)
def test_parse_deadline_table(text, period, kind, start, due):
    deadline = parse(text, period)

    assert (deadline.kind, deadline.start, deadline.due) == (
        kind,
        d(start) if start else None,
        d(due) if due else None,
    ), deadline.note
    assert deadline.text == text.strip()
    if kind is UNKNOWN:
        assert deadline.note, "an unknown deadline says why"


def test_table_is_large_enough():
    assert len(CASES) >= 60


# --- notes: assumptions are written down, never made silently


@pytest.mark.parametrize(
    ("text", "period", "fragment"),
    [
        ("до 31 октября", SCHOOL_2024, "год взят из периода дорожной карты"),
        ("январь", YEARS_2021_2024, "первое вхождение в период"),
        ("", NO_PERIOD, "срок не указан"),
        ("---", NO_PERIOD, "срок не указан"),
        ("до 31 октября", NO_PERIOD, "период дорожной карты не задан"),
        ("31.02.2022", NO_PERIOD, "несуществующая дата"),
        ("Второе полугодие 2021 г.", NO_PERIOD, "календарное"),
        ("2 полугодие", SCHOOL_2024, "учебное"),
        ("ноябрь-январь 2022", NO_PERIOD, "2021"),
        ("ежемесячно", SCHOOL_2024, "ежемесячно"),
        ("до октября 2022", NO_PERIOD, "01.10.2022"),
        ("III четверть", SCHOOL_2024, "приблизительные"),
        ("01.12.2019", SCHOOL_2024, "вне периода"),
        ("Октябрь 2021, по запросу", NO_PERIOD, "по запросу"),
        ("2021-2024 ежегодно до 31 октября", NO_PERIOD, "2021-2024"),
        ("Июль 2021 г., Второе полугодие 2021 г.", NO_PERIOD, "несколько сроков"),
    ],
)
def test_note_explains(text, period, fragment):
    assert fragment in parse(text, period).note


def test_explicit_date_has_no_note():
    assert parse("01.12.2021").note == ""
    assert parse("Октябрь 2021", YEARS_2020_2024).note == ""


# --- properties of Deadline


def test_understood_and_recurring():
    assert parse("01.12.2021").understood
    assert not parse("01.12.2021").is_recurring
    assert parse("ежегодно").is_recurring
    assert parse("постоянно").is_recurring
    assert parse("по запросу").understood
    assert not parse("по запросу").is_recurring
    assert not parse("скоро").understood
    empty = parse("")
    assert (empty.kind, empty.understood, empty.note) == (UNKNOWN, False, "срок не указан")


def test_deadline_is_frozen():
    deadline = parse("01.12.2021")
    with pytest.raises(AttributeError):
        deadline.due = date(2022, 1, 1)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "period", "expected"),
    [
        ("До 01.12.2021г.", NO_PERIOD, "до 01.12.2021"),
        ("август-сентябрь 2022 г.", NO_PERIOD, "с 01.08.2022 по 30.09.2022"),
        ("Октябрь 2021", NO_PERIOD, "с 01.10.2021 по 31.10.2021"),
        ("после 01.10.2022", NO_PERIOD, "с 02.10.2022"),
        ("ежегодно", NO_PERIOD, "ежегодно"),
        ("ежегодно", SCHOOL_2024, "ежегодно"),
        ("ежегодно до 31 октября", SCHOOL_2024, "ежегодно до 31.10"),
        ("ежегодно в мае", SCHOOL_2024, "ежегодно с 01.05 по 31.05"),
        ("2021-2024 ежегодно", NO_PERIOD, "ежегодно с 01.09.2021 по 31.08.2024"),
        ("постоянно", NO_PERIOD, "постоянно"),
        ("постоянно", SCHOOL_2024, "постоянно с 01.09.2024 по 31.08.2025"),
        ("постоянно с 01.10.2022", NO_PERIOD, "постоянно с 01.10.2022"),
        ("До 01.10.2022 г., далее постоянно", NO_PERIOD, "до 01.10.2022, далее постоянно"),
        ("После утверждения муниципальных критериев", NO_PERIOD, "по событию"),
        ("по мере необходимости", NO_PERIOD, "по событию"),
        ("на педсовете", NO_PERIOD, "не распознано"),
        ("", NO_PERIOD, "не распознано"),
    ],
)
def test_describe(text, period, expected):
    assert parse(text, period).describe() == expected


def test_describe_uses_only_stored_fields():
    """A deadline rebuilt from stored kind/start/due describes itself the same way."""
    one_day = Deadline("01.12.2021", DATE, date(2021, 12, 1), date(2021, 12, 1))
    assert one_day.describe() == "01.12.2021"
    assert Deadline("x", DATE).describe() == "срок не указан"
    stored = parse("ежегодно до 31 октября", SCHOOL_2024)
    rebuilt = Deadline(stored.text, DeadlineKind(str(stored.kind)), stored.start, stored.due)
    assert rebuilt.describe() == stored.describe()


@pytest.mark.parametrize(
    ("text", "period", "year", "expected"),
    [
        ("ежегодно до 31 октября", SCHOOL_2024, 2024, "2024-10-31"),
        ("ежегодно до 31 октября", SCHOOL_2024, 2027, "2027-10-31"),
        ("ежегодно в мае", SCHOOL_2024, 2024, None),  # before the first occurrence
        ("ежегодно в мае", SCHOOL_2024, 2025, "2025-05-31"),
        ("ежегодно в мае", SCHOOL_2024, 2026, "2026-05-31"),
        ("2021-2024 ежегодно", NO_PERIOD, 2021, None),  # the first school year ends in 2022
        ("2021-2024 ежегодно", NO_PERIOD, 2022, "2022-08-31"),
        ("2021-2024 ежегодно", NO_PERIOD, 2024, "2024-08-31"),
        ("2021-2024 ежегодно", NO_PERIOD, 2025, None),  # the span of years is over
        ("ежегодно", NO_PERIOD, 2024, None),
        ("До 01.12.2021г.", NO_PERIOD, 2030, "2021-12-01"),
        ("Октябрь 2021", NO_PERIOD, 2022, "2021-10-31"),
        ("по запросу", NO_PERIOD, 2022, None),
    ],
)
def test_due_in_year(text, period, year, expected):
    assert parse(text, period).due_in_year(year) == (d(expected) if expected else None)


def test_due_in_year_moves_29_february():
    leap = Deadline("ежегодно до 29 февраля", YEARLY, None, date(2024, 2, 29))
    assert leap.due_in_year(2025) == date(2025, 2, 28)
    assert leap.due_in_year(2028) == date(2028, 2, 29)


# --- the period argument


def test_inverted_period_is_a_programming_error():
    with pytest.raises(ValueError):
        parse_deadline("сентябрь", period_start=date(2025, 8, 31), period_end=date(2024, 9, 1))


def test_half_a_period_counts_as_no_period():
    deadline = parse_deadline("сентябрь", period_start=date(2024, 9, 1))
    assert deadline.kind is UNKNOWN
    assert "период дорожной карты не задан" in deadline.note


# --- properties over generated text

PERIODS = st.sampled_from([NO_PERIOD, SCHOOL_2024, SCHOOL_2023, YEARS_2021_2024, CALENDAR_2022])
DEADLINE_WORDS = st.sampled_from(
    [
        *"0123456789.,;-–—/ ()<>",
        "\n",
        "<p>",
        "</p>",
        "до ",
        "с ",
        "по ",
        "к ",
        "после ",
        "не позднее ",
        "в течение ",
        "далее ",
        "ежегодно",
        "постоянно",
        "ежемесячно",
        "по запросу",
        "года",
        "учебного года",
        "г.",
        "гг.",
        "2021",
        "2024",
        "-2025",
        "20",
        "29.02",
        "31.12.9999",
        "0000",
        "май",
        "сентября",
        "окт.",
        "полугодие",
        "квартал",
        "кв.",
        "четверть",
        "I",
        "IV",
        "второе ",
        "конец ",
    ]
)


def _check_invariants(text: str, deadline: Deadline) -> None:
    assert deadline.text == text.strip()
    assert isinstance(deadline.describe(), str)
    assert deadline.understood == (deadline.kind is not UNKNOWN)
    if deadline.kind is UNKNOWN:
        assert deadline.note
        assert deadline.start is None
        assert deadline.due is None
    if deadline.kind is EVENT:
        assert deadline.start is None
        assert deadline.due is None
    if deadline.kind is DATE:
        assert deadline.start is not None or deadline.due is not None
    if deadline.kind is not YEARLY and deadline.start and deadline.due:
        assert deadline.start <= deadline.due
    deadline.due_in_year(2025)


@given(st.text(), PERIODS)
def test_never_raises_on_any_text(text, period):
    _check_invariants(text, parse(text, period))


@given(st.lists(DEADLINE_WORDS, max_size=14).map("".join), PERIODS)
def test_never_raises_on_deadline_like_text(text, period):
    _check_invariants(text, parse(text, period))


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_any_written_date_round_trips(day):
    written = f"{day.day:02d}.{day.month:02d}.{day.year}"
    for text in (written, f"до {written}г.", f"не позднее {written} г."):
        deadline = parse(text)
        assert (deadline.kind, deadline.start, deadline.due) == (DATE, None, day)
        assert deadline.describe() == f"до {written}"


MONTH_NAMES = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль"]
MONTH_NAMES += ["август", "сентябрь", "октябрь", "ноябрь", "декабрь"]


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=2000, max_value=2099))
def test_any_month_round_trips(month, year):
    deadline = parse(f"{MONTH_NAMES[month - 1].capitalize()} {year} г.")
    last = calendar.monthrange(year, month)[1]
    assert (deadline.kind, deadline.start, deadline.due) == (
        DATE,
        date(year, month, 1),
        date(year, month, last),
    )


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=2000, max_value=2098))
def test_bare_month_falls_into_the_school_year(month, year):
    deadline = parse(MONTH_NAMES[month - 1], (date(year, 9, 1), date(year + 1, 8, 31)))
    expected_year = year if month >= 9 else year + 1
    assert deadline.start == date(expected_year, month, 1)
    assert deadline.note == "год взят из периода дорожной карты"
