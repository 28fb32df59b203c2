"""What the pairs views share: who may do what, scoped lookups, the current person."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from pairs.models import Order, Pair
from participants.access import security_log
from participants.models import Role

MANAGERS = (Role.CURATOR,)
# Who reads the school's pairs, orders and programs.
READERS = (Role.CURATOR, Role.DIRECTOR, Role.WORKING_GROUP, Role.COORDINATOR)
SIGNERS = (Role.DIRECTOR,)
MEMBERS = (Role.MENTOR, Role.MENTEE)


def deny(request, why: str):
    security_log.warning(
        "access refused: user=%s path=%s reason=%s",
        request.user.get_username(),
        request.path,
        why,
    )
    raise PermissionDenied


def get_pair(request, pk) -> Pair:
    """A pair of the current school (404 otherwise), with its members."""
    return get_object_or_404(
        Pair.objects.with_members(), pk=pk, organisation=request.access.organisation
    )


def get_order(request, pk) -> Order:
    return get_object_or_404(
        Order.objects.select_related("amends", "organisation"),
        pk=pk,
        organisation=request.access.organisation,
    )


def pair_role(request, pair: Pair) -> str | None:
    """ "mentor"/"mentee" when the user is in the pair (and holds that role), else None."""
    if not request.access.has_role(*MEMBERS):
        return None
    person = request.access.person
    if person is None:
        return None
    for member in pair.members.all():
        if member.person_id == person.pk and request.access.has_role(member.role):
            return member.role
    return None


def require_pair_reader(request, pair: Pair) -> str | None:
    """Readers of the school, or a member of the pair; returns the member's role."""
    role = pair_role(request, pair)
    if role is None and not request.access.has_role(*READERS):
        deny(request, "not a member of the pair")
    return role
