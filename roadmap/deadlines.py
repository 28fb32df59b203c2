"""Сроки мероприятий дорожной карты: разбор свободного текста.

Russian schools write the «Сроки» column of a roadmap as free text: «Октябрь 2021»,
«До 01.12.2021г.», «август-сентябрь 2022 г.», «До 01.10.2022 г., далее постоянно», «ежегодно»,
«После утверждения муниципальных критериев», «до 31 октября», «Второе полугодие 2021 г.» …
:func:`parse_deadline` keeps the text as written and derives what can be derived; what cannot be
understood is returned as :attr:`DeadlineKind.UNKNOWN` with a Russian ``note`` for the curator.
Nothing is guessed silently: every assumption is written into ``note``, and the function never
raises on any input string.

Kinds
-----
* ``DATE``: a concrete place in the calendar. ``due`` is the last day (inclusive), ``start`` the
  first day when the phrase names a span (a month, a range, a half-year, a quarter, an academic
  year, «в течение года»). A single day («01.12.2021», «до 01.12.2021», «не позднее 15.09.2022»)
  has ``start=None``. «с 01.09.2022» / «после 01.09.2022» alone give a ``start`` without ``due``.
  A span with a real end is DATE even when it reads «в течение …»: overdue after ``due`` makes
  sense for it.
* ``YEARLY``: «ежегодно», «раз в год». ``start``/``due`` describe the *first* occurrence: with
  nothing inside the year they are the span of years (the roadmap period, or «2021-2024»); with a
  date or month inside the year («ежегодно в мае», «ежегодно до 31 октября») they are that window
  in its first occurrence within the span. :meth:`Deadline.due_in_year` gives the other years.
* ``PERMANENT``: «постоянно», and the frequencies «ежемесячно», «еженедельно», «ежеквартально»,
  «раз в четверть» … (the frequency goes to ``note``). ``start``/``due`` are the span in which the
  work goes on (the roadmap period unless the text names another). «До 01.10.2022, далее
  постоянно» is PERMANENT with ``due`` = the first due date and ``start=None``.
* ``EVENT``: bound to an event, no dates: «после утверждения …», «по мере необходимости»,
  «по запросу», «по согласованию», «по факту …», «по графику» …
* ``UNKNOWN``: everything else, the empty text and placeholders such as «---».

Normalisation
-------------
Before parsing, the text is NFKC-normalised, lower-cased, «ё» becomes «е», HTML tags are dropped
(``</p>``, ``<br>``, ``</li>`` separate list items: Word exports put several deadlines into one
cell), every kind of dash becomes «-», and the year words after a year are dropped: «г.», «г»,
«гг.», «года», «году», «уч. год», «учебного года», «2021г.» → «2021».

Grammar (after normalisation)
-----------------------------
::

    deadline  := "" | placeholder                        UNKNOWN «срок не указан»
               | dates ["," | "а"] "далее" tail          tail: постоянно, ежегодно, frequency, event
               | event-phrase …                          EVENT (checked first: «по факту …»)
               | … yearly-word …                         YEARLY, the rest is a span and/or a window
               | … frequency-word …                      PERMANENT, the rest is the span
               | … «постоянно» …                         PERMANENT, the rest is the span
               | dates                                   DATE
    dates     := item {("," | ";" | " и ") item}         a list: earliest start … latest due
    item      := ("с" | "от") unit ("по" | "до") unit    a range
               | unit "-" unit                           a range
               | [relation] unit
    relation  := до | в срок до | к | не позднее | не позже | по | до конца | к концу
               | с | начиная с | после | в течение | на протяжении | в период
    unit      := DD.MM[.YY[YY]] | D month [year-ref]     a day
               | month [year-ref]                        «октябрь 2021», «май, 2023», «окт.»
               | (начало | середина | конец) month       a third of a month
               | ordinal "полугодие" [year-ref]          «I полугодие», «второе полугодие 2021»
               | ordinal ("квартал" | "кв.") [year-ref]  calendar quarters
               | ordinal "четверть" [year-ref]           school terms
               | YYYY                                    a calendar year
               | YYYY-YY[YY] | YYYY/YYYY                 an academic year / a span of years
               | «года» | «учебного года» | «периода …» the roadmap period
    year-ref  := YYYY | YYYY-YY[YY]                      a calendar year, or a span to place into
    ordinal   := I | II | III | IV | 1 | 1-е | 1-ое | первое | второе | …

Decisions for ambiguous phrases
-------------------------------
* Placing a unit without a year: the first occurrence lying inside the roadmap period (else the
  first overlapping it). For a period of one academic year (01.09.2024–31.08.2025) this puts
  September–December into the start year and January–August into the end year. The note says
  «год взят из периода дорожной карты», plus «первое вхождение в период» for longer periods.
  Without a period and without a year: UNKNOWN; the year is never guessed.
* «YYYY-YYYY» (with or without «гг.», «уч. год») is read in the academic sense: 01.09 of the first
  year … 31.08 of the last, unless the roadmap period has exactly these years, then the period
  itself is used. A single «2021» is the calendar year.
* «до X» means «by the first day of X»: «до 01.10.2022» → 01.10.2022, «до октября 2022» →
  01.10.2022 (noted). «не позднее X», «по X», «до конца X» mean the last day of X. «к X» is the
  first day of X. «после X» starts the day after X.
* A range whose second end carries the year lends it to the first end: «август-сентябрь 2022» is
  01.08.2022–30.09.2022. If the first end would then come after the second, it goes to the
  previous year: «ноябрь-январь 2022» is 01.11.2021–31.01.2022 (noted). A range without years is
  placed from its first end: «ноябрь-январь» in 2024/2025 is 01.11.2024–31.01.2025.
* Half-years with a calendar year are calendar half-years: «второе полугодие 2021» is
  01.07.2021–31.12.2021 (noted, since schools sometimes mean the school half-year). Half-years of
  an academic year («второе полугодие 2024-2025 учебного года») and bare half-years in a
  school-year roadmap (the period starts in July–December) are school half-years: the first is
  September–December, the second January–May (summer holidays are not part of it).
* Quarters are always calendar quarters. School terms (четверти) are approximated as
  сентябрь–октябрь, ноябрь–декабрь, январь–март, апрель–май (noted).
* «начало / середина / конец <месяца>» are the days 1–10, 11–20 and 21–end (noted).
* «в течение года», «в течение учебного года», «в течение периода …»: the roadmap period as a
  DATE span (UNKNOWN without a period).
* A list («Июль 2021 г., Второе полугодие 2021 г.») is DATE from the earliest day to the latest
  day named; an item without a year takes it from the next item that has one. Event items in a
  list («октябрь 2021, по запросу») are kept in the note.
* «ежегодно в мае» without any period (and without a span of years) is UNKNOWN: the first
  occurrence cannot be placed.
* A date that does not exist («31.02.2022») and years outside 1900–2200 are UNKNOWN.
"""

