"""Periods: placing items and units without a year into the roadmap period."""

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from roadmap.deadlines.model import _full
from roadmap.deadlines.parts import (
    _MAX_YEAR,
    _MIN_YEAR,
    Build,
    _Context,
    _Dates,
    _Item,
    _Relation,
    _unique,
    _Unit,
    _Unparsed,
    _Window,
)


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
