"""The home page panel «Итоги года» (from May on) and, once the year is closed, the way into
«Новый учебный год»."""

from django.utils import timezone

from mentoring_portal import dashboard
from participants.models import Role
from school_year import years
from school_year.results import year_results


@dashboard.register("school_year/_panel.html", roles=[Role.CURATOR, Role.DIRECTOR], order=15)
def year_panel(request):
    organisation = request.access.organisation
    today = timezone.localdate()
    year = years.year_to_close(organisation, today)
    in_season = years.closing_season(organisation, today)
    results = year_results(organisation, year, today=today)
    if not in_season and results.open_count == 0:
        return None
    if not in_season and results.roadmap is None:
        return None
    return {
        "results": results,
        "next_label": years.year_label(year + 1),
        "is_curator": request.access.has_role(Role.CURATOR),
    }
