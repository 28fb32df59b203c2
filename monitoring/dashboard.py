"""Home page panels of the monitoring app."""

from mentoring_portal import dashboard
from monitoring.views.answers import open_invitations
from participants.models import Role


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
