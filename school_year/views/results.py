"""«Итоги года»: what of the year is still open, and completing or continuing its pairs."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentoring_portal.errors import ServiceError, show_error
from pairs.models import Pair
from participants.access import require_role
from participants.models import Role
from school_year import continuation, years
from school_year.results import year_results

# A year far from now names no school year the portal keeps.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("Нет такого учебного года.")
    return year


@require_role(Role.CURATOR, Role.DIRECTOR)
def index(request):
    year = years.year_to_close(request.access.organisation, timezone.localdate())
    return redirect("school_year:results", year=year)


@require_role(Role.CURATOR, Role.DIRECTOR)
def year_results_page(request, year):
    organisation = request.access.organisation
    results = year_results(organisation, _year(year))
    return render(
        request,
        "school_year/results.html",
        {
            "results": results,
            "next_year": year + 1,
            "next_label": years.year_label(year + 1),
            "is_curator": request.access.has_role(Role.CURATOR),
        },
    )


def _pair(request, pk) -> Pair:
    return get_object_or_404(Pair, pk=pk, organisation=request.access.organisation)


def _back(pair: Pair):
    year = years.running_year(pair.organisation, pair.period_end)
    return redirect("school_year:results", year=year)


@require_POST
@require_role(Role.CURATOR)
def pair_continue(request, pk):
    pair = _pair(request, pk)
    try:
        done = continuation.pair_continue(pair=pair, by=request.user)
    except ServiceError as error:
        show_error(request, error)
    else:
        messages.success(
            request,
            f"Пара {pair} продолжена на {done.new_pair.period_label}: новая пара добавлена в "
            f"проект приказа «{done.order.title}».",
        )
    return _back(pair)


@require_POST
@require_role(Role.CURATOR)
def pair_complete(request, pk):
    pair = _pair(request, pk)
    try:
        continuation.pair_finish(pair=pair)
    except ServiceError as error:
        show_error(request, error)
    else:
        messages.success(request, f"Работа пары {pair} завершена.")
    return _back(pair)
