"""Who may do what, and in which organisation: the one place every view asks.

A user acts in one organisation at a time (``request.access.organisation``), chosen in the session
among the organisations where they hold a role. A municipal coordinator holds the coordinator role
in the department and, through it, reads every school under that department. Those schools are
not loaded on every request (a region has hundreds): only the one the coordinator is acting in;
``Access.switchable()`` is the query for all of them (the organisation switcher searches it).

Views protect themselves with ``@require_role(...)`` and scope every lookup to
``request.access.organisation``: another organisation's record is then simply not found (404),
and an action the user's roles do not allow in their own organisation is a 403.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from participants.models import Membership, Organisation, Person, Role

SESSION_KEY = "organisation_id"
security_log = logging.getLogger("mentoring_portal.security")

# Roles that run the program in a school and may read all of its records.
SCHOOL_MANAGEMENT = (Role.DIRECTOR, Role.CURATOR)
# Everyone who may read a school's program documents (roadmap, orders, indicators).
PROGRAM_READERS = (Role.DIRECTOR, Role.CURATOR, Role.WORKING_GROUP, Role.COORDINATOR)


@dataclass(frozen=True)
class Access:
    """The user's organisations and their roles in the current one."""

    organisation: Organisation | None = None
    roles: frozenset[str] = frozenset()
    # Where the user holds a role, and the current organisation (a coordinator's school).
    organisations: tuple[Organisation, ...] = ()
    roles_by_organisation: dict[int, frozenset[str]] = field(default_factory=dict)
    # The departments the user coordinates: every school under them is reachable too.
    departments: frozenset[int] = frozenset()
    user: object = field(default=None, compare=False, repr=False)

    def switchable(self) -> QuerySet:
        """Every organisation the user may act in, as a query: those of their roles and the
        schools of the departments they coordinate. Never another department's school."""
        return Organisation.objects.filter(
            Q(pk__in=[o.pk for o in self.organisations]) | Q(parent_id__in=self.departments)
        )

    def has_role(self, *roles: str) -> bool:
        """True when the user holds at least one of ``roles`` in the current organisation.

        With no roles given: any role at all in the current organisation.
        """
        if self.organisation is None:
            return False
        if not roles:
            return bool(self.roles)
        return not self.roles.isdisjoint(roles)

    @cached_property
    def person(self) -> Person | None:
        """The user's own Person in the current organisation, None when they have none there.

        Looked up on first use and kept for the request: one query at most, however many views,
        panels and checks ask. The person's organisation is the current one (no second query).
        """
        if self.organisation is None or self.user is None:
            return None
        person = Person.objects.filter(organisation=self.organisation, user=self.user).first()
        if person is not None:
            person.organisation = self.organisation
        return person

    @property
    def role_labels(self) -> list[str]:
        return [label for value, label in Role.choices if value in self.roles]


NO_ACCESS = Access()


def access_for(user, organisation_id: int | None = None) -> Access:
    """Resolve the organisations a user may act in, and pick the current one.

    ``organisation_id`` is the user's choice stored in the session; an organisation the user has
    no role in is ignored, so a forged session value grants nothing.
    """
    if not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    roles: dict[int, set[str]] = defaultdict(set)
    organisations: dict[int, Organisation] = {}
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    departments = []
    for membership in memberships:
        organisation = membership.organisation
        organisations[organisation.pk] = organisation
        roles[organisation.pk].add(membership.role)
        if membership.role == Role.COORDINATOR:
            departments.append(organisation.pk)
    if departments:
        for organisation in organisations.values():
            if organisation.parent_id in departments:
                roles[organisation.pk].add(Role.COORDINATOR)
        if organisation_id is not None and organisation_id not in organisations:
            # A coordinator acting in one of the department's schools: that school alone.
            school = Organisation.objects.filter(
                pk=organisation_id, parent_id__in=departments
            ).first()
            if school is not None:
                organisations[school.pk] = school
                roles[school.pk].add(Role.COORDINATOR)
    if not organisations:
        return NO_ACCESS
    ordered = tuple(
        sorted(organisations.values(), key=lambda o: (o.kind != "school", o.short_name))
    )
    if organisation_id in organisations:
        current = organisations[organisation_id]
    else:
        # A coordinator starts in the department; everybody else in their (first) school.
        current = next(
            (o for o in ordered if Role.COORDINATOR in roles[o.pk] and o.pk in departments),
            ordered[0],
        )
    return Access(
        organisation=current,
        roles=frozenset(roles[current.pk]),
        organisations=ordered,
        roles_by_organisation={pk: frozenset(r) for pk, r in roles.items()},
        departments=frozenset(departments),
        user=user,
    )


def require_role(*roles: str):
    """Let the view run only for a logged-in user holding one of ``roles`` in the current
    organisation (any role when none is given); others get a logged 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not request.access.has_role(*roles):
                security_log.warning(
                    "access refused: user=%s path=%s roles=%s needed=%s",
                    request.user.get_username(),
                    request.path,
                    sorted(request.access.roles),
                    sorted(roles),
                )
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
