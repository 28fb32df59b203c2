"""Every point of an order can name people, chosen from the school's people, printed with post
and name in the case the point asks, and a deadline (issue 12, point 1); whoever the points
name is on the «С приказом ознакомлены» sheet. Read back from the PDF."""

import io
import re
from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from pypdf import PdfReader

from mentoring_portal.errors import ServiceError
from pairs import services
from pairs.documents import order_pdf, point_text
from pairs.models import Order, OrderKind
from tests.factories import PersonFactory


def flat(pdf: bytes) -> list[str]:
    return [
        re.sub("\u2010\\s+", "", " ".join(page.extract_text().split()))
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def kravtsova(organisation):
    return PersonFactory(
        organisation=organisation,
        last_name="Кравцова",
        first_name="Елена",
        middle_name="Александровна",
        position="Заместитель директора по УВР",
        category="teacher",
    )


def test_a_point_puts_its_people_in_the_case_of_its_placeholder(world):
    person = kravtsova(world.school)
    text = "Назначить куратором программы наставничества {кого|заместителя директора}."
    assert point_text(text, [person]) == (
        "Назначить куратором программы наставничества заместителя директора по УВР "
        "Кравцову Елену Александровну."
    )
    assert (
        point_text(text, [])
        == "Назначить куратором программы наставничества заместителя директора."
    )
    assert point_text("Куратору {кому} обеспечить сопровождение.", [person]) == (
        "Куратору заместителю директора по УВР Кравцовой Елене Александровне обеспечить "
        "сопровождение."
    )
    assert (
        point_text("{кому} разместить Положение на сайте.", []) == "Разместить Положение на сайте."
    )
    # No placeholder: the people head the point in the dative, and its deadline ends it.
    assert point_text("Обеспечить сопровождение пар.", [person], "2026-10-15") == (
        "Заместителю директора по УВР Кравцовой Елене Александровне обеспечить сопровождение "
        "пар. Срок — до 15\u00a0октября 2026\u00a0г."
    )


def test_the_curator_names_people_and_deadlines_and_the_sheet_lists_them(world, client_for):
    curator_person = kravtsova(world.school)
    pupil = PersonFactory(
        organisation=world.school,
        category="student",
        school_class="10Б",
        position="",
        last_name="Ершова",
        first_name="Дарья",
        middle_name="Ильинична",
    )
    order = services.order_create(organisation=world.school, kind=OrderKind.IMPLEMENTATION, by=None)
    url = reverse("pairs:order_edit", kwargs={"pk": order.pk})
    form = client_for("curator").get(url).content.decode()
    assert "Пункт 2: кого называет" in form
    data = {
        "title": order.title,
        "preamble": order.preamble,
        "points": order.points + "\nОбучающейся {кому} подготовить выступление.",
        "controller": order.controller,
        "version": order.version,
        "point_1_people": [curator_person.pk],
        "point_2_people": [curator_person.pk],
        "point_2_deadline": "15.10.2026",
        "point_3_people": [pupil.pk],
        "controller_person": curator_person.pk,
    }
    response = client_for("curator").post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    order = Order.objects.get(pk=order.pk)
    assert order.point_details["points"][1] == {"people": [curator_person.pk], "deadline": None}
    assert order.point_details["points"][2]["deadline"] == "2026-10-15"

    pages = flat(order_pdf(order, draft=True))
    body = " ".join(pages)
    assert (
        "Назначить куратором внедрения целевой модели наставничества заместителя директора по "
        "УВР Кравцову Елену Александровну." in body
    )
    assert "Куратору заместителю директора по УВР Кравцовой Елене Александровне разработать" in body
    assert "Срок — до 15 октября 2026 г." in body
    assert "обучающейся 10 «Б» класса Ершовой Дарье Ильиничне подготовить выступление" in body
    assert (
        "Контроль за исполнением настоящего приказа возложить на заместителя директора по УВР "
        "Кравцову Е. А." in body
    )
    assert "Кравцову Е. А.." not in body
    sheet = next(page for page in pages if "С приказом ознакомлены" in page)
    for person in (curator_person, pupil):
        assert person.full_name in sheet


def test_another_schools_person_is_refused_and_nothing_is_saved(world, client_for):
    stranger = kravtsova(world.other_school)
    order = services.order_create(organisation=world.school, kind=OrderKind.FINAL_EVENT, by=None)
    data = {
        "title": order.title,
        "preamble": order.preamble,
        "points": order.points,
        "controller": order.controller,
        "version": order.version,
        "point_0_people": [stranger.pk],
        "point_0_deadline": "31.13.2026",
    }
    response = client_for("curator").post(
        reverse("pairs:order_edit", kwargs={"pk": order.pk}), data
    )
    text = response.content.decode()
    assert "Этого человека нельзя выбрать в это поле." in text
    assert "Введите дату в формате ДД.ММ.ГГГГ" in text
    order.refresh_from_db()
    assert order.point_details is None


def test_a_signed_order_keeps_whom_it_named(world):
    person = kravtsova(world.school)
    order = services.order_create(organisation=world.school, kind=OrderKind.FINAL_EVENT, by=None)
    services.order_update(
        order=order,
        data={"point_details": {"points": [{"people": [person.pk]}], "controller": None}},
    )
    services.order_submit(order=order, by=None)
    order = services.order_sign(order=order, by=None, on=date(2026, 10, 5))
    assert person.full_name in flat(order.pdf_bytes())[-1]
    with pytest.raises(ServiceError):
        Order.objects.filter(pk=order.pk).update(point_details={"points": []})
    # Past the portal's checks, the database's trigger refuses the column too.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE pairs_order SET point_details = NULL WHERE id = %s", [order.pk])
