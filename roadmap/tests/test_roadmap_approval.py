from datetime import date

import pytest
from django.urls import reverse

from mentoring_portal.errors import ServiceError
from roadmap import services
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import first_activity, make_roadmap


def _submit(client, roadmap):
    return client.post(reverse("roadmap:submit", kwargs={"pk": roadmap.pk}))


def test_submit_then_director_approves_with_the_document(world, client_for, draft):
    _submit(client_for("curator"), draft)
    director = client_for("director")
    response = director.post(
        reverse("roadmap:approve", kwargs={"pk": draft.pk}),
        {"document_kind": "protocol", "number": "8", "date": "28.09.2026"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Roadmap.Status.APPROVED
    assert draft.approved_by == world.user("director")
    assert draft.approval_document_kind == "protocol"
    assert draft.approval_document_number == "8"
    assert draft.approval_document_date == date(2026, 9, 28)
    page = director.get(reverse("roadmap:detail", kwargs={"pk": draft.pk})).content.decode()
    assert "Протокол педагогического совета от 28.09.2026 № 8" in page


def test_approve_with_bad_input_saves_nothing(world, client_for, draft):
    _submit(client_for("curator"), draft)
    response = client_for("director").post(
        reverse("roadmap:approve", kwargs={"pk": draft.pk}),
        {"document_kind": "decree", "number": "", "date": "вчера"},
    )
    text = response.content.decode()
    assert "Выберите корректный вариант" in text
    assert "Введите дату в формате ДД.ММ.ГГГГ" in text
    draft.refresh_from_db()
    assert draft.status == Roadmap.Status.ON_APPROVAL


def test_director_returns_with_a_comment(world, client_for, draft):
    curator = client_for("curator")
    _submit(curator, draft)
    director = client_for("director")
    url = reverse("roadmap:return", kwargs={"pk": draft.pk})
    empty = director.post(url, {"comment": ""})
    assert "Напишите, что нужно исправить." in empty.content.decode()
    director.post(url, {"comment": "Добавьте мероприятия по обучению наставников."})
    draft.refresh_from_db()
    assert draft.status == Roadmap.Status.DRAFT
    page = client_for("curator").get(reverse("roadmap:detail", kwargs={"pk": draft.pk}))
    assert "Добавьте мероприятия по обучению наставников." in page.content.decode()


def test_curator_cannot_approve_and_director_cannot_submit(world, client_for, draft):
    assert _submit(client_for("director"), draft).status_code == 403
    _submit(client_for("curator"), draft)
    response = client_for("curator").post(
        reverse("roadmap:approve", kwargs={"pk": draft.pk}),
        {"document_kind": "order", "number": "1", "date": "01.10.2026"},
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Roadmap.Status.ON_APPROVAL


def test_empty_roadmap_is_not_submitted(world):
    roadmap = services.roadmap_create(
        organisation=world.school,
        title="Пустая",
        period_start=date(2026, 9, 1),
        period_end=date(2027, 8, 31),
        from_template=False,
        by=None,
    )
    with pytest.raises(ServiceError, match="нет ни одного мероприятия"):
        services.roadmap_submit(roadmap=roadmap, by=None)


def test_new_revision_goes_through_approval_and_archives_the_old(world, client_for, approved):
    curator = client_for("curator")
    response = curator.post(reverse("roadmap:new_revision", kwargs={"pk": approved.pk}))
    revision = Roadmap.objects.get(previous_revision=approved)
    assert response["Location"].startswith(reverse("roadmap:detail", kwargs={"pk": revision.pk}))
    assert revision.status == Roadmap.Status.DRAFT
    assert revision.revision == 2
    assert Activity.objects.filter(stage__roadmap=revision).count() == 4
    # A second revision of the same roadmap is refused.
    curator.post(reverse("roadmap:new_revision", kwargs={"pk": approved.pk}))
    assert Roadmap.objects.filter(previous_revision=approved).count() == 1
    # Editing the revision leaves the approved roadmap as it was.
    activity = first_activity(revision)
    curator.post(
        reverse("roadmap:activity_edit", kwargs={"pk": activity.pk}),
        {"title": "Новая формулировка", "deadline_text": "ноябрь", "responsible_roles": "Директор"},
    )
    assert first_activity(approved).title == "Мероприятие 1.1"
    approved.refresh_from_db()
    assert approved.status == Roadmap.Status.APPROVED
    services.roadmap_submit(roadmap=revision, by=world.user("curator"))
    services.roadmap_approve(
        roadmap=revision,
        by=world.user("director"),
        document_kind="order",
        number="2",
        date=date(2026, 11, 1),
    )
    approved.refresh_from_db()
    assert approved.status == Roadmap.Status.ARCHIVED


def test_history_shows_who_changed_what(world, client_for, draft):
    activity = first_activity(draft)
    curator = client_for("curator")
    curator.post(
        reverse("roadmap:activity_edit", kwargs={"pk": activity.pk}),
        {
            "title": "Мероприятие 1.1",
            "deadline_text": "до 15 ноября",
            "responsible_roles": "Рабочая группа",
            "result_form": "Приказ",
        },
    )
    page = curator.get(reverse("roadmap:history", kwargs={"pk": draft.pk})).content.decode()
    assert "«до 31 октября» → «до 15 ноября»" in page
    assert world.user("curator").get_full_name() in page
    detail = curator.get(reverse("roadmap:activity_detail", kwargs={"pk": activity.pk}))
    assert "«до 31 октября» → «до 15 ноября»" in detail.content.decode()
    curator.post(
        reverse("roadmap:activity_edit", kwargs={"pk": activity.pk}),
        {
            "title": "Мероприятие 1.1",
            "deadline_text": "до 15 ноября",
            "responsible_roles": "Рабочая группа",
            "responsible_people": [world.people["mentor"].pk],
        },
    )
    page = curator.get(reverse("roadmap:history", kwargs={"pk": draft.pk})).content.decode()
    old, new = world.people["working_group"].short_name, world.people["mentor"].short_name
    assert f"Ответственные: «{old}» → «{new}»" in page


def test_history_page_queries_do_not_grow_with_the_edits(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("curator")
    group = [world.people["working_group"]]
    counts = []
    for size in (2, 15):
        # Each activity: created, then its responsible people set (an m2m edit in the history).
        roadmap = make_roadmap(world.school, stages=1, activities=size, responsible=group)
        url = reverse("roadmap:history", kwargs={"pk": roadmap.pk})
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        counts.append(len(queries))
        assert page.count(f"Ответственные: «—» → «{group[0].short_name}»") == size
    assert counts[0] == counts[1]
