"""What a parsed deadline is: its kind, its dates, and their short Russian description."""

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


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
