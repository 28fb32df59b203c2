"""Who is told of what happens to a roadmap and its activities (the services call these)."""

from django.urls import reverse

from mentoring_portal.russian import plural_count
from notifications.services import notify
from participants.models import Role
from participants.notices import logins_of, logins_with_role


def roadmap_submitted(*, roadmap, by) -> None:
    notify(
        users=logins_with_role(roadmap.organisation, Role.DIRECTOR),
        kind="roadmap_submitted",
        text=f"Дорожная карта «{roadmap.title}» направлена вам на утверждение",
        url=reverse("roadmap:detail", args=[roadmap.pk]),
        by=by,
    )


def roadmap_decided(*, roadmap, by, approved: bool) -> None:
    if approved:
        text = f"Дорожная карта «{roadmap.title}» утверждена"
    else:
        text = f"Дорожная карта «{roadmap.title}» возвращена на доработку: {roadmap.return_comment}"
    notify(
        users=logins_with_role(roadmap.organisation, Role.CURATOR),
        kind="roadmap_decided",
        text=text,
        url=reverse("roadmap:detail", args=[roadmap.pk]),
        by=by,
    )


def activity_assigned(*, activity, people, by) -> None:
    """``people``: those just made responsible (not those who already were)."""
    notify(
        users=logins_of(people),
        kind="activity_assigned",
        text=f"Вы назначены ответственным за мероприятие «{activity.title}»",
        url=reverse("roadmap:activity_detail", args=[activity.pk]),
        by=by,
    )


def activities_imported(*, roadmap, assigned: dict, by) -> None:
    """An imported roadmap made people responsible: each is told once, however many activities
    name them (``assigned``: person → number of activities), with a link to «Мои мероприятия».
    People named in the same number of activities share one notice call."""
    by_count: dict[int, list] = {}
    for person, count in assigned.items():
        by_count.setdefault(count, []).append(person)
    for count, people in sorted(by_count.items()):
        activities = plural_count(count, "мероприятие", "мероприятия", "мероприятий")
        notify(
            users=logins_of(people),
            kind="activity_assigned",
            text=(
                f"Вы назначены ответственным за {activities} дорожной карты «{roadmap.title}» "
                "(загружена из документа)"
            ),
            url=reverse("roadmap:my"),
            by=by,
        )


def activity_reported(*, activity, by) -> None:
    notify(
        users=logins_with_role(activity.stage.roadmap.organisation, Role.CURATOR),
        kind="activity_reported",
        text=f"Отчёт о выполнении мероприятия «{activity.title}» ждёт проверки",
        url=reverse("roadmap:activity_detail", args=[activity.pk]),
        by=by,
    )


def activity_decided(*, activity, by, accepted: bool, reporter=None) -> None:
    """Accepted or returned → the responsible people (and whoever reported a yearly mark)."""
    users = logins_of(activity.responsible_people.select_related("user"))
    if reporter is not None:
        users.append(reporter)
    if accepted:
        text = f"Выполнение мероприятия «{activity.title}» принято"
    else:
        text = (
            f"Отчёт о мероприятии «{activity.title}» возвращён на доработку: "
            f"{activity.return_comment}"
        )
    notify(
        users=users,
        kind="activity_decided",
        text=text,
        url=reverse("roadmap:activity_detail", args=[activity.pk]),
        by=by,
    )
