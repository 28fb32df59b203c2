"""Dates as a Russian user meets them: the browser runs in Russian (conftest: LANGUAGE=ru, Debian's
chromium-l10n), where every date field of the portal (``type="date"``) shows and takes ДД.ММ.ГГГГ.
The curator types the digits day first, as on paper; in an English browser the same keys make
another date or none."""

from datetime import date

from playwright.sync_api import expect

from roadmap.models import Roadmap


def test_a_date_is_typed_day_first(world, page, login):
    login("curator")
    page.goto("/roadmap/new/")
    page.get_by_label("Название").fill("Дорожная карта на 2026/2027 учебный год")
    start = page.get_by_label("Начало периода")
    start.focus()
    page.keyboard.type("01092026")
    assert start.input_value() == "2026-09-01"
    end = page.get_by_label("Окончание периода")
    end.focus()
    page.keyboard.type("31082027")
    assert end.input_value() == "2027-08-31"
    page.get_by_label("Пустая дорожная карта").check()
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2026/2027")
    roadmap = Roadmap.objects.get()
    assert (roadmap.period_start, roadmap.period_end) == (date(2026, 9, 1), date(2027, 8, 31))


def test_the_browser_speaks_russian(page):
    """The setup itself: without the Russian language pack the keys above would be month first."""
    assert page.evaluate("navigator.language").startswith("ru")
    page.set_content('<input id="d" type="date">')
    page.focus("#d")
    page.keyboard.type("15102026")
    assert page.input_value("#d") == "2026-10-15"
