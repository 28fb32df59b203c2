"""The pairs journey in the browser: the curator builds three pairs from the proposal and drafts
the order, the director signs it and downloads the PDF, the mentor marks a program activity done."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from pairs.models import Order, Pair
from pairs.tests.factories import duties_consent, mentee_in_bank, mentor_in_bank, ready_mentee
from tests.factories import PersonFactory


def _bank(world):
    mentor, mentee = world.people["mentor"], world.people["mentee"]
    mentor_in_bank(mentor, max_mentees=1, subjects="математика")
    duties_consent(mentor)
    mentee_in_bank(mentee, subjects="математика")
    for subject, last in [("история", "Зайцева"), ("физика", "Орлов")]:
        person = PersonFactory(organisation=world.school, last_name=last, subjects=subject)
        mentor_in_bank(person, max_mentees=1, subjects=subject)
        duties_consent(person)
        ready_mentee(world.school, subjects=subject)


def test_pairs_order_and_program(world, page, login):
    _bank(world)
    mentor, mentee = world.people["mentor"], world.people["mentee"]

    # The curator accepts the whole proposal: three pairs.
    login("curator")
    page.goto("/pairs/proposal/")
    rows = page.locator(".proposal-table tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator(".proposal-table")).to_contain_text(f"{mentor.short_name}")
    expect(page.locator(".proposal-table")).to_contain_text("Тот же предмет: математика")
    page.get_by_role("button", name="Принять отмеченные").click()
    expect(page.locator(".alert-success")).to_contain_text("Создано пар: 3")
    expect(page.locator(".pairs-table tbody tr")).to_have_count(3)

    # … drafts the order from the template and sends it to the director.
    page.get_by_role("link", name="Приказы").first.click()
    page.get_by_role("link", name="Подготовить приказ").click()
    page.get_by_label("Вид приказа").select_option("pairs")
    # Every proposed pair is listed unchecked: the curator checks what goes into the order.
    page.get_by_label("Отметить все предложенные").check()
    expect(page.get_by_role("button", name="Создать проект")).to_contain_text("(3)")
    page.get_by_role("button", name="Создать проект").click()
    # A draft has no number yet: it is registered when the director signs it.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Проект приказа: о закреплении")
    page.get_by_label("Заголовок").fill("О закреплении наставнических пар на 2026/2027 учебный год")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".order-sheet")).to_contain_text("ПРИКАЗЫВАЮ:")
    page.get_by_role("button", name="Направить на подпись").click()
    expect(page.locator(".alert-success")).to_contain_text("направлен директору")

    # The director signs and downloads exactly the stored PDF.
    order = Order.objects.get()
    login("director")
    page.goto(f"/pairs/orders/{order.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Подписать").click()
    expect(page.locator(".alert-success").first).to_contain_text("Приказ подписан")
    expect(page.get_by_role("heading", level=1)).to_contain_text("№ 1-о")
    order.refresh_from_db()
    expect(page.locator("code.hash")).to_have_text(order.pdf_sha256)
    href = page.get_by_role("link", name="Скачать PDF").get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body() == order.pdf_bytes()
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages).split()
    )
    assert "№ 1-о" in text and mentor.full_name in text and mentee.full_name in text
    assert set(Pair.objects.values_list("status", flat=True)) == {"fixed"}

    # The mentor opens the program from the home page and marks an activity done.
    login("mentor")
    page.get_by_role("link", name="Моя программа").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Персонализированная программа")
    first_row = page.locator(".plan-table tbody tr").first
    first_row.get_by_role("button", name=re.compile("Отметить выполненным")).click()
    expect(page.locator(".alert-success")).to_contain_text("отмечено выполненным")
    expect(page.locator(".plan-table tbody tr").first).to_contain_text("выполнено")
    program = Pair.objects.get(members__person=mentee).program
    assert program.items.filter(done_by=mentor.user).count() == 1
