"""The parser's internal values: spans of days, the roadmap period, units and items as written."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

_MIN_YEAR, _MAX_YEAR = 1900, 2200
_EDGE_PUNCTUATION = " ,;:.!?"


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


def _shorten(text: str, limit: int = 60) -> str:
    # Notes are hints for the curator, the full text is stored next to them.
    return text if len(text) <= limit else f"{text[: limit - 1].rstrip()}…"


def _quote(text: str) -> str:
    return f"«{_shorten(text)}»"


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))
