"""Home page panels of the participants app."""

from mentoring_portal import dashboard
from participants.models import Organisation, Person, Role


@dashboard.register("participants/_panel_profile.html", roles=list(Role.values), order=1)
def profile_panel(request):
    person = (
        Person.objects.filter(organisation=request.access.organisation, user=request.user)
        .only("last_name", "first_name", "middle_name", "position", "category")
        .first()
    )
    return {"person": person}


@dashboard.register("participants/_panel_district.html", roles=[Role.COORDINATOR], order=5)
def district_panel(request):
    organisation = request.access.organisation
    if organisation.kind != Organisation.Kind.DEPARTMENT:
        return None
    return {"schools": organisation.schools.order_by("short_name")}
