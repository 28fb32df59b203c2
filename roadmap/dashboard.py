"""Home page panels of the roadmap."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from mentoring_portal import dashboard
from participants.models import Role
from roadmap.models import Activity, Roadmap
from roadmap.permissions import responsible_activities

SOON = timedelta(days=30)


@dashboard.register("roadmap/_panel_progress.html", roles=[Role.CURATOR, Role.DIRECTOR], order=20)
def progress_panel(request):
    """Progress per stage of the roadmap in force, overdue activities, what waits for whom."""
    organisation = request.access.organisation
    today = timezone.localdate()
    roadmap = Roadmap.objects.in_force(organisation)
    waiting_approval = Roadmap.objects.filter(
        organisation=organisation, status=Roadmap.Status.ON_APPROVAL
    )
    if roadmap is None and not waiting_approval:
        return {"roadmap": None, "waiting_approval": []}
    stages = []
    if roadmap is not None:
        stage_list = roadmap.stages.annotate(
            total=Count("activities", filter=~Q(activities__status=Activity.Status.CANCELLED)),
            done=Count("activities", filter=Q(activities__status=Activity.Status.DONE)),
        )
        for number, stage in enumerate(stage_list, start=1):
            percent = round(100 * stage.done / stage.total) if stage.total else 0
            stages.append({"stage": stage, "number": number, "percent": percent})
    # Overdue and waiting for the curator: in every roadmap in force (several periods may be).
    open_activities = (
        Activity.objects.filter(
            stage__roadmap__organisation=organisation,
            stage__roadmap__status=Roadmap.Status.APPROVED,
        )
        .exclude(status__in=[Activity.Status.DONE, Activity.Status.CANCELLED])
        .select_related("stage__roadmap")
        .prefetch_related("year_marks")
        .order_by("deadline_due", "pk")
    )
    overdue, reported = [], []
    for activity in open_activities:
        if activity.is_overdue(activity.stage.roadmap, today):
            overdue.append(activity)
        if activity.status == Activity.Status.REPORTED or any(
            mark.status == "reported" for mark in activity.year_marks.all()
        ):
            reported.append(activity)
    return {
        "roadmap": roadmap,
        "stages": stages,
        "overdue": overdue,
        "reported": reported,
        "waiting_approval": list(waiting_approval),
        "is_director": request.access.has_role(Role.DIRECTOR),
    }


@dashboard.register("roadmap/_panel_mine.html", roles=[Role.WORKING_GROUP], order=21)
def my_activities_panel(request):
    person = request.access.person
    if person is None:
        return None
    today = timezone.localdate()
    activities = (
        responsible_activities(person, request.access.organisation)
        .exclude(status__in=[Activity.Status.DONE, Activity.Status.CANCELLED])
        .prefetch_related("year_marks")
    )
    overdue, soon = [], []
    for activity in activities:
        roadmap = activity.stage.roadmap
        if activity.is_overdue(roadmap, today):
            overdue.append(activity)
            continue
        due = activity.next_due(roadmap, today)
        if due is not None and today <= due <= today + SOON:
            soon.append((activity, due))
    soon.sort(key=lambda pair: pair[1])
    return {"overdue": overdue, "soon": soon, "total": len(activities)}


@dashboard.register("roadmap/_panel_municipal.html", roles=[Role.CURATOR, Role.DIRECTOR], order=21)
def municipal_panel(request):
    """«Мероприятия управления образования»: what the department's roadmap asks of the school
    (shown only when it asks something)."""
    from roadmap.models import SchoolTask

    organisation = request.access.organisation
    if organisation.parent_id is None:
        return None
    counts = (
        SchoolTask.objects.filter(
            school=organisation,
            activity__stage__roadmap__organisation_id=organisation.parent_id,
            activity__stage__roadmap__status=Roadmap.Status.APPROVED,
        )
        .order_by()
        .aggregate(
            total=Count("pk"),
            to_report=Count(
                "pk", filter=Q(status__in=[SchoolTask.Status.ASSIGNED, SchoolTask.Status.RETURNED])
            ),
            returned=Count("pk", filter=Q(status=SchoolTask.Status.RETURNED)),
        )
    )
    return counts if counts["total"] else None