import calendar
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

__all__ = ["Deadline", "DeadlineKind", "parse_deadline"]


class DeadlineKind(StrEnum):
    DATE = "date"
    YEARLY = "yearly"
    PERMANENT = "permanent"
    EVENT = "event"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Deadline:
    text: str
    kind: DeadlineKind
    start: date | None = None
    due: date | None = None
    note: str = ""

    @property
    def understood(self) -> bool:
        return self.kind is not DeadlineKind.UNKNOWN

    @property
    def is_recurring(self) -> bool:
        return self.kind in (DeadlineKind.YEARLY, DeadlineKind.PERMANENT)

    def describe(self) -> str:
        """A short Russian description, built from kind/start/due only (so it survives storage)."""
        match self.kind:
            case DeadlineKind.DATE:
                return _describe_span(self.start, self.due, _full) or "срок не указан"
            case DeadlineKind.PERMANENT:
                return _describe_permanent(self.start, self.due)
            case DeadlineKind.YEARLY:
                return _describe_yearly(self.start, self.due)
            case DeadlineKind.EVENT:
                return "по событию"
            case _:
                return "не распознано"

    def due_in_year(self, year: int) -> date | None:
        """The due date in a calendar year; for non-yearly deadlines simply ``due``.

        For YEARLY it is ``due`` moved to ``year`` (29 February becomes 28 February). Years before
        ``start`` give None, and so do years after ``due`` when ``start``–``due`` is a span of
        several years («2021-2024 ежегодно»): the activity does not run then.
        """
        if self.kind is not DeadlineKind.YEARLY or self.due is None:
            return self.due
        candidate = _same_day_in_year(self.due, year)
        if candidate is None or (self.start is not None and candidate < self.start):
            return None
        if _is_span_of_years(self.start, self.due) and candidate > self.due:
            return None
        return candidate


