"""«Пригласить сотрудников без входа»: one confirmation, one transaction, one letter each."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.models import Membership, Person
from tests.factories import PersonFactory

URL = reverse("participants:staff_invite")


def _staff(world, count, *, start=0, **fields):
    return [
        PersonFactory(
            organisation=world.school,
            category=Person.Category.TEACHER,
            email=f"teacher{start + n}@school.example",
            **fields,
        )
        for n in range(count)
    ]


def test_the_page_lists_whom_it_invites_and_whom_not(world, client_for):
    ready = _staff(world, 2)
    no_address = PersonFactory(organisation=world.school, category=Person.Category.TEACHER)
    pupil = PersonFactory(
        organisation=world.school, category=Person.Category.STUDENT, email="p@school.example"
    )
    page = client_for("curator").get(URL).content.decode()
    assert "Получат приглашение: 2 сотрудника." in page
    for person in ready:
        assert person.email in page
    assert no_address.full_name in page and "нет адреса" in page
    assert pupil.email not in page  # pupils are not staff
    # The personas of the world all have logins: none of them is listed.
    assert world.people["teacher"].full_name not in page


def test_one_post_invites_everyone_and_a_double_click_sends_nothing_twice(
    world, client_for, django_capture_on_commit_callbacks
):
    people = _staff(world, 3)
    PersonFactory(organisation=world.school, category=Person.Category.TEACHER)  # no address
    client = client_for("curator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, follow=True)
    html = response.content.decode()
    assert "отправлены приглашения: 3" in html
    assert "Без приглашения (1)" in html
    assert len(mail.outbox) == 3
    for person in people:
        person.refresh_from_db()
        user = person.user
        assert user.username == person.email and not user.has_usable_password()
        assert list(Membership.objects.filter(user=user).values_list("role", flat=True)) == [
            "teacher"
        ]
    letter = next(m for m in mail.outbox if m.to == [people[0].email])
    assert letter.subject == "Наставничество: вход на портал"
    assert f"учётная запись «{people[0].email}»" in letter.body
    link = re.search(r"https?://\S+/reset/\S+/", letter.body) or re.search(
        r"https?://\S+", letter.body
    )
    assert link is not None
    # The link works: it opens the «set your password» form.
    path = "/" + link.group(0).split("/", 3)[3]
    assert client.get(path, follow=True).status_code == 200
    # The second click (or a second tab) finds nobody to invite.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, follow=True)
    assert len(mail.outbox) == 3
    assert "отправлены приглашения" not in response.content.decode()
    assert get_user_model().objects.filter(username__endswith="@school.example").count() == 3


def test_a_taken_address_is_left_and_named(world, client_for, django_capture_on_commit_callbacks):
    (person,) = _staff(world, 1)
    get_user_model().objects.create_user(username=person.email)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("curator").post(URL, follow=True)
    assert "Без приглашения (1)" in response.content.decode()
    person.refresh_from_db()
    assert person.user is None and mail.outbox == []


def test_only_the_curator_and_only_their_school(world, client_for):
    foreign = PersonFactory(
        organisation=world.other_school,
        category=Person.Category.TEACHER,
        email="foreign@school.example",
    )
    for persona in ("director", "teacher", "mentor"):
        assert client_for(persona).post(URL).status_code == 403
    assert client_for("curator").get(URL).content.decode().count(foreign.email) == 0
    client_for("curator").post(URL)
    foreign.refresh_from_db()
    assert foreign.user is None
    # The other school's curator invites their own.
    client_for("outsider").post(URL)
    foreign.refresh_from_db()
    assert foreign.user is not None


def test_people_who_left_or_were_anonymised_are_not_invited(world, client_for):
    from datetime import date

    (gone,) = _staff(world, 1, left_on=date(2026, 11, 1))
    client_for("curator").post(URL)
    gone.refresh_from_db()
    assert gone.user is None


def test_queries_are_the_same_for_two_and_six_staff(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for("curator")
    _staff(world, 2)
    with CaptureQueriesContext(connection) as page_two:
        client.get(URL)
    with (
        CaptureQueriesContext(connection) as post_two,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(URL)
    _staff(world, 6, start=10)
    with CaptureQueriesContext(connection) as page_six:
        client.get(URL)
    with (
        CaptureQueriesContext(connection) as post_six,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(URL)
    assert len(page_two) == len(page_six)
    assert len(post_two) == len(post_six)
    assert len(mail.outbox) == 8
