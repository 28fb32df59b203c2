"""The municipal roadmap's pages. The department's side: which schools carry out an activity,
the progress school by school, accepting or returning a school's report (the coordinator; the
head of the department reads). The school's side: its municipal activities and the report with
evidence (the curator; the director reads)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentoring_portal.errors import attempt
from mentoring_portal.files import file_response
from participants.access import require_role
from participants.models import Organisation, Role
from roadmap import municipal
from roadmap.forms import CommentRequiredForm
from roadmap.forms_municipal import AssignSchoolsForm, SchoolReportForm
from roadmap.models import Roadmap, SchoolTask
from roadmap.permissions import get_activity, is_department_coordinator
from roadmap.table import roadmap_table

TASKS = SchoolTask.objects.select_related("activity__stage__roadmap__organisation", "school")


def department_for(request, *, coordinator_only=False) -> Organisation:
    """The department whose roadmap the user works on: the department they act in (its
    coordinator or head), or — a coordinator reading one of its schools — that school's
    department. Anyone else: 403."""
    access = request.access
    organisation = access.organisation
    readers = (Role.COORDINATOR,) if coordinator_only else (Role.COORDINATOR, Role.DIRECTOR)
    if organisation.kind == Organisation.Kind.DEPARTMENT and access.has_role(*readers):
        return organisation
    parent = organisation.parent_id
    if parent and Role.COORDINATOR in access.roles_by_organisation.get(parent, ()):
        return organisation.parent
    raise PermissionDenied


def _department_task(request, pk, **options) -> SchoolTask:
    department = department_for(request, **options)
    return get_object_or_404(TASKS, pk=pk, activity__stage__roadmap__organisation=department)


def _school_task(request, pk) -> SchoolTask:
    return get_object_or_404(TASKS, pk=pk, school=request.access.organisation)


def _task(request, pk) -> SchoolTask:
    """From the school's side (its curator and director) or the department's."""
    access = request.access
    if access.organisation.kind == Organisation.Kind.SCHOOL and access.has_role(
        Role.CURATOR, Role.DIRECTOR
    ):
        return _school_task(request, pk)
    return _department_task(request, pk)


@require_http_methods(["GET", "POST"])
@require_role(Role.COORDINATOR)
def activity_schools(request, pk):
    """Which schools of the department carry out an activity of its roadmap (the coordinator,
    acting in the department)."""
    if not is_department_coordinator(request.access):
        raise PermissionDenied
    activity = get_activity(request, pk)
    roadmap = activity.stage.roadmap
    schools = municipal.schools_of(roadmap.organisation)
    assigned = set(activity.school_tasks.values_list("school_id", flat=True))
    form = AssignSchoolsForm(
        request.POST or None, schools=schools, initial={"schools": sorted(assigned)}
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.chosen()
        if attempt(
            request,
            lambda: municipal.school_tasks_assign(
                activity=activity, schools=chosen, by=request.user
            ),
            f"Мероприятие поручено школам: {len(chosen)}.",
            form=form,
        ):
            return redirect("roadmap:schools", pk=roadmap.pk)
    return render(
        request,
        "roadmap/municipal_assign.html",
        {"roadmap": roadmap, "activity": activity, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
@require_role(Role.COORDINATOR, Role.DIRECTOR)
def roadmap_schools(request, pk):
    """The department's roadmap school by school."""
    department = department_for(request)
    roadmap = get_object_or_404(Roadmap, pk=pk, organisation=department)
    table = roadmap_table(roadmap)
    progress = municipal.roadmap_progress(roadmap, table)
    assigned = {row.activity.pk for row in progress.rows}
    return render(
        request,
        "roadmap/municipal_progress.html",
        {
            "roadmap": roadmap,
            "progress": progress,
            "unassigned": [
                row
                for stage in table
                for row in stage.activities
                if row.activity.pk not in assigned
            ],
            "can_assign": is_department_coordinator(request.access)
            and roadmap.status not in (Roadmap.Status.ARCHIVED, Roadmap.Status.CLOSED),
        },
    )


@require_GET
@require_role(Role.CURATOR, Role.DIRECTOR)
def municipal_list(request):
    """The school's side: what the department asked of the school, and where each stands."""
    tasks = list(municipal.tasks_of_school(request.access.organisation))
    return render(
        request,
        "roadmap/municipal_list.html",
        {"tasks": tasks, "can_report": request.access.has_role(Role.CURATOR)},
    )


@require_GET
@require_role(Role.CURATOR, Role.DIRECTOR, Role.COORDINATOR)
def school_task(request, pk):
    task = _task(request, pk)
    access = request.access
    school_side = task.school_id == access.organisation.pk
    tracked = task.activity.stage.roadmap.is_tracked
    return render(
        request,
        "roadmap/municipal_task.html",
        {
            "task": task,
            "activity": task.activity,
            "roadmap": task.activity.stage.roadmap,
            "school_side": school_side,
            "can_report": school_side
            and tracked
            and task.is_open
            and access.has_role(Role.CURATOR),
            "can_decide": not school_side
            and task.status == SchoolTask.Status.REPORTED
            and Role.COORDINATOR
            in access.roles_by_organisation.get(task.activity.stage.roadmap.organisation_id, ()),
        },
    )


@require_http_methods(["GET", "POST"])
@require_role(Role.CURATOR)
def school_task_report(request, pk):
    task = _school_task(request, pk)
    form = SchoolReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: municipal.school_task_report(
                task=task,
                report=data["report"],
                file=data["file"],
                url=data["url"],
                by=request.user,
            ),
            "Отчёт направлен в управление образования.",
            form=form,
        ):
            return redirect("roadmap:school_task", pk=task.pk)
    return render(
        request,
        "roadmap/municipal_report.html",
        {"task": task, "activity": task.activity, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@require_role(Role.COORDINATOR)
def school_task_accept(request, pk):
    task = _department_task(request, pk, coordinator_only=True)
    attempt(
        request,
        lambda: municipal.school_task_accept(task=task, by=request.user),
        f"Отчёт школы «{task.school.short_name}» принят.",
    )
    return redirect("roadmap:school_task", pk=task.pk)


@require_http_methods(["GET", "POST"])
@require_role(Role.COORDINATOR)
def school_task_return(request, pk):
    task = _department_task(request, pk, coordinator_only=True)
    form = CommentRequiredForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: municipal.school_task_return(
                task=task, comment=form.cleaned_data["comment"], by=request.user
            ),
            f"Отчёт возвращён школе «{task.school.short_name}» на доработку.",
            form=form,
        )
    ):
        return redirect("roadmap:school_task", pk=task.pk)
    return render(
        request,
        "roadmap/municipal_return.html",
        {"task": task, "activity": task.activity, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
@require_role(Role.CURATOR, Role.DIRECTOR, Role.COORDINATOR)
def school_task_file(request, pk):
    """The report's file, after the same access check as the report's page."""
    task = _task(request, pk)
    return file_response(task.file, title=f"Отчёт {task.school.short_name}")
