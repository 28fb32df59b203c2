"""The municipal roadmap's rules: the department's coordinator assigns an activity of the
department's roadmap to all its schools or to some; a school's curator reports on it with
evidence; the coordinator accepts or returns the report. And the progress, school by school.

Each service is keyword-only, runs in one transaction, locks the rows it changes, and refuses
with the portal's :class:`~mentoring_portal.errors.ServiceError`.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mentoring_portal.errors import ServiceError
from notifications.services import notify
from participants.models import Organisation, Role
from participants.notices import logins_with_role
from roadmap.models import Activity, Roadmap, SchoolTask


def is_municipal(roadmap: Roadmap) -> bool:
    return roadmap.organisation.kind == Organisation.Kind.DEPARTMENT


def schools_of(department: Organisation):
    return Organisation.objects.filter(parent=department, kind=Organisation.Kind.SCHOOL).order_by(
        "short_name"
    )


@transaction.atomic
def school_tasks_assign(*, activity: Activity, schools, by) -> tuple[int, int]:
    """Assign ``activity`` (of a department's roadmap) to exactly ``schools`` (of that
    department): new schools get the task, schools left out lose it unless they have already
    reported (a report is never thrown away). Returns (added, removed)."""
    roadmap = activity.stage.roadmap
    department = roadmap.organisation
    if not is_municipal(roadmap):
        raise ServiceError(
            "Назначать мероприятия школам можно только в дорожной карте управления образования.",
            code="not_municipal",
        )
    if roadmap.status in (Roadmap.Status.ARCHIVED, Roadmap.Status.CLOSED):
        raise ServiceError(
            "Дорожная карта в архиве или закрыта: назначения не меняются.", code="not_current"
        )
    wanted = {school.pk for school in schools}
    allowed = set(schools_of(department).values_list("pk", flat=True))
    if not wanted <= allowed:
        raise ServiceError("Выберите школы своего района.", code="foreign_school")
    Activity.objects.select_for_update().filter(pk=activity.pk).first()
    current = {task.school_id: task for task in activity.school_tasks.all()}
    kept = [
        pk
        for pk, task in current.items()
        if pk not in wanted and task.status != SchoolTask.Status.ASSIGNED
    ]
    if kept:
        names = ", ".join(
            Organisation.objects.filter(pk__in=kept).values_list("short_name", flat=True)
        )
        raise ServiceError(
            f"Школы уже отчитались по этому мероприятию и не могут быть сняты: {names}.",
            code="already_reported",
        )
    added = [SchoolTask(activity=activity, school_id=pk) for pk in sorted(wanted - current.keys())]
    SchoolTask.objects.bulk_create(added)
    removed, _ = SchoolTask.objects.filter(
        activity=activity, school_id__in=set(current) - wanted
    ).delete()
    if added and roadmap.is_tracked:
        _tell_schools(activity, [task.school_id for task in added], by)
    return len(added), removed


def _tell_schools(activity, school_ids, by) -> None:
    for school in Organisation.objects.filter(pk__in=school_ids):
        notify(
            users=logins_with_role(school, Role.CURATOR),
            kind="activity_assigned",
            text=f"Управление образования поручило школе мероприятие «{activity.title}»",
            url=reverse("roadmap:municipal_list"),
            by=by,
        )


def _locked(task: SchoolTask) -> SchoolTask:
    return (
        SchoolTask.objects.select_for_update()
        .select_related("activity__stage__roadmap__organisation", "school")
        .get(pk=task.pk)
    )


@transaction.atomic
def school_task_report(*, task: SchoolTask, report: str, file=None, url: str = "", by):
    """The school's report on its municipal activity: text and a file or a link. Only on the
    department's approved roadmap, and once (a second click finds it already on review)."""
    task = _locked(task)
    if not task.activity.stage.roadmap.is_tracked:
        raise ServiceError(
            "Отчитаться можно, когда дорожную карту управления утвердят.", code="not_tracked"
        )
    if not task.is_open:
        raise ServiceError(
            f"Отчёт уже направлен (статус «{task.get_status_display()}»).", code="not_open"
        )
    if not file and not url:
        raise ServiceError("Приложите файл или укажите ссылку.", code="no_evidence")
    old_file = task.file.name if task.file else ""
    task.report, task.url = report, url or ""
    task.file = file or None
    task.status = SchoolTask.Status.REPORTED
    task.reported_by, task.reported_at = by, timezone.now()
    task.save()
    if old_file and old_file != task.file.name:
        storage = task.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    notify(
        users=logins_with_role(task.activity.stage.roadmap.organisation, Role.COORDINATOR),
        kind="activity_reported",
        text=f"{task.school.short_name}: отчёт о мероприятии «{task.activity.title}» ждёт проверки",
        url=reverse("roadmap:school_task", args=[task.pk]),
        by=by,
    )
    return task


