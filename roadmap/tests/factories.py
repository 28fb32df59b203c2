"""Roadmaps for the tests, built through the services like the portal builds them."""

from datetime import date

from roadmap import services
from roadmap.models import Activity, Roadmap, Stage


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
