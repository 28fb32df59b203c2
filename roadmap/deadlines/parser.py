"""The public entry point: :func:`parse_deadline` (the grammar is in the package docstring)."""

from datetime import date

from roadmap.deadlines.model import Deadline, DeadlineKind
from roadmap.deadlines.parts import _Context, _Unparsed, _Window
from roadmap.deadlines.phrases import _normalize, _parse


def parse_deadline(
    text: str, *, period_start: date | None = None, period_end: date | None = None
) -> Deadline:
    """Parse a roadmap deadline written as free Russian text (see the package docstring).

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
