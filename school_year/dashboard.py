"""The home page panel of the school year.

From May on (and in the autumn while the ended year has anything open) it is «Итоги года» with
what is still open; the rest of the year a small card «Учебный год» that keeps the year change,
the staff changes and the mentors' portfolios one click away (the demo school, loaded in any
month, shows it too), with how far the opening of the running year went.
"""

from django.utils import timezone

from mentoring_portal import dashboard
from participants.models import Role
from school_year import years
from school_year.models import YearStep
from school_year.results import year_results


@dashboard.register("school_year/_panel.html", roles=[Role.CURATOR, Role.DIRECTOR], order=15)
def year_panel(request):
    organisation = request.access.organisation
    today = timezone.localdate()
    year = years.year_to_close(organisation, today)
    in_season = years.closing_season(organisation, today)
    context = {"is_curator": request.access.has_role(Role.CURATOR)}
    results = year_results(organisation, year, today=today)
    if not in_season and (results.roadmap is None or results.open_count == 0):
        results = None
    if results is not None:
        return {**context, "results": results, "next_label": years.year_label(year + 1)}
    running = years.running_year(organisation, today)
    steps = YearStep.objects.filter(organisation=organisation, year=running)
    return {
        **context,
        "results": None,
        "running": running,
        "running_label": years.year_label(running),
        "steps_done": steps.count(),
        "steps_total": len(YearStep.Step),
    }
