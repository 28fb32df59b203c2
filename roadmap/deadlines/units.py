"""Units: a day, a month, a half-year, a quarter, a term, a year, a span of years as written."""

import calendar
import re
from dataclasses import replace
from datetime import date

from roadmap.deadlines.parts import (
    _EDGE_PUNCTUATION,
    _MAX_YEAR,
    _MIN_YEAR,
    Build,
    _Context,
    _quote,
    _Unit,
    _Unparsed,
    _Window,
)

_MONTH_WORD = (
    r"(?:январ[а-я]*|янв|феврал[а-я]*|февр?|март[а-я]*|мар|апрел[а-я]*|апр"
    r"|ма[йяюе]|маем|июн[а-я]*|июл[а-я]*|август[а-я]*|авг|сентябр[а-я]*|сент?"
    r"|октябр[а-я]*|окт|ноябр[а-я]*|нояб?|декабр[а-я]*|дек)(?![а-я])\.?"
)
# Checked in order: «мар» before «ма».
_MONTH_STEMS = (
    ("янв", 1),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("ма", 5),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("ноя", 11),
    ("дек", 12),
)
_YEAR_REF = r"(?:\s*,?\s*(?:(?P<ay1>\d{4})[-/](?P<ay2>\d{4}|\d{2})|(?P<y>\d{4})))?"
_ORDINAL = r"(?P<n>iv|i{1,3}|[1-4](?:-?[а-я]{1,3})?|перв[а-я]*|втор[а-я]*|трет[а-я]*|четверт[а-я]*)"

_NUMERIC_DATE = re.compile(
    r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})(?:(?:[./]|\s+(?=\d{4}))(?P<y>\d{4}|\d{2}))?"
)
_TEXT_DATE = re.compile(
    rf"(?P<d>\d{{1,2}})(?:-?(?:го|е|ое))?\s*(?P<month>{_MONTH_WORD}){_YEAR_REF}"
)
_MONTH = re.compile(rf"(?P<month>{_MONTH_WORD}){_YEAR_REF}")
_MONTH_PART = re.compile(r"(?P<part>начал[а-я]*|середин[а-я]*|конец|конц[а-я]*)\s+(?P<rest>.+)")
_HALF_YEAR = re.compile(rf"{_ORDINAL}\s*(?:полугоди[а-я]*|пол\.){_YEAR_REF}")
_QUARTER = re.compile(rf"{_ORDINAL}\s*(?:квартал[а-я]*|кв\.?){_YEAR_REF}")
_SCHOOL_TERM = re.compile(rf"{_ORDINAL}\s*(?:четверт[ьиюяей]+|четв\.){_YEAR_REF}")
_CALENDAR_YEAR = re.compile(r"(?P<y>\d{4})")
_SPAN_OF_YEARS = re.compile(r"(?P<y1>\d{4})[-/](?P<y2>\d{4}|\d{2})")
_ROADMAP_PERIOD = re.compile(
    r"(?:всего\s+)?(?:(?:текущего|учебного|календарного|этого)\s+)?"
    r"(?:год[а-я]*|период[а-я]*(?:\s[а-я\s]*)?)"
)

_CALENDAR_HALVES = {1: (1, 6), 2: (7, 12)}
_SCHOOL_HALVES = {1: (9, 12), 2: (1, 5)}
_QUARTERS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
_SCHOOL_TERMS = {1: (9, 10), 2: (11, 12), 3: (1, 3), 4: (4, 5)}
_MONTH_THIRDS = {"начал": (1, 10), "середин": (11, 20), "кон": (21, 31)}


def _parse_unit(text: str, context: _Context) -> _Unit | None:
    text = text.strip(_EDGE_PUNCTUATION)
    for parser in (
        _numeric_date,
        _text_date,
        _month,
        _month_part,
        _half_year,
        _quarter,
        _school_term,
        _calendar_year,
        _span_of_years_unit,
        _roadmap_period,
    ):
        if unit := parser(text, context):
            return unit
    return None


def _numeric_date(text: str, context: _Context) -> _Unit | None:
    if not (match := _NUMERIC_DATE.fullmatch(text)):
        return None
    day, month = int(match["d"]), int(match["m"])
    _require_real_day(day, month, text)
    year = _year(match["y"]) if match["y"] else None
    return _Unit(text, _day_builder(day, month), year=year, is_day=True)


def _text_date(text: str, context: _Context) -> _Unit | None:
    if not (match := _TEXT_DATE.fullmatch(text)):
        return None
    day, month = int(match["d"]), _month_number(match["month"])
    _require_real_day(day, month, text)
    return _with_year_ref(_Unit(text, _day_builder(day, month), is_day=True), match, context)


def _month(text: str, context: _Context) -> _Unit | None:
    if not (match := _MONTH.fullmatch(text)):
        return None
    month = _month_number(match["month"])
    unit = _Unit(text, _months_builder(month, month))
    return _with_year_ref(unit, match, context)


