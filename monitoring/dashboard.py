"""Home page panels of the monitoring app."""

from django.urls import reverse

from mentoring_portal import dashboard
from monitoring.views.answers import open_invitations
from participants.models import Organisation, Role


@dashboard.register(
    "monitoring/_panel_to_answer.html",
    roles=[r for r in Role.values if r != Role.COORDINATOR],
    order=6,
)
def to_answer_panel(request):
    """«Анкеты к заполнению»: shown only when there is something to answer."""
    person = request.access.person
    if person is None:
        return None
    invitations = list(open_invitations(person))
    if not invitations:
        return None
    return {"invitations": invitations}


@dashboard.register("monitoring/_panel_district.html", roles=[Role.COORDINATOR], order=5)
def district_panel(request):
    """The coordinator's home is the district table (in the department; in a school they read,
    the school's own panels)."""
    from monitoring.district import district_rows
    from monitoring.views.district import chosen_year, department_of, table_context

    if request.access.organisation.kind != Organisation.Kind.DEPARTMENT:
        return None
    department = department_of(request)
    year, _offered = chosen_year(request, department)
    context = table_context(
        district_rows(department, year),
        year=year,
        sort=request.GET.get("sort", "-lags"),
        page_url=reverse("monitoring:district"),
    )
    context["department"] = department
    return context
