"""«С приказом ознакомлен(а)» online: a person the signed order names confirms with one click;
the order page shows who confirmed and when, and who has not."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mentoring_portal.errors import ServiceError
from mentoring_portal.russian import gendered
from notifications.models import Notification
from pairs import services
from pairs.models import OrderAcknowledgement
from pairs.tests.factories import (
    make_pair,
    ready_mentee,
    ready_mentor,
    signed_order,
    world_order,
)

pytestmark = pytest.mark.django_db


def detail(order):
    return reverse("pairs:order_detail", args=[order.pk])


def acknowledge(order):
    return reverse("pairs:order_acknowledge", args=[order.pk])


def test_a_named_mentor_sees_the_signed_order_and_confirms_once(world, client_for):
    order = world_order(world, status="signed")
    mentor = world.people["mentor"]
    item = Notification.objects.get(user=mentor.user, kind="order_acknowledge")
    assert item.url == detail(order) and item.read_at is None

    client = client_for("mentor")
    page = client.get(detail(order))
    assert page.status_code == 200
    html = page.content.decode()
    # The button agrees with the person («ознакомлена» for a woman), never «(а)».
    assert f"С приказом {gendered(mentor, 'ознакомлен', 'ознакомлена')}</button>" in html
    assert order.title in html
    # A mentor is not a reader of the school's orders: no register link, no list of others.
    assert 'id="acknowledgements"' not in html
    assert f'href="{reverse("pairs:order_list")}"' not in html

    response = client.post(acknowledge(order), follow=True)
    assert "Ознакомление с приказом подтверждено" in response.content.decode()
    first = OrderAcknowledgement.objects.get(order=order, person=mentor)
    assert first.confirmed_by == mentor.user
    item.refresh_from_db()
    assert item.read_at is not None  # the bell's item is done

    # A double click or a second tab: still one confirmation, at the first time.
    client.post(acknowledge(order))
    assert OrderAcknowledgement.objects.filter(order=order).count() == 1
    assert OrderAcknowledgement.objects.get(order=order, person=mentor).confirmed_at == (
        first.confirmed_at
    )
    html = client.get(detail(order)).content.decode()
    assert "Вы ознакомились с приказом" in html
    assert "С приказом ознакомлен" not in html


def test_the_order_page_shows_who_confirmed_and_who_has_not(world, client_for):
    order = world_order(world, status="signed")
    mentor, mentee = world.people["mentor"], world.people["mentee"]
    services.order_acknowledge(order=order, person=mentor, by=mentor.user)
    for persona in ("curator", "director"):
        html = client_for(persona).get(detail(order)).content.decode()
        assert "Ознакомление с приказом" in html
        assert "1 из 2 онлайн" in html
        section = html[html.index('id="acknowledgements"') :]
        mentor_row = section[section.index(mentor.full_name) :].split("</tr>")[0]
        mentee_row = section[section.index(mentee.full_name) :].split("</tr>")[0]
        confirmed = OrderAcknowledgement.objects.get(person=mentor).confirmed_at
        assert f"{timezone.localtime(confirmed):%d.%m.%Y %H:%M}" in mentor_row
        # The verb agrees with the person: «не подтвердила» for a woman, never «(а)».
        assert gendered(mentee, "не подтвердил", "не подтвердила") in mentee_row
        assert "(а)" not in mentee_row
    # The printed sheet stays: the stored PDF still carries it.
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(order.pdf_bytes())).pages)
    assert "С приказом ознакомлены" in text


def test_the_order_page_costs_the_same_for_2_and_20_named(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost(pairs):
        order = signed_order(world.school, pairs=pairs)
        client = client_for("curator")
        client.get(detail(order))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(detail(order)).status_code == 200
        return len(queries)

    small = cost([make_pair(world.school)])
    large = cost(
        [
            make_pair(world.school, ready_mentor(world.school), ready_mentee(world.school))
            for _ in range(10)
        ]
    )
    assert small == large


def test_who_is_not_named_may_not_confirm(world, client_for):
    order = world_order(world, status="signed")
    # The teacher is of the school but not named: 403 for the page and the click.
    assert client_for("teacher").get(detail(order)).status_code == 403
    assert client_for("teacher").post(acknowledge(order)).status_code == 403
    # A reader who is not named has no button either.
    assert client_for("curator").post(acknowledge(order)).status_code == 403
    # Another school's order: 404.
    assert client_for("outsider").post(acknowledge(order)).status_code == 404
    assert not OrderAcknowledgement.objects.exists()


def test_a_draft_is_not_acknowledged(world, client_for):
    order = world_order(world, status="submitted")
    assert client_for("mentor").get(detail(order)).status_code == 403
    assert client_for("mentor").post(acknowledge(order)).status_code == 403
    with pytest.raises(ServiceError, match="только с подписанным"):
        services.order_acknowledge(order=order, person=world.people["mentor"], by=None)


def test_get_is_not_allowed(world, client_for):
    order = world_order(world, status="signed")
    assert client_for("mentor").get(acknowledge(order)).status_code == 405
    assert not OrderAcknowledgement.objects.exists()
