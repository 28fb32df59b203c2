"""Roadmaps for the tests, built through the services like the portal builds them."""

from datetime import date

from roadmap import services
from roadmap.models import Activity, Roadmap, SchoolTask, Stage


def make_roadmap(
    organisation,
    *,
    status=Roadmap.Status.DRAFT,
    stages=2,
    activities=2,
    deadline="до 31 октября",
    responsible=(),
    period=(date(2026, 9, 1), date(2027, 8, 31)),
    title="Дорожная карта на 2026/2027 учебный год",
) -> Roadmap:
    roadmap = Roadmap.objects.create(
        organisation=organisation, title=title, period_start=period[0], period_end=period[1]
    )
    for stage_number in range(1, stages + 1):
        stage = Stage.objects.create(
            roadmap=roadmap, order=stage_number, title=f"Этап {stage_number}"
        )
        for number in range(1, activities + 1):
            activity = Activity(
                stage=stage,
                order=number,
                title=f"Мероприятие {stage_number}.{number}",
                result_form="Приказ",
                deadline_text=deadline,
                responsible_roles="Рабочая группа",
            )
            services.activity_derive_deadline(activity=activity, roadmap=roadmap)
            activity.save()
            activity.responsible_people.set(responsible)
    if status in (Roadmap.Status.ON_APPROVAL, Roadmap.Status.APPROVED):
        services.roadmap_submit(roadmap=roadmap, by=None)
    if status == Roadmap.Status.APPROVED:
        services.roadmap_approve(
            roadmap=roadmap, by=None, document_kind="order", number="12", date=date(2026, 9, 28)
        )
    return roadmap


def first_activity(roadmap) -> Activity:
    return Activity.objects.filter(stage__roadmap=roadmap).order_by("stage__order", "order").first()


def make_school_task(
    school, *, reported=False, file=None, roadmap_status=Roadmap.Status.APPROVED
) -> SchoolTask:
    """The first activity of an (approved) roadmap of ``school``'s department, assigned to the
    school through the service; ``reported``: the school's curator reported on it (a link, or
    ``file``)."""
    from roadmap import municipal

    department = school.parent
    roadmap = Roadmap.objects.filter(
        organisation=department, status=roadmap_status
    ).first() or make_roadmap(
        department,
        status=roadmap_status,
        title="Дорожная карта управления образования на 2026/2027 учебный год",
    )
    activity = first_activity(roadmap)
    current = [task.school for task in activity.school_tasks.select_related("school")]
    municipal.school_tasks_assign(activity=activity, schools=[*current, school], by=None)
    task = activity.school_tasks.get(school=school)
    if reported:
        task = municipal.school_task_report(
            task=task,
            report="Проведено совещание с наставниками",
            file=file,
            url="" if file else "https://school.ru/report",
            by=None,
        )
    return task
