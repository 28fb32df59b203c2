import pytest
from django.urls import reverse

from roadmap.models import Activity, Roadmap, Stage
from roadmap.tests.factories import first_activity
from tests.factories import PersonFactory, UserFactory

INLINE = {"HTTP_X_REQUESTED_WITH": "fetch"}


def _activity_data(**data):
    payload = {
        "title": "Издание приказа о закреплении наставнических пар",
        "result_form": "Приказ",
        "deadline_text": "до 27 ноября",
        "responsible_roles": "Директор",
        "notes": "",
    }
    payload.update(data)
    return payload


def test_add_activity_as_a_page_redirects_to_its_row(world, client_for, draft):
    stage = draft.stages.first()
    response = client_for("curator").post(
        reverse("roadmap:activity_add", kwargs={"pk": stage.pk}),
        _activity_data(responsible_people=[world.people["working_group"].pk]),
    )
    activity = Activity.objects.get(title__startswith="Издание приказа")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#activity-{activity.pk}")
    assert activity.order == 3
    assert str(activity.deadline_due) == "2026-11-27"
    assert list(activity.responsible_people.all()) == [world.people["working_group"]]


def test_add_activity_inline_returns_the_numbered_row(world, client_for, draft):
    stage = draft.stages.order_by("order")[1]
    client = client_for("curator")
    form = client.get(reverse("roadmap:activity_add", kwargs={"pk": stage.pk}), **INLINE)
    assert form.status_code == 200
    assert form.content.decode().lstrip().startswith("<tr")
    response = client.post(
        reverse("roadmap:activity_add", kwargs={"pk": stage.pk}), _activity_data(), **INLINE
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert text.lstrip().startswith("<tr")
    assert ">2.3<" in text
    assert "27.11.2026" in text


def test_inline_edit_with_bad_input_returns_the_form_with_errors(world, client_for, draft):
    activity = first_activity(draft)
    response = client_for("curator").post(
        reverse("roadmap:activity_edit", kwargs={"pk": activity.pk}),
        _activity_data(title="   ", responsible_roles=""),
        **INLINE,
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Укажите название мероприятия." in text
    assert "Укажите ответственных" in text
    activity.refresh_from_db()
    assert activity.title == "Мероприятие 1.1"


def test_edit_derives_the_deadline_and_marks_what_it_cannot_understand(world, client_for, draft):
    activity = first_activity(draft)
    client = client_for("curator")
    url = reverse("roadmap:activity_edit", kwargs={"pk": activity.pk})
    client.post(url, _activity_data(deadline_text="ежегодно"))
    activity.refresh_from_db()
    assert activity.deadline_kind == "yearly"
    client.post(url, _activity_data(deadline_text="когда-нибудь потом"))
    activity.refresh_from_db()
    assert activity.deadline_kind == "unknown"
    assert not activity.deadline_understood
    assert activity.deadline_text == "когда-нибудь потом"
    page = client.get(reverse("roadmap:detail", kwargs={"pk": draft.pk})).content.decode()
    assert "срок не распознан" in page


def test_a_person_of_another_school_cannot_be_responsible(world, client_for, draft):
    stranger = PersonFactory(organisation=world.other_school, user=UserFactory())
    response = client_for("curator").post(
        reverse("roadmap:activity_add", kwargs={"pk": draft.stages.first().pk}),
        _activity_data(responsible_people=[stranger.pk]),
    )
    assert response.status_code == 400
    assert "Этого человека нельзя выбрать в это поле." in response.content.decode()
    assert not Activity.objects.filter(title__startswith="Издание").exists()


def test_moving_renumbers(world, client_for, draft):
    stage = draft.stages.order_by("order").first()
    first, second = stage.activities.order_by("order")
    client = client_for("curator")
    client.post(reverse("roadmap:activity_move", kwargs={"pk": second.pk, "direction": "up"}))
    assert list(stage.activities.order_by("order").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    page = client.get(reverse("roadmap:detail", kwargs={"pk": draft.pk})).content.decode()
    assert page.index("Мероприятие 1.2") < page.index("Мероприятие 1.1")
    stage_two = draft.stages.order_by("order")[1]
    client.post(reverse("roadmap:stage_move", kwargs={"pk": stage_two.pk, "direction": "up"}))
    assert draft.stages.order_by("order").first() == stage_two


def test_delete_asks_first_then_deletes(world, client_for, draft):
    activity = first_activity(draft)
    client = client_for("curator")
    url = reverse("roadmap:activity_delete", kwargs={"pk": activity.pk})
    page = client.get(url)
    assert "Удалить мероприятие" in page.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()
    client.post(url)
    assert not Activity.objects.filter(pk=activity.pk).exists()
    stage = draft.stages.first()
    confirm = client.get(reverse("roadmap:stage_delete", kwargs={"pk": stage.pk}))
    assert "Вместе с этапом будут удалены его мероприятия (1)" in confirm.content.decode()
    client.post(reverse("roadmap:stage_delete", kwargs={"pk": stage.pk}))
    assert not Stage.objects.filter(pk=stage.pk).exists()


def test_stage_add_and_rename(world, client_for, draft):
    client = client_for("curator")
    client.post(
        reverse("roadmap:stage_add", kwargs={"pk": draft.pk}), {"title": "Информационная поддержка"}
    )
    stage = draft.stages.order_by("order").last()
    assert stage.title == "Информационная поддержка"
    assert stage.order == 3
    response = client.post(reverse("roadmap:stage_edit", kwargs={"pk": stage.pk}), {"title": ""})
    assert "Обязательное поле." in response.content.decode()
    stage.refresh_from_db()
    assert stage.title == "Информационная поддержка"


@pytest.mark.parametrize(
    "url_name,method",
    [("activity_edit", "post"), ("activity_delete", "post"), ("activity_move", "post")],
)
def test_approved_roadmap_is_not_edited_silently(world, client_for, approved, url_name, method):
    activity = first_activity(approved)
    kwargs = {"pk": activity.pk}
    if url_name == "activity_move":
        kwargs["direction"] = "down"
    client = client_for("curator")
    response = getattr(client, method)(
        reverse(f"roadmap:{url_name}", kwargs=kwargs), _activity_data(title="Подмена"), follow=True
    )
    assert "создайте новую редакцию" in response.content.decode() or "не редактируется" in (
        response.content.decode()
    )
    activity.refresh_from_db()
    assert activity.title == "Мероприятие 1.1"
    assert activity.order == 1


def test_roadmap_on_approval_is_frozen(world, client_for, draft):
    client = client_for("curator")
    client.post(reverse("roadmap:submit", kwargs={"pk": draft.pk}))
    draft.refresh_from_db()
    assert draft.status == Roadmap.Status.ON_APPROVAL
    client.post(reverse("roadmap:stage_add", kwargs={"pk": draft.pk}), {"title": "Новый"})
    assert draft.stages.count() == 2


def test_changing_the_period_derives_deadlines_again(world, client_for, draft):
    client = client_for("curator")
    url = reverse("roadmap:edit", kwargs={"pk": draft.pk})
    bad = client.post(
        url, {"title": "Карта", "period_start": "01.09.2027", "period_end": "01.09.2027"}
    )
    assert "Окончание периода должно быть позже начала." in bad.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Дорожная карта на 2026/2027 учебный год"
    client.post(
        url,
        {"title": "Карта на 2027/2028", "period_start": "01.09.2027", "period_end": "31.08.2028"},
    )
    assert str(first_activity(draft).deadline_due) == "2027-10-31"


def test_empty_comment_is_not_added(world, client_for, approved):
    activity = first_activity(approved)
    response = client_for("director").post(
        reverse("roadmap:activity_comment", kwargs={"pk": activity.pk}), {"text": "  "}, follow=True
    )
    assert "Комментарий пуст" in response.content.decode()
    assert not activity.comments.exists()
