"""Which academic year is being closed and which is being opened.

A school closes its year from May (the last lessons, the final questionnaires) until the new year
has started; until then the year that runs now is the one to close.
"""

from datetime import date

from django.utils import timezone

from monitoring.models.year import academic_year_bounds

CLOSING_FROM_MONTH = 5  # «Итоги года» are offered on the home page from May on


def running_year(organisation, today: date | None = None) -> int:
    """The start year of the academic year ``today`` falls in (2026 for 2026/2027)."""
    today = today or timezone.localdate()
    start_month = organisation.academic_year_start_month or 9
    return today.year if today.month >= start_month else today.year - 1


def year_to_close(organisation, today: date | None = None) -> int:
    """From May to the end of the year the running one; in the autumn the one just ended."""
    today = today or timezone.localdate()
    year = running_year(organisation, today)
    start_month = organisation.academic_year_start_month or 9
    in_closing_months = CLOSING_FROM_MONTH <= today.month < start_month
    return year if in_closing_months else year - 1


def closing_season(organisation, today: date | None = None) -> bool:
    """May to the start of the next year: when the home page offers «Итоги года»."""
    today = today or timezone.localdate()
    start_month = organisation.academic_year_start_month or 9
    return CLOSING_FROM_MONTH <= today.month < start_month


def year_label(year: int) -> str:
    return f"{year}/{year + 1}"


def bounds(organisation, year: int) -> tuple[date, date]:
    return academic_year_bounds(organisation, year)