def parse_deadline(
    text: str, *, period_start: date | None = None, period_end: date | None = None
) -> Deadline:
    """Parse a roadmap deadline written as free Russian text (see the module docstring).

    ``period_start``/``period_end`` are the roadmap period; they place phrases without a year.
    A period given by one end only counts as no period. An inverted period is a programming
    error and raises ValueError; the text itself never makes this function raise.
    """
    if period_start is not None and period_end is not None and period_start > period_end:
        raise ValueError("period_start is after period_end")
    # None (an empty nullable column) reads as an empty deadline rather than a crash.
    stripped = text.strip() if isinstance(text, str) else ""
    period = (
        _Window(period_start, period_end)
        if period_start is not None and period_end is not None
        else None
    )
    context = _Context(period)
    try:
        kind, dates = _parse(_normalize(stripped), context)
    except _Unparsed as problem:
        return Deadline(stripped, DeadlineKind.UNKNOWN, note=str(problem))
    except (ValueError, OverflowError):
        # Date arithmetic at the edges of the calendar; every expected case is an _Unparsed.
        return Deadline(stripped, DeadlineKind.UNKNOWN, note="не удалось распознать срок")
    return Deadline(stripped, kind, dates.start, dates.due, "; ".join(dates.notes))


# ---------------------------------------------------------------------------------------------
# Internal model


class _Unparsed(Exception):
    """The phrase is not understood; the message is the Russian note for the curator."""


