from datetime import date

import pytest
from django.urls import reverse

from roadmap import services
from roadmap.models import Activity, Roadmap, YearMark
from roadmap.table import activity_row
from roadmap.tests.factories import first_activity, make_roadmap


def _report(client, activity, **data):
    payload = {"title": "Приказ № 5", "url": "https://school.example.ru/prikaz5", "comment": ""}
    payload.update(data)
    return client.post(reverse("roadmap:activity_report", kwargs={"pk": activity.pk}), payload)


def test_full_cycle_planned_in_progress_reported_done(world, client_for, approved):
    activity = first_activity(approved)
    group = client_for("working_group")
    group.post(reverse("roadmap:activity_start", kwargs={"pk": activity.pk}))
    activity.refresh_from_db()
    assert activity.status == Activity.Status.IN_PROGRESS
    response = _report(group, activity, comment="Приказ издан")
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == Activity.Status.REPORTED
    assert activity.evidence.get().url == "https://school.example.ru/prikaz5"
    assert activity.comments.get().text == "Приказ издан"
    client_for("curator").post(reverse("roadmap:activity_accept", kwargs={"pk": activity.pk}))
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DONE


def test_report_needs_evidence(world, client_for, approved):
    activity = first_activity(approved)
    response = _report(client_for("working_group"), activity, url="")
    assert response.status_code == 400
    assert "Приложите файл или укажите ссылку." in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PLANNED


def test_working_group_reports_only_its_own_activities(world, client_for, world_group_other):
    roadmap, other = world_group_other
    response = _report(client_for("working_group"), other)
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.status == Activity.Status.PLANNED


@pytest.fixture
def world_group_other(world):
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED, responsible=[])
    return roadmap, first_activity(roadmap)


def test_curator_returns_with_comment_and_cancels_with_reason(world, client_for, approved):
    activity = first_activity(approved)
    _report(client_for("working_group"), activity)
    curator = client_for("curator")
    url = reverse("roadmap:activity_return", kwargs={"pk": activity.pk})
    assert "Напишите, что нужно исправить." in curator.post(url, {"comment": ""}).content.decode()
    curator.post(url, {"comment": "Нет подписи директора"})
    activity.refresh_from_db()
    assert activity.status == Activity.Status.IN_PROGRESS
    assert activity.return_comment == "Нет подписи директора"
    cancel = reverse("roadmap:activity_cancel", kwargs={"pk": activity.pk})
    assert "Укажите причину отмены." in curator.post(cancel, {"reason": ""}).content.decode()
    curator.post(cancel, {"reason": "Мероприятие перенесено в следующий год"})
    activity.refresh_from_db()
    assert activity.status == Activity.Status.CANCELLED
    assert activity.cancel_reason == "Мероприятие перенесено в следующий год"


def test_working_group_cannot_accept(world, client_for, approved):
    activity = first_activity(approved)
    _report(client_for("working_group"), activity)
    response = client_for("working_group").post(
        reverse("roadmap:activity_accept", kwargs={"pk": activity.pk})
    )
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.status == Activity.Status.REPORTED


def test_draft_activities_are_not_tracked(world, client_for, draft):
    activity = first_activity(draft)
    response = _report(client_for("curator"), activity)
    assert "только в утверждённой" in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PLANNED


def test_overdue_is_computed_from_the_derived_deadline(world):
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED, deadline="до 31 октября")
    activity = first_activity(roadmap)
    assert activity.deadline_due == date(2026, 10, 31)
    assert not activity.is_overdue(roadmap, date(2026, 10, 31))
    assert activity.is_overdue(roadmap, date(2026, 11, 1))
    activity.status = Activity.Status.REPORTED
    assert not activity.is_overdue(roadmap, date(2026, 11, 1))
    event = make_roadmap(
        world.school, status=Roadmap.Status.APPROVED, deadline="по мере необходимости"
    )
    assert not first_activity(event).is_overdue(event, date(2030, 1, 1))
    permanent = make_roadmap(
        world.school, status=Roadmap.Status.APPROVED, deadline="До 01.10.2026 г., далее постоянно"
    )
    started = first_activity(permanent)
    assert started.is_overdue(permanent, date(2026, 10, 2))
    started.status = Activity.Status.IN_PROGRESS
    assert not started.is_overdue(permanent, date(2026, 10, 2))


def test_yearly_activities_are_tracked_per_year(world, client_for):
    roadmap = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        deadline="ежегодно",
        period=(date(2021, 9, 1), date(2024, 8, 31)),
        responsible=[world.people["working_group"]],
    )
    activity = first_activity(roadmap)
    assert activity.is_yearly
    # Every academic year of 2021–2024 is past on 2026-11-23: overdue.
    assert activity.is_overdue(roadmap, date(2026, 11, 23))
    group = client_for("working_group")
    missing_year = _report(group, activity)
    assert "Выберите год, за который отчитываетесь." in missing_year.content.decode()
    curator = client_for("curator")
    for year in (2021, 2022, 2023):
        _report(group, activity, year=str(year))
        curator.post(reverse("roadmap:activity_accept", kwargs={"pk": activity.pk}), {"year": year})
        activity.refresh_from_db()
        if year < 2023:
            assert activity.status == Activity.Status.IN_PROGRESS
            assert activity.year_marks.get(year=year).status == YearMark.Status.DONE
    assert activity.status == Activity.Status.DONE
    assert not activity.is_overdue(roadmap, date(2026, 11, 23))
    assert activity.evidence.filter(for_year=2022).count() == 1


def test_yearly_window_inside_the_year(world):
    roadmap = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        deadline="ежегодно до 31 октября",
        period=(date(2021, 9, 1), date(2024, 8, 31)),
    )
    activity = first_activity(roadmap)
    dues = [activity.due_for_year(year) for year in roadmap.tracking_years()]
    assert dues == [date(2021, 10, 31), date(2022, 10, 31), date(2023, 10, 31)]
    services.activity_report(
        activity=activity, by=None, year=2021, url="https://example.ru/a", evidence_title="Отчёт"
    )
    rows = activity.year_rows(roadmap, date(2022, 11, 1))
    assert [row["overdue"] for row in rows] == [False, True, False]
    services.activity_accept(activity=activity, by=None, year=2021)
    row = activity_row(activity, roadmap, "1.1", today=date(2022, 11, 1))
    assert row.completion_mark == "Выполнено за 2021/2022; просрочено за 2022/2023"
