"""Who may read and act on a roadmap: the rules shared by the views.

Every lookup is scoped to the current organisation (another school's record is a 404); an action
the user's roles do not allow on their own school's record is a 403.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from participants.access import PROGRAM_READERS, security_log
from participants.models import Organisation, Person, Role
from roadmap.models import Activity, Evidence, Roadmap, Stage

# Directors, curators, the working group and the district read drafts too; everybody else of
# the school reads the approved (archived, closed) roadmap only.
PUBLISHED = (Roadmap.Status.APPROVED, Roadmap.Status.ARCHIVED, Roadmap.Status.CLOSED)


def is_department_coordinator(access) -> bool:
    """The coordinator acting in their department (not in one of its schools)."""
    organisation = access.organisation
    return (
        organisation is not None
        and organisation.kind == Organisation.Kind.DEPARTMENT
        and access.has_role(Role.COORDINATOR)
    )


def acts_as(access, *roles: str) -> bool:
    """``access.has_role(*roles)``, where the department's coordinator is the curator of the
    department's own (municipal) roadmap: the roadmap app applied to a department. In a school
    the coordinator only reads."""
    if access.has_role(*roles):
        return True
    return Role.CURATOR in roles and is_department_coordinator(access)


def require_roadmap_role(*roles: str):
    """``require_role`` for the roadmap's pages (see :func:`acts_as`)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not acts_as(request.access, *roles):
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


def can_read(access, roadmap: Roadmap) -> bool:
    return access.has_role(*PROGRAM_READERS) or (access.has_role() and roadmap.status in PUBLISHED)


def visible_roadmaps(access):
    roadmaps = Roadmap.objects.filter(organisation=access.organisation)
    if not access.has_role(*PROGRAM_READERS):
        roadmaps = roadmaps.filter(status__in=PUBLISHED)
    return roadmaps


def get_roadmap(request, pk) -> Roadmap:
    roadmap = get_object_or_404(Roadmap, pk=pk, organisation=request.access.organisation)
    if not can_read(request.access, roadmap):
        raise PermissionDenied
    return roadmap


def get_stage(request, pk) -> Stage:
    return get_object_or_404(
        Stage.objects.select_related("roadmap"),
        pk=pk,
        roadmap__organisation=request.access.organisation,
    )


def get_activity(request, pk) -> Activity:
    activity = get_object_or_404(
        Activity.objects.select_related("stage__roadmap__organisation"),
        pk=pk,
        stage__roadmap__organisation=request.access.organisation,
    )
    if not can_read(request.access, activity.stage.roadmap):
        raise PermissionDenied
    return activity


def get_evidence(request, pk) -> Evidence:
    evidence = get_object_or_404(
        Evidence.objects.select_related("activity__stage__roadmap"),
        pk=pk,
        activity__stage__roadmap__organisation=request.access.organisation,
    )
    if not can_read(request.access, evidence.activity.stage.roadmap):
        raise PermissionDenied
    if not may_read_evidence(request, evidence.activity):
        raise PermissionDenied
    return evidence


def may_read_evidence(request, activity: Activity) -> bool:
    """Evidence (the signed pairs order naming children, reports, photos) is for those who run
    and check the program — the curator, the director, the working group and the district's
    coordinator, who reads the school's roadmaps and orders — and for the people responsible for
    that activity; not for every teacher, mentor and mentee who reads the approved roadmap."""
    if request.access.has_role(*PROGRAM_READERS):
        return True
    return activity.responsible_people.filter(
        user=request.user, organisation=request.access.organisation
    ).exists()


def responsible_activities(person: Person, organisation):
    """Activities of the organisation's approved roadmaps where ``person`` is responsible:
    «Мои мероприятия» and the working group's home panel list the same ones."""
    return Activity.objects.filter(
        responsible_people=person,
        stage__roadmap__organisation=organisation,
        stage__roadmap__status=Roadmap.Status.APPROVED,
    ).select_related("stage__roadmap")


def is_responsible(request, activity: Activity) -> bool:
    return (
        request.access.has_role(Role.WORKING_GROUP)
        and activity.responsible_people.filter(
            user=request.user, organisation=request.access.organisation
        ).exists()
    )


def require_reporter(request, activity: Activity) -> None:
    """The curator, or a member of the working group among the activity's responsible people."""
    if acts_as(request.access, Role.CURATOR) or is_responsible(request, activity):
        return
    raise PermissionDenied
