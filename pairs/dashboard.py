"""Home page panels of the pairs app: my pair and program; orders waiting for the director."""

from mentoring_portal import dashboard
from pairs.models import Order, Pair
from participants.models import Role


@dashboard.register("pairs/_panel_mine.html", roles=[Role.MENTOR, Role.MENTEE], order=15)
def my_pair_panel(request):
    person = request.access.person
    if person is None:
        return None
    pairs = list(
        Pair.objects.filter(organisation=request.access.organisation, members__person=person)
        .current()
        .with_members()
        .select_related("program")
        .distinct()
    )
    for pair in pairs:
        # From the prefetched members: the mentor logs a meeting straight from the home page.
        pair.logs_meetings = any(member.person_id == person.pk for member in pair.mentors)
    return {"pairs": pairs}


@dashboard.register("pairs/_panel_orders.html", roles=[Role.DIRECTOR, Role.CURATOR], order=25)
def orders_panel(request):
    waiting = list(
        Order.objects.filter(
            organisation=request.access.organisation,
            status__in=[Order.Status.SUBMITTED, Order.Status.RETURNED],
        )
        .defer("pdf")
        .order_by("-submitted_at", "-created_at")[:10]  # not numbered before signing
    )
    if not waiting:
        return None
    return {"orders": waiting}
