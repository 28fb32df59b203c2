"""Moving a deadline into the next school year: «до 31 октября 2025» → «до 31 октября 2026».

The new year's roadmap is last year's with every date a year later. The text is what the school
wrote, so it is moved as text: every year written in it goes up by ``years`` («2024-2025» →
«2025-2026», «2020-21г.» → «2021-22г.», «01.12.21» → «01.12.22»), and words without a year
(«ежегодно», «до 31 октября», «второе полугодие», «после утверждения …») stay as they are — the
new roadmap's period places them. Then the moved text is parsed again with the moved period.

The derived dates must come out as the old ones a year later. When they do not (a 29 February
that the next year has not, a text the parser cannot read but the curator had dated by hand),
the old dates are moved instead and :attr:`ShiftedDeadline.exact` is False with a note, so the
wizard's preview can point at the cells to look at. Nothing is guessed silently.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from roadmap.deadlines.model import Deadline, DeadlineKind
from roadmap.deadlines.parser import parse_deadline

_MIN_YEAR, _MAX_YEAR = 1900, 2200

# One pass over the text, longest forms first, so that no year moves twice:
#   a numeric date with a year («01.12.2021», «1/12/21»),
#   a day and February with a year («29 февраля 2024»: the next year may have no 29th),
#   an academic year written with two digits at the end («2020-21», «2024/25»),
#   any other four-digit year («2024», «2024-2025» is two of them).
_YEARS_IN_TEXT = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)(?P<dy>\d{4}|\d{2})(?![\d])"
    r"|(?<!\d)(?P<fd>29)(?P<feb>\s+феврал[а-яё]*\s+)(?P<fy>\d{4})(?!\d)"
    r"|(?<!\d)(?P<ay>\d{4})(?P<adash>\s*[-\u2010-\u2015/]\s*)(?P<ay2>\d{2})(?![\d.])"
    r"|(?<![\d.])(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ShiftedDeadline:
    deadline: Deadline
    exact: bool  # the moved text gives the moved dates


def shift_year(day: date | None, years: int = 1) -> date | None:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    if day is None:
        return None
    year = day.year + years
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def shift_deadline_text(text: str, years: int = 1) -> str:
    """Every year written in ``text`` moved by ``years``; the rest of the text untouched."""

    def moved(match: re.Match[str]) -> str:
        if match["dy"]:
            return _moved_numeric_date(match, years)
        if match["fy"]:
            year = _moved_year(match["fy"], years)
            if year is None:
                return match[0]
            day = "29" if calendar.isleap(int(year)) else "28"
            return f"{day}{match['feb']}{year}"
        if match["ay"]:
            first = _moved_year(match["ay"], years)
            if first is None:
                return match[0]
            second = (int(match["ay2"]) + years) % 100
            return f"{first}{match['adash']}{second:02d}"
        return _moved_year(match["y"], years) or match[0]

    return _YEARS_IN_TEXT.sub(moved, text or "")


def shift_deadline(
    deadline: Deadline,
    *,
    period_start: date | None,
    period_end: date | None,
    years: int = 1,
) -> ShiftedDeadline:
    """``deadline`` (as stored, with the roadmap period it was read in) moved by ``years``.

    The result is the moved text parsed in the moved period when that gives the old dates moved;
    otherwise the old kind with the old dates moved, marked not exact with a note.
    """
    new_start, new_end = shift_year(period_start, years), shift_year(period_end, years)
    text = shift_deadline_text(deadline.text, years)
    reparsed = parse_deadline(text, period_start=new_start, period_end=new_end)
    expected = (shift_year(deadline.start, years), shift_year(deadline.due, years))
    if (reparsed.kind, reparsed.start, reparsed.due) == (deadline.kind, *expected):
        return ShiftedDeadline(reparsed, exact=True)
    note = "срок перенесён на год по датам прошлого года; проверьте текст срока"
    if deadline.kind is DeadlineKind.UNKNOWN and expected == (None, None):
        note = reparsed.note or deadline.note
    moved = Deadline(text, deadline.kind, *expected, note=note)
    return ShiftedDeadline(moved, exact=False)


def _moved_year(text: str, years: int) -> str | None:
    year = int(text) + years
    if not _MIN_YEAR <= int(text) <= _MAX_YEAR:
        return None  # not a year: a number of people, a document number …
    return f"{year:04d}"


def _moved_numeric_date(match: re.Match[str], years: int) -> str:
    written = match["dy"]
    year = int(written) + (2000 if len(written) == 2 else 0)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return match[0]
    new_year = year + years
    day, month = int(match["d"]), int(match["m"])
    day_text = match["d"]
    if (day, month) == (29, 2) and not calendar.isleap(new_year):
        day_text = "28"
    year_text = f"{new_year % 100:02d}" if len(written) == 2 else f"{new_year:04d}"
    sep = match["sep"]
    return f"{day_text}{sep}{match['m']}{sep}{year_text}"
