"""Accepting the whole-bank proposal twice (a double click) creates its pairs once."""

import pytest
from django.test import Client
from django.urls import reverse

from pairs.models import Pair
from pairs.tests.factories import mentee_in_bank, mentor_in_bank
from tests.factories import PersonFactory
from tests.live import LiveUser, simultaneously


def _bank(world):
    mentor = PersonFactory(organisation=world.school, last_name="Громов", subjects="математика")
    mentor_in_bank(mentor, max_mentees=4)
    mentees = [
        PersonFactory(organisation=world.school, last_name=name, subjects="математика")
        for name in ("Лебедева", "Орлов")
    ]
    for mentee in mentees:
        mentee_in_bank(mentee)
    return mentor, mentees


def _accept_data(client, mentor, mentees) -> dict:
    form = client.get(reverse("pairs:proposal")).context["form"]
    return {
        "form": form.initial["form"].pk,
        "period_start": "01.09.2026",
        "period_end": "31.05.2027",
        "choice": [f"{mentor.pk}:{mentee.pk}" for mentee in mentees],
        "once": form.initial["once"],
    }


@pytest.mark.django_db
def test_a_second_acceptance_answers_already_done(world, client_for):
    mentor, mentees = _bank(world)
    client = client_for("curator")
    data = _accept_data(client, mentor, mentees)

    first = client.post(reverse("pairs:proposal_accept"), data)
    second = client.post(reverse("pairs:proposal_accept"), data)

    assert first.status_code == 302
    assert second.status_code == 200
    page = second.content.decode()
    assert "Уже загружено" in page and "Создано пар: 2" in page
    assert f'href="{reverse("pairs:pair_list")}"' in page
    assert Pair.objects.filter(organisation=world.school).count() == 2


@pytest.mark.django_db
def test_an_acceptance_that_created_nothing_can_be_repeated(world, client_for):
    mentor, mentees = _bank(world)
    client = client_for("curator")
    data = {**_accept_data(client, mentor, mentees), "period_end": "01.09.2026"}
    client.post(reverse("pairs:proposal_accept"), data)  # refused: the period is wrong

    data["period_end"] = "31.05.2027"
    assert client.post(reverse("pairs:proposal_accept"), data).status_code == 302
    assert Pair.objects.filter(organisation=world.school).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_on_accept_creates_the_pairs_once(world, live_server):
    mentor, mentees = _bank(world)
    client = Client()
    client.force_login(world.user("curator"))
    data = _accept_data(client, mentor, mentees)
    session_key = client.cookies["sessionid"].value
    clicks = [LiveUser(live_server.url, session_key=session_key) for _ in range(2)]
    tokens = [browser.csrf_token(reverse("pairs:proposal")) for browser in clicks]

    outcome = simultaneously(
        lambda b=browser, t=csrf: b.post(reverse("pairs:proposal_accept"), data, token=t)
        for browser, csrf in zip(clicks, tokens, strict=True)
    )

    assert sorted(outcome.statuses) == [200, 302]
    assert Pair.objects.filter(organisation=world.school).count() == 2
