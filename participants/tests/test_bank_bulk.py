"""The curator accepts or returns several requests or questionnaires at once."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from participants.models import MenteeRequest, MentorProfile
from participants.tests.factories import (
    ConsentFactory,
    MenteeRequestFactory,
    MentorProfileFactory,
)
from tests.factories import PersonFactory


def _requests(organisation, count, *, consent=True):
    items = []
    for _ in range(count):
        person = PersonFactory(organisation=organisation)
        if consent:
            ConsentFactory(person=person)
        items.append(MenteeRequestFactory(person=person))
    return items


def test_five_requests_accepted_in_one_post(world, client_for):
    items = _requests(world.school, 5)
    response = client_for("curator").post(
        reverse("participants:mentee_bulk_accept"),
        {"chosen": [i.pk for i in items], "query": "status=submitted"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:mentee_bank") + "?status=submitted"
    statuses = set(MenteeRequest.objects.values_list("status", flat=True))
    assert statuses == {MenteeRequest.Status.ACCEPTED}
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Принято в банк: 5 запросов."]


def test_a_double_click_decides_nothing_twice(world, client_for):
    items = _requests(world.school, 2)
    client = client_for("curator")
    url = reverse("participants:mentee_bulk_accept")
    client.post(url, {"chosen": [i.pk for i in items]}, follow=True)  # its message shown
    notified = Notification.objects.count()
    response = client.post(url, {"chosen": [i.pk for i in items]})
    problems = [str(m) for m in response.wsgi_request._messages]
    assert len(problems) == 2 and all("только поданный" in p for p in problems)
    assert Notification.objects.count() == notified


def test_without_consent_is_left_and_named(world, client_for):
    good = _requests(world.school, 1)[0]
    bad = _requests(world.school, 1, consent=False)[0]
    response = client_for("curator").post(
        reverse("participants:mentee_bulk_accept"), {"chosen": [good.pk, bad.pk]}
    )
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages[0] == "Принято в банк: 1 запрос."
    assert messages[1].startswith(bad.person.full_name + ": Нет действующего согласия")
    bad.refresh_from_db()
    assert bad.status == MenteeRequest.Status.SUBMITTED


def test_questionnaires_returned_with_one_comment(world, client_for):
    profiles = []
    for _ in range(3):
        person = PersonFactory(organisation=world.school)
        profiles.append(MentorProfileFactory(person=person))
    response = client_for("curator").post(
        reverse("participants:mentor_bulk_return"),
        {"chosen": [p.pk for p in profiles], "comment": "Добавьте опыт наставничества"},
    )
    assert [str(m) for m in response.wsgi_request._messages] == [
        "Возвращено на доработку: 3 анкеты."
    ]
    assert set(MentorProfile.objects.values_list("curator_comment", flat=True)) == {
        "Добавьте опыт наставничества"
    }


@pytest.mark.parametrize("data", [{"chosen": []}, {"chosen": ["x"]}])
def test_nothing_checked_changes_nothing(world, client_for, data):
    item = _requests(world.school, 1)[0]
    response = client_for("curator").post(reverse("participants:mentee_bulk_accept"), data)
    assert [str(m) for m in response.wsgi_request._messages] == [
        "Отметьте строки, которые нужно рассмотреть."
    ]
    item.refresh_from_db()
    assert item.status == MenteeRequest.Status.SUBMITTED


def test_return_without_comment_changes_nothing(world, client_for):
    item = _requests(world.school, 1)[0]
    response = client_for("curator").post(
        reverse("participants:mentee_bulk_return"), {"chosen": [item.pk], "comment": " "}
    )
    assert "Напишите, что исправить" in str(list(response.wsgi_request._messages)[0])
    item.refresh_from_db()
    assert item.status == MenteeRequest.Status.SUBMITTED


def test_another_schools_rows_are_never_decided(world, client_for):
    foreign = _requests(world.other_school, 1)[0]
    client_for("curator").post(reverse("participants:mentee_bulk_accept"), {"chosen": [foreign.pk]})
    foreign.refresh_from_db()
    assert foreign.status == MenteeRequest.Status.SUBMITTED


def test_forbidden_roles_and_methods(world, client_for):
    url = reverse("participants:mentee_bulk_accept")
    assert client_for("director").post(url, {"chosen": ["1"]}).status_code == 403
    assert client_for("working_group").post(url, {"chosen": ["1"]}).status_code == 403
    assert client_for("curator").get(url).status_code == 405


def test_only_the_curator_sees_check_boxes_and_only_on_submitted(world, client_for):
    submitted = _requests(world.school, 2)
    returned = _requests(world.school, 1)[0]
    returned.status = MenteeRequest.Status.RETURNED
    returned.save()
    html = client_for("curator").get(reverse("participants:mentee_bank")).content.decode()
    assert html.count('name="chosen"') == len(submitted)
    assert "Принять отмеченные" in html
    html = client_for("director").get(reverse("participants:mentee_bank")).content.decode()
    assert 'name="chosen"' not in html and "Принять отмеченные" not in html