def _month_part(text: str, context: _Context) -> _Unit | None:
    """«начало сентября», «в конце мая 2022»: a third of a month (decade)."""
    if not (match := _MONTH_PART.fullmatch(text)):
        return None
    month = _month(match["rest"], context)
    if month is None:
        return None
    first, last = next(
        days for stem, days in _MONTH_THIRDS.items() if match["part"].startswith(stem)
    )
    whole_month = month.build

    def build(year: int) -> _Window:
        window = whole_month(year)
        end = window.start.replace(day=min(last, window.end.day))
        return _Window(window.start.replace(day=first), end)

    note = "начало, середина и конец месяца поняты как дни 1–10, 11–20 и 21–конец"
    return replace(month, label=text, build=build, notes=(*month.notes, note))


def _half_year(text: str, context: _Context) -> _Unit | None:
    if not (match := _HALF_YEAR.fullmatch(text)):
        return None
    number = _ordinal(match["n"])
    if number not in _CALENDAR_HALVES:
        return None
    if match["y"]:
        first, last = _CALENDAR_HALVES[number]
        notes = ("полугодие понято как календарное",)
    elif match["ay1"] or context.school_year_shaped:
        first, last = _SCHOOL_HALVES[number]
        notes = ("полугодие понято как учебное: I — сентябрь–декабрь, II — январь–май",)
    else:
        first, last = _CALENDAR_HALVES[number]
        notes = ("полугодие понято как календарное",)
    unit = _Unit(text, _months_builder(first, last), notes=notes)
    return _with_year_ref(unit, match, context)


def _quarter(text: str, context: _Context) -> _Unit | None:
    if not (match := _QUARTER.fullmatch(text)):
        return None
    number = _ordinal(match["n"])
    if number not in _QUARTERS:
        return None
    first, last = _QUARTERS[number]
    return _with_year_ref(_Unit(text, _months_builder(first, last)), match, context)


def _school_term(text: str, context: _Context) -> _Unit | None:
    if not (match := _SCHOOL_TERM.fullmatch(text)):
        return None
    number = _ordinal(match["n"])
    if number not in _SCHOOL_TERMS:
        return None
    first, last = _SCHOOL_TERMS[number]
    note = "границы четверти приблизительные (по месяцам)"
    unit = _Unit(text, _months_builder(first, last), notes=(note,))
    return _with_year_ref(unit, match, context)


def _calendar_year(text: str, context: _Context) -> _Unit | None:
    if not (match := _CALENDAR_YEAR.fullmatch(text)):
        return None
    year = _year(match["y"])
    window = _Window(date(year, 1, 1), date(year, 12, 31))
    return _Unit(text, _fixed_builder(window), fixed=window)


def _span_of_years_unit(text: str, context: _Context) -> _Unit | None:
    if not (match := _SPAN_OF_YEARS.fullmatch(text)):
        return None
    window = _span_of_years(match["y1"], match["y2"], context)
    return _Unit(text, _fixed_builder(window), fixed=window)


def _roadmap_period(text: str, context: _Context) -> _Unit | None:
    """«года», «учебного года», «всего периода реализации программы»: the roadmap period."""
    if not _ROADMAP_PERIOD.fullmatch(text):
        return None
    if context.period is None:
        raise _Unparsed(f"{_quote(text)}: период дорожной карты не задан")
    note = "срок — период дорожной карты"
    period = context.period
    return _Unit(text, _fixed_builder(period), fixed=period, notes=(note,))


def _with_year_ref(unit: _Unit, match: re.Match[str], context: _Context) -> _Unit:
    if match["y"]:
        return replace(unit, year=_year(match["y"]))
    if match["ay1"]:
        return replace(unit, within=_span_of_years(match["ay1"], match["ay2"], context))
    return unit


def _span_of_years(first: str, last: str, context: _Context) -> _Window:
    """«2021-2024», «2020-21», «2021/2022»: academic sense unless the period has these years."""
    start_year = _year(first)
    end_year = _year(last) if len(last) == 4 else start_year // 100 * 100 + int(last)
    if not start_year < end_year <= _MAX_YEAR:
        raise _Unparsed(f"неверный диапазон лет: «{first}-{last}»")
    period = context.period
    if period is not None and (period.start.year, period.end.year) == (start_year, end_year):
        return period
    return _Window(date(start_year, 9, 1), date(end_year, 8, 31))


# ---------------------------------------------------------------------------------------------
# Small helpers


def _day_builder(day: int, month: int) -> Build:
    def build(year: int) -> _Window:
        day_date = date(year, month, day)
        return _Window(day_date, day_date)

    return build


def _fixed_builder(window: _Window) -> Build:
    return lambda _year: window


def _months_builder(first: int, last: int) -> Build:
    def build(year: int) -> _Window:
        return _Window(date(year, first, 1), _last_day(year, last))

    return build


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _require_real_day(day: int, month: int, text: str) -> None:
    # 2000 is a leap year: a day that does not exist even then does not exist at all.
    try:
        date(2000, month, day)
    except ValueError:
        raise _Unparsed(f"несуществующая дата: «{text}»") from None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _Unparsed(f"год вне допустимого диапазона: {text}")
    return year


def _month_number(word: str) -> int:
    return next(number for stem, number in _MONTH_STEMS if word.startswith(stem))


def _ordinal(text: str) -> int | None:
    roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    if text in roman:
        return roman[text]
    if text[0].isdigit():
        return int(text[0])
    words = {"перв": 1, "втор": 2, "трет": 3, "четв": 4}
    return next((number for stem, number in words.items() if text.startswith(stem)), None)
