"""In the browser: the director records a thanks in a mentor's portfolio, the mentor downloads
their portfolio as a PDF; the curator records a teacher leaving and gives their activities to
another in one step."""

import io
import os
from datetime import date
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from roadmap.models import Activity
from school_year.tests.factories import year_world

SHOTS = os.environ.get("YEAR_CHANGE_SCREENSHOTS")


def _shoot(page, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=Path(SHOTS) / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _log_out(page):
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Выйти").click()


def test_thanks_portfolio_pdf_and_a_teacher_leaving(world, page, login):
    year_world(world)
    mentor, leaving = world.people["mentor"], world.people["working_group"]

    login("director")
    page.get_by_test_id("school-year-card").get_by_role(
        "link", name="Портфолио наставников"
    ).click()
    page.get_by_role("link", name=mentor.full_name).click()
    page.get_by_role("link", name="Записать поощрение").click()
    page.get_by_label("Формулировка").fill("за успешное наставничество молодого специалиста")
    page.get_by_label("Дата").fill(date(2026, 11, 20).isoformat())
    page.get_by_label("Основание").fill("приказ от 20.11.2026 № 140-о")
    page.get_by_label("Кем объявлено").fill("директор школы")
    page.get_by_role("button", name="Записать").click()
    expect(page.get_by_test_id("awards")).to_contain_text("за успешное наставничество")
    _shoot(page, "portfolio")
    _log_out(page)

    login("mentor")
    page.get_by_test_id("user-menu").click()
    page.get_by_role("link", name="Моё портфолио").click()
    href = page.get_by_role("link", name="Скачать PDF").get_attribute("href")
    response = page.request.get(href)  # with the browser's session: the PDF opens inline
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    text = " ".join(text.replace("\u2010\n", "").replace("\u2010 ", "").split())
    assert "ПОРТФОЛИО НАСТАВНИКА" in text
    assert "за успешное наставничество молодого специалиста" in text
    _log_out(page)

    login("curator")
    page.goto("/year/staff/")
    page.get_by_label("Кто выбывает").select_option(label=str(leaving))
    page.get_by_label("Дата выбытия").fill("2026-12-20")
    page.get_by_label("Причина").fill("перевод в другую школу")
    page.get_by_role("button", name="Записать выбытие").click()
    expect(page.locator(".alert-success")).to_contain_text("выбытие 20.12.2026 записано")
    form = page.get_by_test_id("reassign-form")
    expect(form.locator("input[type=checkbox]")).to_have_count(4)
    _shoot(page, "staff")
    form.get_by_label("Назначить другого").select_option(label=str(world.people["curator"]))
    form.get_by_role("button", name="Назначить другого").click()
    expect(page.locator(".alert-success")).to_contain_text("теперь отвечает за 4 мероприятия.")
    assert not Activity.objects.filter(responsible_people=leaving).exists()
    assert Activity.objects.filter(responsible_people=world.people["curator"]).count() == 4
