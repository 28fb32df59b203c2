"""Home page panels of the roadmap."""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Window
from django.utils import timezone

from mentoring_portal import dashboard
from participants.models import Role
from roadmap.deadlines import DeadlineKind
from roadmap.models import Activity, Roadmap, YearMark
from roadmap.permissions import responsible_activities

SOON = timedelta(days=30)
OVERDUE_SHOWN = 5


def overdue_activities(activities, today, *, first: int) -> tuple[list[Activity], int]:
    """The ``first`` overdue of ``activities`` (open ones of approved roadmaps), by deadline, and
    how many are overdue — chosen in SQL, not by loading every open activity of the school.

    A dated deadline is overdue after its due date, a permanent one when it has not started by
    its first due date (both a WHERE clause); a yearly one depends on its marks of past years, so
    only the yearly activities are checked one by one (Activity.is_overdue, the one rule)."""
    late = activities.exclude(
        status__in=[Activity.Status.DONE, Activity.Status.CANCELLED, Activity.Status.REPORTED]
    )
    by_date = late.filter(
        Q(deadline_kind=DeadlineKind.DATE.value, deadline_due__lt=today)
        | Q(
            deadline_kind=DeadlineKind.PERMANENT.value,
            status=Activity.Status.PLANNED,
            deadline_due__lt=today,
        )
    ).order_by("deadline_due", "pk")
    shown = list(
        by_date.annotate(overdue_total=Window(Count("pk"))).select_related("stage")[:first]
    )
    count = shown[0].overdue_total if shown else 0
    # The marks in one query whether or not there are yearly activities: the home page costs
    # the same queries for any school.
    yearly_open = late.filter(deadline_kind=DeadlineKind.YEARLY.value)
    marks = defaultdict(list)
    for mark in YearMark.objects.filter(activity__in=yearly_open):
        marks[mark.activity_id].append(mark)
    yearly = [
        activity
        for activity in yearly_open.select_related("stage__roadmap")
        if activity.is_overdue(activity.stage.roadmap, today, marks=marks[activity.pk])
    ]
    never = date.max
    shown = sorted(shown + yearly, key=lambda a: (a.deadline_due or never, a.pk))[:first]
    return shown, count + len(yearly)


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
    in_force = Activity.objects.filter(
        stage__roadmap__organisation=organisation, stage__roadmap__status=Roadmap.Status.APPROVED
    )
    overdue, overdue_count = overdue_activities(in_force, today, first=OVERDUE_SHOWN)
    reported = list(
        in_force.filter(
            Q(status=Activity.Status.REPORTED)
            | Exists(
                YearMark.objects.filter(activity=OuterRef("pk"), status=YearMark.Status.REPORTED)
            )
        )
        .exclude(status__in=[Activity.Status.DONE, Activity.Status.CANCELLED])
        .order_by("deadline_due", "pk")
    )
    return {
        "roadmap": roadmap,
        "stages": stages,
        "overdue": overdue,
        "overdue_count": overdue_count,
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