@dataclass(frozen=True)
class _Window:
    """Inclusive span of days."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class _Context:
    period: _Window | None

    @property
    def school_year_shaped(self) -> bool:
        # A period beginning in the second half of a year is a school year (or several).
        return self.period is not None and self.period.start.month >= 7

    @property
    def placement_note(self) -> str:
        note = "год взят из периода дорожной карты"
        if self.period is not None and self.period.days > 366:
            note += " (первое вхождение в период)"
        return note


@dataclass(frozen=True)
class _Dates:
    start: date | None = None
    due: date | None = None
    notes: tuple[str, ...] = ()

    def noted(self, *notes: str) -> "_Dates":
        return replace(self, notes=_unique((*self.notes, *notes)))


Build = Callable[[int], _Window]


@dataclass(frozen=True)
class _Unit:
    """A calendar unit as written, before it is placed in a year."""

    label: str
    build: Build  # the unit's window in a given year; ValueError if that year has no such day
    year: int | None = None  # an explicit calendar year
    within: _Window | None = None  # an explicit academic year / span of years to place into
    fixed: _Window | None = None  # years, spans, the roadmap period: need no placement
    is_day: bool = False
    notes: tuple[str, ...] = ()

    @property
    def anchored(self) -> bool:
        return self.fixed is not None or self.year is not None or self.within is not None


class _Relation(StrEnum):
    AT = "at"  # «октябрь 2021», «01.12.2021»
    DURING = "during"  # «в течение …»
    BEFORE = "before"  # «до …»: the first day
    BY = "by"  # «к …»: the first day
    END = "end"  # «не позднее …», «по …», «до конца …»: the last day
    FROM = "from"  # «с …»
    AFTER = "after"  # «после …»
    RANGE = "range"  # «с A по B», «A-B»
    RANGE_BEFORE = "range_before"  # «с A до B»


@dataclass(frozen=True)
class _Item:
    relation: _Relation
    first: _Unit
    second: _Unit | None = None

    @property
    def anchored(self) -> bool:
        return self.first.anchored or (self.second is not None and self.second.anchored)


# ---------------------------------------------------------------------------------------------
# Normalisation

_HTML_BREAK = re.compile(r"<\s*(?:br\s*/?|/p|/li|/div|/tr|/td)\s*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^<>]{0,300}>")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]")
_BRACKETS = re.compile(r"[()\[\]{}«»\"„“”]")
# «г.», «гг.», «года», «уч. год», «учебного года» right after a year (two digits at least, so
# that «1 год» in «в течение 1 года» stays).
_YEAR_WORDS = re.compile(
    r"(?<=\d\d)\s*(?:(?:уч(?![а-я])\.?|учебн[а-я]*)\s*(?:(?:гг|г|год[а-я]*)(?![а-я])\.?)?"
    r"|(?:гг|г|год[а-я]*)(?![а-я])\.?)"
)
_SPACES = re.compile(r"\s+")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_EDGE_PUNCTUATION = " ,;:.!?"


def _normalize(text: str) -> str:
    text = _HTML_BREAK.sub(" ; ", text)
    text = _HTML_TAG.sub(" ", text)
    text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е").replace("і", "i")
    text = _DASHES.sub("-", text)
    text = _BRACKETS.sub(" ", text)
    text = _YEAR_WORDS.sub("", text)
    text = _SPACED_HYPHEN.sub("-", text)
    text = _SPACES.sub(" ", text)
    return text.strip(_EDGE_PUNCTUATION)


# ---------------------------------------------------------------------------------------------
# Top level: the kinds

_PLACEHOLDER = re.compile(r"[-_*/\\.\s]*|нет|не указан[а-я]*|н/д|б/с")
_THEN = re.compile(r"[\s,;-]*\b(?:а\s+)?(?:далее|затем|в\s+дальнейшем)\s+(?=\S)")
_YEARLY = re.compile(r"ежегодн[а-я]*|(?:\b1\s+|\bодин\s+)?раз\s+в\s+год(?![а-я])")
_FREQUENCY = re.compile(
    r"ежемесячн[а-я]*|еженедельн[а-я]*|ежеквартальн[а-я]*|ежедневн[а-я]*"
    r"|каждую\s+(?:неделю|четверть)|каждый\s+(?:месяц|квартал|триместр)"
    r"|(?:\b\d+\s+|\bодин\s+|\bдва\s+)?раза?\s+в\s+"
    r"(?:неделю|две\s+недели|месяц|квартал|четверть|триместр|полугодие)(?![а-я])"
    r"|систематически|регулярно"
)
_PERMANENT = re.compile(r"постоянн[а-я]*|непрерывно")
_EVENT = re.compile(
    r"(?:после|по\s+окончании|по\s+завершении|по\s+итогам|по\s+результатам)\s+\S"
    r"|по\s+мере\b|(?:по|при)\s+необходимости|по\s+запрос[а-я]*|по\s+согласовани[а-я]*"
    r"|по\s+факту|по\s+готовности|по\s+требованию|по\s+приглашению|по\s+поступлени[а-я]*"
    r"|по\s+(?:отдельному\s+|утвержденному\s+)?(?:график[а-я]*|план[а-я]*|расписани[а-я]*)"
    r"|согласно\b|в\s+соответствии\b|с\s+момента\b|со\s+дня\b"
    r"|в\s+сроки,?\s+(?:установленн|определенн|указанн)"
    r"|в\s+течение\s+(?:\d+\s+)?(?:дн|недел|месяц)[а-я]*\s+(?:после|с\s+момента|со\s+дня)"
)
_AFTER_PREFIX = re.compile(r"после\s")
# What may remain around «ежегодно», «постоянно» … without naming any span.
_EMPTY_REST = re.compile(r"(?:в\s+течение|на\s+протяжении|в|во|на|с|,|\.|;|:|-|\s)*")


def _parse(text: str, context: _Context) -> tuple[DeadlineKind, _Dates]:
    if _PLACEHOLDER.fullmatch(text):
        raise _Unparsed("срок не указан")
    if (then := _THEN.search(text)) and then.start() > 0:
        return _parse_then(text[: then.start()], text[then.end() :], context)
    if _is_event(text, context):
        return DeadlineKind.EVENT, _Dates()
    if yearly := _YEARLY.search(text):
        return DeadlineKind.YEARLY, _parse_yearly(_cut(text, yearly), context)
    if frequency := _FREQUENCY.search(text):
        dates = _span_of_rest(_cut(text, frequency), context)
        return DeadlineKind.PERMANENT, dates.noted(f"периодичность: {frequency[0]}")
    if permanent := _PERMANENT.search(text):
        return DeadlineKind.PERMANENT, _span_of_rest(_cut(text, permanent), context)
    return DeadlineKind.DATE, _check_in_period(_parse_dates(text, context), context)


def _cut(text: str, match: re.Match[str]) -> str:
    return f"{text[: match.start()]} {text[match.end() :]}"


def _is_event(text: str, context: _Context) -> bool:
    if not _EVENT.match(text):
        return False
    if _AFTER_PREFIX.match(text):
        # «после 01.10.2022» is a date; «после утверждения критериев» is an event.
        try:
            _resolve_item(_parse_item(text, context), context)
        except _Unparsed:
            return True
        return False
    return True


def _parse_then(head: str, tail: str, context: _Context) -> tuple[DeadlineKind, _Dates]:
    """«До 01.10.2022, далее постоянно»: the first deadline, then a regime."""
    first = _parse_dates(head, context)
    tail = tail.strip(_EDGE_PUNCTUATION)
    if _YEARLY.fullmatch(tail):
        return DeadlineKind.YEARLY, first.noted(f"далее {_shorten(tail)}")
    if _PERMANENT.fullmatch(tail) or _FREQUENCY.fullmatch(tail):
        if first.due is None:
            raise _Unparsed("не указан первый срок перед «далее»")
        return DeadlineKind.PERMANENT, _Dates(None, first.due).noted(
            *first.notes, f"далее {_shorten(tail)}"
        )
    if _EVENT.match(tail):
        return DeadlineKind.DATE, first.noted(f"далее {_shorten(tail)}")
    raise _Unparsed(f"непонятно, что значит {_quote('далее ' + tail)}")


_SPAN_OF_YEARS_INSIDE = re.compile(r"(?<!\d)(?P<y1>\d{4})[-/](?P<y2>\d{4}|\d{2})(?![\d.])")


def _parse_yearly(rest: str, context: _Context) -> _Dates:
    """«ежегодно», «2021-2024 ежегодно», «ежегодно в мае», «ежегодно до 31 октября»."""
    span = context.period
    years_note = ""
    if years := _SPAN_OF_YEARS_INSIDE.search(rest):
        span = _span_of_years(years["y1"], years["y2"], context)
        rest = _cut(rest, years)
        years_note = f"в {years[0]} гг."
    rest = rest.strip(_EDGE_PUNCTUATION)
    if _EMPTY_REST.fullmatch(rest) or _EVENT.match(rest):
        dates = _Dates() if span is None else _Dates(span.start, span.end)
        return dates.noted(f"также: {_shorten(rest)}" if _EVENT.match(rest) else "")
    try:
        first = _parse_dates(rest, _Context(span))
    except _Unparsed as problem:
        raise _Unparsed(f"ежегодно, но {problem}") from None
    # The dates keep only the first occurrence; the span of years survives in the note.
    return first.noted(years_note)


def _span_of_rest(rest: str, context: _Context) -> _Dates:
    """The span of a permanent activity: named in the rest of the text, else the period."""
    if _EMPTY_REST.fullmatch(rest):
        if context.period is None:
            return _Dates()
        return _Dates(context.period.start, context.period.end, ("на период дорожной карты",))
    rest = rest.strip(_EDGE_PUNCTUATION)
    if _EVENT.match(rest):
        return _span_of_rest("", context).noted(f"также: {_shorten(rest)}")
    return _parse_dates(rest, context)


def _check_in_period(dates: _Dates, context: _Context) -> _Dates:
    period = context.period
    if period is None:
        return dates
    first = dates.start or dates.due
    last = dates.due or dates.start
    if (last is not None and last < period.start) or (first is not None and first > period.end):
        return dates.noted("срок вне периода дорожной карты")
    return dates


# ---------------------------------------------------------------------------------------------
# Lists, items, ranges

_LIST_SEPARATOR = re.compile(r"\s*[;,\n]\s*|\s+и\s+")
_BARE_YEAR_REF = re.compile(r"\d{4}(?:[-/](?:\d{4}|\d{2}))?")
_BARE_DAY = re.compile(r"\d{1,2}")
_RANGE_WORDS = re.compile(
    r"(?:с|со|от|начиная\s+с)\s+(?P<first>.+?)\s+(?P<op>по|до)\s+(?P<second>.+)"
)
_RELATION_PREFIX = re.compile(
    r"(?P<word>не\s+позднее|не\s+позже|до\s+конца|к\s+концу|в\s+срок\s+до|до|к|по"
    r"|начиная\s+с|со|с|после|в\s+течение|на\s+протяжении|в\s+период|в\s+срок)\s+(?P<rest>.+)"
)
_RELATION_WORDS = {
    "не позднее": _Relation.END,
    "не позже": _Relation.END,
    "до конца": _Relation.END,
    "к концу": _Relation.END,
    "по": _Relation.END,
    "в срок до": _Relation.BEFORE,
    "до": _Relation.BEFORE,
    "к": _Relation.BY,
    "начиная с": _Relation.FROM,
    "со": _Relation.FROM,
    "с": _Relation.FROM,
    "после": _Relation.AFTER,
    "в течение": _Relation.DURING,
    "на протяжении": _Relation.DURING,
    "в период": _Relation.DURING,
    "в срок": _Relation.AT,
}
# Words that only introduce a unit: «в октябре», «во втором полугодии», «на 2024-2025».
_FILLER = re.compile(r"(?:в|во|на)\s+(?!течение|срок|период)")


def _parse_dates(text: str, context: _Context) -> _Dates:
    """A list of items, each a unit or a range, into one DATE span."""
    parts = _split_list(text)
    items: list[_Item] = []
    skipped: list[str] = []
    for index, part in enumerate(parts):
        if _is_event(part, context):
            skipped.append(part)
            continue
        following = parts[index + 1] if index + 1 < len(parts) else ""
        items.append(_parse_item(_complete_bare_day(part, following), context))
    if not items:
        raise _Unparsed("срок не указан")
    spans = _resolve_items(items, context)
    if len(spans) == 1:
        dates = spans[0]
    else:
        firsts = [d for s in spans if (d := s.start or s.due) is not None]
        lasts = [d for s in spans if (d := s.due or s.start) is not None]
        notes = _unique(note for span in spans for note in span.notes)
        dates = _Dates(min(firsts), max(lasts), (*notes, "несколько сроков: взят общий интервал"))
    return dates.noted(*(f"также: {_shorten(part)}" for part in skipped))


def _split_list(text: str) -> list[str]:
    parts: list[str] = []
    for raw in _LIST_SEPARATOR.split(text):
        part = raw.strip(_EDGE_PUNCTUATION)
        if not part:
            continue
        if parts and _BARE_YEAR_REF.fullmatch(part):
            # «май, 2023»: the year belongs to the previous item.
            parts[-1] = f"{parts[-1]} {part}"
        else:
            parts.append(part)
    return parts


def _complete_bare_day(part: str, following: str) -> str:
    """«1» before «15 сентября 2022» («1 и 15 сентября», «1-15 сентября») is «1 сентября 2022»."""
    if not _BARE_DAY.fullmatch(part):
        return part
    if day := _TEXT_DATE.fullmatch(following):
        return f"{part} {following[day.start('month') :]}"
    if day := _NUMERIC_DATE.fullmatch(following):
        return f"{part}{following[day.end('d') :]}"
    return part


def _parse_item(written: str, context: _Context) -> _Item:
    text = _strip_filler(written)
    if ranged := _RANGE_WORDS.fullmatch(text):
        first = _complete_bare_day(ranged["first"], ranged["second"])
        relation = _Relation.RANGE if ranged["op"] == "по" else _Relation.RANGE_BEFORE
        return _Item(
            relation, _require_unit(first, context), _require_unit(ranged["second"], context)
        )
    if prefixed := _RELATION_PREFIX.fullmatch(text):
        relation = _RELATION_WORDS[_SPACES.sub(" ", prefixed["word"])]
        rest = _strip_filler(prefixed["rest"])
        is_range = relation is _Relation.DURING and not _parse_unit(rest, context)
        if is_range and (ranged_item := _hyphen_range(rest, context)):
            return ranged_item
        return _Item(relation, _require_unit(rest, context))
    if unit := _parse_unit(text, context):
        return _Item(_Relation.AT, unit)
    if ranged_item := _hyphen_range(text, context):
        return ranged_item
    raise _Unparsed(f"не удалось распознать {_quote(written)}")


def _strip_filler(text: str) -> str:
    while filler := _FILLER.match(text):
        text = text[filler.end() :]
    return text


def _hyphen_range(text: str, context: _Context) -> _Item | None:
    """«август-сентябрь 2022», «01.09.2021-31.05.2022», «1-15 сентября»: try every hyphen."""
    for position, char in enumerate(text):
        if char != "-":
            continue
        second_text = text[position + 1 :].strip()
        first_text = _complete_bare_day(text[:position].strip(), second_text)
        first = _parse_unit(first_text, context)
        second = _parse_unit(second_text, context)
        if first is not None and second is not None:
            return _Item(_Relation.RANGE, first, second)
    return None


def _require_unit(text: str, context: _Context) -> _Unit:
    unit = _parse_unit(_strip_filler(text.strip(_EDGE_PUNCTUATION)), context)
    if unit is None:
        raise _Unparsed(f"не удалось распознать {_quote(text)}")
    return unit


def _resolve_items(items: list[_Item], context: _Context) -> list[_Dates]:
    """Resolve anchored items first; an item without a year leans on its neighbours."""
    resolved: list[_Dates | None] = [
        _resolve_item(item, context) if item.anchored else None for item in items
    ]
    for index, item in enumerate(items):
        if resolved[index] is not None:
            continue
        later = next((r for r in resolved[index + 1 :] if r is not None), None)
        earlier = next((r for r in reversed(resolved[:index]) if r is not None), None)
        if later is not None and (anchor := later.due or later.start):
            resolved[index] = _resolve_item(item, context, not_after=anchor)
        elif earlier is not None and (anchor := earlier.start or earlier.due):
            resolved[index] = _resolve_item(item, context, not_before=anchor)
        else:
            resolved[index] = _resolve_item(item, context)
    return [dates for dates in resolved if dates is not None]


def _resolve_item(
    item: _Item,
    context: _Context,
    *,
    not_after: date | None = None,
    not_before: date | None = None,
) -> _Dates:
    if item.second is not None:
        return _resolve_range(item, context)
    window, notes = _place(item.first, context, not_after=not_after, not_before=not_before)
    unit = item.first
    match item.relation:
        case _Relation.AT if unit.is_day:
            dates = _Dates(None, window.end)
        case _Relation.AT | _Relation.DURING:
            dates = _Dates(window.start, window.end)
        case _Relation.BEFORE | _Relation.BY:
            dates = _Dates(None, window.start)
            if not unit.is_day:
                word = "до" if item.relation is _Relation.BEFORE else "к"
                notes += (f"«{word} {unit.label}» понято как {word} {_full(window.start)}",)
        case _Relation.END:
            dates = _Dates(None, window.end)
        case _Relation.FROM:
            dates = _Dates(window.start, None, ("срок окончания не указан",))
        case _Relation.AFTER:
            dates = _Dates(window.end + timedelta(days=1), None, ("срок окончания не указан",))
        case _:
            raise _Unparsed(f"не удалось распознать «{unit.label}»")
    return dates.noted(*notes)


def _resolve_range(item: _Item, context: _Context) -> _Dates:
    first, second = item.first, item.second
    if second is None:
        raise _Unparsed(f"не удалось распознать «{first.label}»")
    placed = _range_in_period(first, second, context)
    if placed is not None:
        first_window, second_window = placed
        first_notes = (*first.notes, context.placement_note)
        second_notes = second.notes
    elif first.anchored or not second.anchored:
        first_window, first_notes = _place(first, context)
        second_window, second_notes = _place(second, context, not_before=first_window.start)
    else:
        second_window, second_notes = _place(second, context)
        first_window, first_notes = _place(first, context, not_after=second_window.end)
        if first_window.start.year != second_window.start.year and first.year is None:
            first_notes += (f"«{first.label}» отнесено к {first_window.start.year} году",)
    due = second_window.end
    notes = (*first_notes, *second_notes)
    if item.relation is _Relation.RANGE_BEFORE:
        due = second_window.start
        if not second.is_day:
            notes += (f"«до {second.label}» понято как до {_full(due)}",)
    if due < first_window.start:
        raise _Unparsed("конец срока раньше начала")
    return _Dates(first_window.start, due, _unique(notes))


def _range_in_period(
    first: _Unit, second: _Unit, context: _Context
) -> tuple[_Window, _Window] | None:
    """A range without any year: its first occurrence wholly inside the roadmap period, else the
    one that ends inside it («август-сентябрь» in 2026/2027 is 01.08.2026–30.09.2026, not
    August–September 2027, which ends after the period); None when a year is written."""
    period = context.period
    if period is None or first.anchored or second.anchored:
        return None
    candidates = []
    for year in range(period.start.year - 1, period.end.year + 1):
        try:
            first_window = first.build(year)
        except ValueError:
            continue
        second_window = next(
            (
                w
                for w in _windows(second.build, range(year, year + 2))
                if w.end >= first_window.start
            ),
            None,
        )
        if second_window is None:
            continue
        start, end = first_window.start, second_window.end
        overlap = (min(end, period.end) - max(start, period.start)).days
        if overlap >= 0:
            # The due date matters most (overdue runs on it): prefer a range ending inside.
            candidates.append((end > period.end, -overlap, year))
            if start >= period.start and end <= period.end:
                return first_window, second_window
    if not candidates:
        return None
    *_, year = min(candidates)
    first_window = first.build(year)
    second_window = next(
        w for w in _windows(second.build, range(year, year + 2)) if w.end >= first_window.start
    )
    return first_window, second_window


# ---------------------------------------------------------------------------------------------
# Placing a unit in the calendar

_MIN_YEAR, _MAX_YEAR = 1900, 2200
_SEARCH_YEARS = 9  # enough to meet a 29 February


def _place(
    unit: _Unit,
    context: _Context,
    *,
    not_after: date | None = None,
    not_before: date | None = None,
) -> tuple[_Window, tuple[str, ...]]:
    if unit.fixed is not None:
        return unit.fixed, unit.notes
    if unit.year is not None:
        try:
            return unit.build(unit.year), unit.notes
        except ValueError:
            raise _Unparsed(f"несуществующая дата: «{unit.label}»") from None
    if unit.within is not None:
        if window := _first_inside(unit.build, unit.within):
            return window, unit.notes
        raise _Unparsed(f"«{unit.label}» не попадает в указанные годы")
    if not_after is not None:
        years = range(not_after.year, not_after.year - _SEARCH_YEARS, -1)
        if window := next((w for w in _windows(unit.build, years) if w.start <= not_after), None):
            return window, unit.notes
    if not_before is not None:
        years = range(not_before.year, not_before.year + _SEARCH_YEARS)
        if window := next((w for w in _windows(unit.build, years) if w.end >= not_before), None):
            return window, unit.notes
    if context.period is None:
        raise _Unparsed(f"не указан год для «{unit.label}», а период дорожной карты не задан")
    if window := _first_inside(unit.build, context.period):
        return window, (*unit.notes, context.placement_note)
    raise _Unparsed(f"«{unit.label}» не попадает в период дорожной карты")


def _first_inside(build: Build, span: _Window) -> _Window | None:
    """The first window lying inside the span, else the first one overlapping it."""
    windows = list(_windows(build, range(span.start.year - 1, span.end.year + 2)))
    inside = (w for w in windows if span.start <= w.start and w.end <= span.end)
    overlapping = (w for w in windows if w.start <= span.end and w.end >= span.start)
    return next(inside, None) or next(overlapping, None)


def _windows(build: Build, years: Iterable[int]) -> Iterator[_Window]:
    for year in years:
        if _MIN_YEAR <= year <= _MAX_YEAR:
            try:
                yield build(year)
            except ValueError:
                continue  # no 29 February that year


# ---------------------------------------------------------------------------------------------
# Units

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


def _shorten(text: str, limit: int = 60) -> str:
    # Notes are hints for the curator, the full text is stored next to them.
    return text if len(text) <= limit else f"{text[: limit - 1].rstrip()}…"


def _quote(text: str) -> str:
    return f"«{_shorten(text)}»"


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _same_day_in_year(day: date, year: int) -> date | None:
    if not 1 <= year <= 9999:
        return None
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def _is_span_of_years(start: date | None, due: date | None) -> bool:
    return start is not None and due is not None and (due - start).days > 366


# ---------------------------------------------------------------------------------------------
# Descriptions


def _full(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def _day_month(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}"


def _describe_span(start: date | None, due: date | None, fmt: Callable[[date], str]) -> str:
    if start is not None and due is not None:
        return fmt(due) if start == due else f"с {fmt(start)} по {fmt(due)}"
    if due is not None:
        return f"до {fmt(due)}"
    if start is not None:
        return f"с {fmt(start)}"
    return ""


def _describe_permanent(start: date | None, due: date | None) -> str:
    if start is None and due is not None:
        return f"до {_full(due)}, далее постоянно"
    span = _describe_span(start, due, _full)
    return f"постоянно {span}" if span else "постоянно"


def _describe_yearly(start: date | None, due: date | None) -> str:
    if start is not None and due is not None:
        if _is_span_of_years(start, due):
            return f"ежегодно с {_full(start)} по {_full(due)}"
        if (due - start).days >= 363:
            return "ежегодно"  # the whole (school) year
    span = _describe_span(start, due, _day_month)
    return f"ежегодно {span}" if span else "ежегодно"
