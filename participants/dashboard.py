"""Home page panels of the participants app."""

from mentoring_portal import dashboard
from participants.filters import filter_consent_state
from participants.models import MenteeRequest, MentorProfile, Person, Role
from participants.views.common import OWN_DOCUMENT_ROLES


@dashboard.register("participants/_panel_profile.html", roles=list(Role.values), order=1)
def profile_panel(request):
    return {"person": request.access.person}


@dashboard.register("participants/_panel_curator.html", roles=[Role.CURATOR], order=3)
def curator_panel(request):
    """What waits for the curator: consents missing, forms to review."""
    organisation = request.access.organisation
    # The same querysets as the pages the counts link to, so that the numbers agree.
    people = Person.objects.filter(
        organisation=organisation, anonymised_at__isnull=True
    ).with_consent_state(organisation=organisation)
    return {
        "consents_missing": filter_consent_state(people, "missing").count(),
        "requests_to_review": MenteeRequest.objects.filter(person__organisation=organisation)
        .listed(organisation=organisation)
        .to_review()
        .count(),
        "profiles_to_review": MentorProfile.objects.filter(person__organisation=organisation)
        .listed(organisation=organisation)
        .to_review()
        .count(),
    }


@dashboard.register("participants/_panel_my.html", roles=OWN_DOCUMENT_ROLES, order=4)
def my_documents_panel(request):
    """«Мои документы»: the participant's consent, request and questionnaire, and what to do."""
    from participants.views.my import own_documents_summary

    if request.access.has_role(Role.CURATOR, Role.DIRECTOR) and not request.access.has_role(
        Role.TEACHER, Role.MENTOR, Role.MENTEE
    ):
        return None
    person = request.access.person
    if person is None:
        return None
    return own_documents_summary(person)