def _require_reported(task: SchoolTask) -> None:
    if task.status != SchoolTask.Status.REPORTED:
        raise ServiceError(
            f"Проверить можно только направленный отчёт (сейчас «{task.get_status_display()}»).",
            code="not_reported",
        )


@transaction.atomic
def school_task_accept(*, task: SchoolTask, by) -> SchoolTask:
    task = _locked(task)
    _require_reported(task)
    task.status, task.accepted_at, task.decided_by = SchoolTask.Status.DONE, timezone.now(), by
    task.return_comment = ""
    task.save()
    _tell_school(task, by, f"Управление образования приняло отчёт о «{task.activity.title}»")
    return task


@transaction.atomic
def school_task_return(*, task: SchoolTask, comment: str, by) -> SchoolTask:
    comment = comment.strip()
    if not comment:
        raise ServiceError("Напишите, что доработать.", code="no_comment")
    task = _locked(task)
    _require_reported(task)
    task.status, task.return_comment, task.decided_by = SchoolTask.Status.RETURNED, comment, by
    task.save()
    _tell_school(
        task, by, f"Отчёт о «{task.activity.title}» возвращён управлением на доработку: {comment}"
    )
    return task


def _tell_school(task, by, text) -> None:
    notify(
        users=logins_with_role(task.school, Role.CURATOR),
        kind="activity_decided",
        text=text,
        url=reverse("roadmap:school_task", args=[task.pk]),
        by=by,
    )


@dataclass
class ProgressRow:
    """One activity of the department's roadmap and its task in each school (None: not
    assigned there)."""

    number: str
    activity: Activity
    tasks: list[SchoolTask | None]

    @property
    def assigned(self) -> int:
        return sum(1 for task in self.tasks if task is not None)

    @property
    def done(self) -> int:
        return sum(1 for task in self.tasks if task and task.status == SchoolTask.Status.DONE)


@dataclass
class Progress:
    schools: list[Organisation]
    rows: list[ProgressRow] = field(default_factory=list)

    def school_done(self) -> list[tuple[Organisation, int, int]]:
        """Per school: (school, done, assigned)."""
        result = []
        for index, school in enumerate(self.schools):
            tasks = [row.tasks[index] for row in self.rows if row.tasks[index] is not None]
            done = sum(1 for task in tasks if task.status == SchoolTask.Status.DONE)
            result.append((school, done, len(tasks)))
        return result


def roadmap_progress(roadmap: Roadmap, table=None) -> Progress:
    """The department's roadmap school by school: three queries whatever its size (the schools,
    the tasks, and the table passed in or built here)."""
    from roadmap.table import roadmap_table

    schools = list(schools_of(roadmap.organisation))
    column = {school.pk: index for index, school in enumerate(schools)}
    tasks: dict[int, list] = {}
    for task in SchoolTask.objects.filter(activity__stage__roadmap=roadmap):
        row = tasks.setdefault(task.activity_id, [None] * len(schools))
        if task.school_id in column:
            row[column[task.school_id]] = task
    progress = Progress(schools)
    for stage in table if table is not None else roadmap_table(roadmap):
        for activity_row in stage.activities:
            pk = activity_row.activity.pk
            if pk in tasks:
                progress.rows.append(
                    ProgressRow(activity_row.number, activity_row.activity, tasks[pk])
                )
    return progress


def tasks_of_school(school: Organisation):
    """The school's tasks on its department's roadmaps in force or being worked on."""
    return (
        SchoolTask.objects.filter(
            school=school,
            activity__stage__roadmap__organisation_id=school.parent_id,
            activity__stage__roadmap__status__in=[
                Roadmap.Status.APPROVED,
                Roadmap.Status.ARCHIVED,
                Roadmap.Status.CLOSED,
            ],
        )
        .select_related("activity__stage__roadmap")
        .order_by(
            "-activity__stage__roadmap__period_start",
            "activity__stage__order",
            "activity__order",
            "pk",
        )
    )
