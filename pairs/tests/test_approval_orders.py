"""The Положение and the roadmap approved by their orders (issue 12, point 2): the order carries
the document as its appendix («Приложение к приказу от … № …»), signing the order approves it,
and the approved document says which order approved it. Read back from the PDFs."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from mentoring_portal.errors import ServiceError
from pairs import services
from pairs.documents import order_pdf
from pairs.models import Order, OrderKind, Regulation
from pairs.services.regulations import regulation_update
from roadmap.models import Roadmap
from roadmap.tests.factories import make_roadmap


def flat(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub("\u2010\\s+", "", " ".join(text.split()))


def sign(order, on=date(2026, 10, 5)):
    services.order_submit(order=order, by=None)
    return services.order_sign(order=order, by=None, on=on)


def test_the_curator_starts_from_the_standard_text_and_edits_it(world, client_for):
    curator = client_for("curator")
    response = curator.post(reverse("pairs:regulation_new"))
    draft = Regulation.objects.get(organisation=world.school)
    assert response.status_code == 302
    assert response["Location"] == reverse("pairs:regulation_edit", kwargs={"pk": draft.pk})
    headings = [b["text"] for b in draft.blocks() if b["kind"] == "heading"]
    assert headings[:3] == [
        "Общие положения",
        "Цели и задачи наставничества",
        "Формы и виды наставничества",
    ]
    assert "Заключительные положения" in headings and len(headings) >= 10
    assert world.school.full_name in draft.text
    # A second click opens the same draft: one draft at a time.
    curator.post(reverse("pairs:regulation_new"))
    assert Regulation.objects.filter(organisation=world.school).count() == 1

    url = reverse("pairs:regulation_edit", kwargs={"pk": draft.pk})
    empty = curator.post(url, {"title": "Положение", "text": "   ", "version": draft.version})
    assert "Обязательное поле." in empty.content.decode()
    text = draft.text + "\n12.4. Положение пересматривается не реже одного раза в три года."
    saved = curator.post(url, {"title": draft.title, "text": text, "version": draft.version})
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.text.endswith("не реже одного раза в три года.")
    # Every save is kept: created, then saved.
    assert draft.history.count() == 2
    page = curator.get(reverse("pairs:regulation_version", kwargs={"pk": draft.pk}))
    assert "История изменений" in page.content.decode()
    # A save from a form loaded before it is refused, nothing overwritten.
    stale = curator.post(url, {"title": "Другое", "text": "1. Иное", "version": 1})
    assert "Пока вы редактировали, запись сохранил" in stale.content.decode()
    draft.refresh_from_db()
    assert draft.title != "Другое"


def test_signing_the_order_approves_the_regulation_and_stores_its_pdf(world, client_for):
    order = services.order_create(organisation=world.school, kind=OrderKind.REGULATION, by=None)
    regulation = order.regulation
    assert regulation is not None and regulation.status == Regulation.Status.DRAFT

    preview = flat(order_pdf(order, draft=True))
    assert "Приложение к приказу от __.__.____ № ____" in preview
    assert "ПОЛОЖЕНИЕ о системе наставничества" in preview
    assert "1. Общие положения" in preview

    services.order_submit(order=order, by=None)
    with pytest.raises(ServiceError, match="на подписи"):
        regulation_update(regulation=regulation, title="x", text="1. x")
    order = services.order_sign(order=order, by=None, on=date(2026, 10, 5))
    regulation.refresh_from_db()
    label = f"от 05.10.2026 № {order.number_label}"
    assert regulation.status == Regulation.Status.APPROVED
    assert regulation.approval_label == label
    assert Regulation.objects.in_force(world.school) == regulation

    signed_text = flat(order.pdf_bytes())
    assert f"Приложение к приказу от 05.10.2026 № {order.number_label}" in signed_text
    assert "12. Заключительные положения" in signed_text

    response = client_for("teacher").get(
        reverse("pairs:regulation_pdf", kwargs={"pk": regulation.pk})
    )
    assert response.status_code == 200
    assert response.content == regulation.pdf_bytes()  # the stored bytes, not a new render
    text = flat(response.content)
    assert f"УТВЕРЖДЕНО приказом МАОУ гимназии № 2 {label}" in text
    assert "ПРОЕКТ" not in text


def test_a_new_revision_replaces_the_one_in_force_when_its_order_is_signed(world, client_for):
    first = sign(
        services.order_create(organisation=world.school, kind=OrderKind.REGULATION, by=None)
    )
    client_for("curator").post(reverse("pairs:regulation_new"))
    draft = Regulation.objects.draft_of(world.school)
    assert draft.revision == 2 and draft.text == first.regulation.text
    second = sign(
        services.order_create(organisation=world.school, kind=OrderKind.REGULATION, by=None),
        on=date(2027, 1, 15),
    )
    assert second.regulation == draft
    first.regulation.refresh_from_db()
    assert first.regulation.status == Regulation.Status.ARCHIVED
    assert Regulation.objects.in_force(world.school).revision == 2
    page = client_for("mentor").get(reverse("pairs:regulation")).content.decode()
    assert f"утверждена приказом от 15.01.2027 №\u00a0{second.number_label}" in page
    # An approved revision is not edited: a new one is made.
    edit = client_for("curator").get(reverse("pairs:regulation_edit", kwargs={"pk": draft.pk}))
    assert edit.status_code == 302


def test_the_roadmap_goes_with_its_order_and_is_approved_by_its_signature(world, client_for):
    roadmap = make_roadmap(world.school, activities=3)
    order = services.order_create(organisation=world.school, kind=OrderKind.ROADMAP, by=None)
    assert order.roadmap == roadmap

    preview = flat(order_pdf(order, draft=True))
    assert "Приложение к приказу от __.__.____ № ____" in preview
    for title in ("Мероприятие 1.1", "Мероприятие 2.3"):
        assert title in preview
    assert "Отметка о выполнении" not in preview  # the plan as approved, no live statuses

    services.order_submit(order=order, by=None)
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.ON_APPROVAL
    services.order_return(order=order, by=None, comment="Уточните сроки этапа 2.")
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.DRAFT
    assert roadmap.return_comment == "Уточните сроки этапа 2."

    order = sign(Order.objects.get(pk=order.pk))
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.APPROVED
    assert roadmap.approval_document_kind == Roadmap.DocumentKind.ORDER
    assert roadmap.approval_document_number == order.number_label
    assert roadmap.approval_document_date == order.date == date(2026, 10, 5)
    assert f"Приложение к приказу от 05.10.2026 № {order.number_label}" in flat(order.pdf_bytes())

    response = client_for("teacher").get(reverse("roadmap:pdf", kwargs={"pk": roadmap.pk}))
    text = flat(response.content)
    assert f"УТВЕРЖДЕНА приказом МАОУ гимназии № 2 от 05.10.2026 № {order.number_label}" in text
    assert "УТВЕРЖДАЮ" not in text


def test_a_roadmap_order_without_a_roadmap_is_not_submitted(world, client_for):
    order = services.order_create(organisation=world.school, kind=OrderKind.ROADMAP, by=None)
    assert order.roadmap is None
    client_for("curator").post(reverse("pairs:order_submit", kwargs={"pk": order.pk}))
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT
    page = client_for("curator").get(reverse("pairs:order_detail", kwargs={"pk": order.pk}))
    assert "К приказу не приложена дорожная карта" in page.content.decode()


def test_the_order_form_chooses_the_roadmap_and_refuses_another_schools(world, client_for):
    mine = make_roadmap(world.school)
    theirs = make_roadmap(world.other_school)
    order = services.order_create(organisation=world.school, kind=OrderKind.ROADMAP, by=None)
    url = reverse("pairs:order_edit", kwargs={"pk": order.pk})
    data = {
        "title": order.title,
        "preamble": order.preamble,
        "points": order.points,
        "controller": order.controller,
        "version": order.version,
        "roadmap": theirs.pk,
    }
    refused = client_for("curator").post(url, data)
    assert "Выберите корректный вариант" in refused.content.decode()
    order.refresh_from_db()
    assert order.roadmap == mine
    assert client_for("curator").post(url, {**data, "roadmap": mine.pk}).status_code == 302


def test_the_director_no_longer_types_an_order_number_on_the_roadmap(world, client_for):
    roadmap = make_roadmap(world.school, status=Roadmap.Status.ON_APPROVAL)
    url = reverse("roadmap:approve", kwargs={"pk": roadmap.pk})
    page = client_for("director").get(url).content.decode()
    assert "Об утверждении дорожной карты" in page
    response = client_for("director").post(
        url, {"document_kind": "order", "number": "112-о", "date": "28.09.2026"}
    )
    assert "Выберите корректный вариант" in response.content.decode()
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.ON_APPROVAL
