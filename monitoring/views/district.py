"""The municipal coordinator's district: the table of its schools, a school's figures (read
only) and the district workbook. Every number comes from :func:`monitoring.district.district_rows`.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from mentoring_portal.excel import xlsx_response
from monitoring import charts
from monitoring.district import (
    COLUMNS,
    PUPILS_TARGET,
    department_schools,
    district_rows,
    sort_rows,
)
from monitoring.indicators import compute_indicators
from monitoring.report import current_academic_year, frozen_indicators
from participants.access import require_role
from participants.models import Organisation, Role

YEARS_BACK = 4


def department_of(request: HttpRequest) -> Organisation:
    """The department whose schools the coordinator reads: the current organisation, or the
    department of the school they are looking at. Another role gets a 403."""
    organisation = request.access.organisation
    department = (
        organisation if organisation.kind == Organisation.Kind.DEPARTMENT else organisation.parent
    )
    roles = request.access.roles_by_organisation.get(department.pk if department else None, ())
    if department is None or Role.COORDINATOR not in roles:
        raise PermissionDenied
    return department


def chosen_year(request: HttpRequest, department) -> tuple[int, list[int]]:
    """The academic year asked for (``?year=2025``), the current one by default, and the years
    offered. A year outside the offered ones falls back to the current year."""
    current = current_academic_year(department)
    offered = [current - back for back in range(YEARS_BACK + 1)]
    try:
        year = int(request.GET.get("year", current))
    except ValueError:
        year = current
    return (year if year in offered else current), offered


def table_context(rows, *, year: int, sort: str, page_url: str) -> dict:
    """The district table partial's context: rows sorted, headers with their sort links."""
    rows, applied = sort_rows(rows, sort)
    headers = []
    for key, (label, how) in COLUMNS.items():
        state = "ascending" if applied == key else "descending" if applied == f"-{key}" else ""
        next_sort = f"-{key}" if applied == key else key
        query = urlencode({"year": year, "sort": next_sort})
        headers.append(
            {"key": key, "label": label, "how": how, "url": f"{page_url}?{query}", "state": state}
        )
    return {
        "rows": rows,
        "headers": headers,
        "year": year,
        "year_label": f"{year}/{year + 1}",
        "pupils_target": PUPILS_TARGET,
        "lagging": sum(1 for row in rows if row.lags),
    }


def district_chart(rows) -> str:
    names = [row.school.short_name for row in rows]
    return charts.hbar_chart(
        names,
        [
            charts.Series("Обучающиеся в наставничестве", [row.pupils for row in rows]),
            charts.Series("Молодые педагоги", [row.young for row in rows]),
            charts.Series("Дорожная карта выполнена", [row.done_percent for row in rows]),
        ],
        title="Школы района: доли, %",
        unit="%",
        max_value=100,
    )


@require_role(Role.COORDINATOR)
def district(request):
    department = department_of(request)
    year, offered = chosen_year(request, department)
    rows = district_rows(department, year)
    context = table_context(
        rows, year=year, sort=request.GET.get("sort", ""), page_url=reverse("monitoring:district")
    )
    context.update(
        {
            "department": department,
            "offered_years": [(y, f"{y}/{y + 1}") for y in offered],
            "chart": district_chart(context["rows"]) if rows else "",
        }
    )
    return render(request, "monitoring/district.html", context)


@require_role(Role.COORDINATOR)
def district_school(request, pk):
    """One school's figures for the district, read only: the row of the table and every
    indicator (frozen when the school approved the year's monitoring)."""
    department = department_of(request)
    school = get_object_or_404(department_schools(department), pk=pk)
    year, _offered = chosen_year(request, department)
    row = district_rows(department, year, schools=[school])[0]
    if row.frozen:
        indicators = frozen_indicators(row.monitoring)
    else:
        indicators = compute_indicators(organisation=school, year=year)
    return render(
        request,
        "monitoring/district_school.html",
        {
            "department": department,
            "school": school,
            "row": row,
            "year": year,
            "year_label": f"{year}/{year + 1}",
            "indicators": indicators,
            "columns": COLUMNS,
            "today": timezone.localdate(),
        },
    )


@require_role(Role.COORDINATOR)
def district_workbook_view(request):
    """The district workbook of the year shown (``?year=``): the file for the region."""
    from monitoring.district_workbook import district_workbook, workbook_filename

    department = department_of(request)
    year, _offered = chosen_year(request, department)
    return xlsx_response(district_workbook(department, year), workbook_filename(department, year))
