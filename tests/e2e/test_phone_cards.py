"""Tables people act on, on a 390 px phone and a 1280 px screen, on the demo school.

At 390 px every such table is a stack of cards (``.table-cards`` in portal.css): the page does not
scroll sideways, no table is wider than its box, each page's status and action buttons are on the
screen, and axe-core finds nothing serious on the cards. At 1280 px no table is clipped inside its
scroll box (the roadmap's edit column) and the coordinator's menu fits. A mentor logs a meeting
from the home page of a phone, clicks counted by the page itself."""

import os

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from pairs.models import Meeting, Pair
from roadmap.models import Roadmap
from tests.e2e.test_fewer_clicks_journey import COUNTER

DEMO_PASSWORD = "nastavnik-2026"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

WIDTHS = """
() => ({
  page: document.scrollingElement.scrollWidth,
  viewport: window.innerWidth,
  tables: [...document.querySelectorAll("main table.table-cards")].map((table) => ({
    table: table.scrollWidth,
    box: (table.closest(".table-responsive") || table.parentElement).clientWidth,
  })),
})
"""


@pytest.fixture
def demo(page):
    call_command("load_demo", password=DEMO_PASSWORD, stdout=open(os.devnull, "w"))  # noqa: SIM115
    school = "гимназия"
    return {
        "roadmap": Roadmap.objects.filter(
            organisation__short_name__contains=school, status=Roadmap.Status.APPROVED
        )
        .latest("period_start")
        .pk,
        # The second school's roadmap is a draft: the table with the edit column.
        "draft": Roadmap.objects.get(
            organisation__short_name__contains="СОШ", status=Roadmap.Status.DRAFT
        ).pk,
        "pair": Pair.objects.get(
            members__person__user__username="mentor", status=Pair.Status.ACTIVE
        ).pk,
    }


def _log_in(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/")


def _on_screen(page, locator, what):
    """The first element of ``locator`` is visible and not past the right edge of the phone."""
    element = locator.first
    expect(element, what).to_be_visible()
    element.scroll_into_view_if_needed()
    box = element.bounding_box()
    assert box is not None and box["x"] >= 0, what
    assert box["x"] + box["width"] <= PHONE["width"], (
        f"{what}: right edge at {box['x'] + box['width']}"
    )


# persona -> [(url, {what: selector that must be on the phone's screen})]
PAGES = {
    "curator": [
        (
            "/roadmap/{roadmap}/",
            {
                "отметка о выполнении": ".activity-row .activity-status",
                "мероприятие": ".activity-row a.activity-title",
            },
        ),
        (
            "/pairs/",
            {
                "статус": ".pairs-table td[data-label=Статус] .badge",
                "пара": ".pairs-table .cell-title a",
            },
        ),
        (
            "/public/",
            {"на сайте": "td[data-label='На сайте'] .badge", "снять": ".cell-actions button"},
        ),
        (
            "/monitoring/questionnaires/",
            {"статус": "[data-testid=campaigns] td[data-label=Статус]", "анкета": ".cell-title a"},
        ),
        ("/roadmap/my/", {"статус": "[data-testid=my-activities] .activity-status"}),
        (
            "/banks/mentors/",
            {
                "статус": "[data-testid=bank-table] td[data-label=Статус] .badge",
                "отметка": "[data-testid=bank-table] input[name=chosen]",
            },
        ),
        (
            "/banks/mentees/",
            {
                "статус": "[data-testid=bank-table] td[data-label=Статус] .badge",
                "отметка": "[data-testid=bank-table] input[name=chosen]",
            },
        ),
        (
            "/pairs/orders/",
            {
                "статус": ".orders-table td[data-label=Статус] .badge",
                "скачать": ".orders-table .cell-actions a",
            },
        ),
        (
            "/people/",
            {
                "согласие": "[data-testid=people-table] td[data-label=Согласие] .badge",
                "человек": "[data-testid=people-table] .cell-title a",
            },
        ),
    ],
    "curator2": [
        (
            "/roadmap/{draft}/",
            {
                "изменить": ".activity-row .cell-actions a.js-inline-edit",
                "удалить": ".activity-row .cell-actions a.btn-outline-danger",
                "выше": ".activity-row .cell-actions button[aria-label='Переместить выше']",
                "отметка о выполнении": ".activity-row .activity-status",
                "флажок": ".activity-row input[name=activities]",
            },
        ),
    ],
    "mentor": [
        (
            "/pairs/{pair}/program/",
            {
                "выполнено": ".plan-table .cell-actions button",
                "статус": ".plan-table .cell-actions .badge",
                "записать встречу": "a[href$='/meetings/new/']",
                "журнал": "[data-testid=meeting-log] td[data-label='Что сделано']",
            },
        ),
    ],
}


def test_tables_are_cards_on_a_phone_and_whole_on_a_screen(page, demo):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for persona, pages in PAGES.items():
        _log_in(page, persona)
        for url, on_screen in pages:
            url = url.format(**demo)
            page.set_viewport_size(PHONE)
            page.goto(url)
            widths = page.evaluate(WIDTHS)
            assert widths["page"] <= widths["viewport"], (url, widths)
            assert widths["tables"], f"{url}: no .table-cards table"
            for table in widths["tables"]:
                assert table["table"] <= table["box"], (url, widths)
            for what, selector in on_screen.items():
                _on_screen(page, page.locator(selector), f"{url}: {what}")
            # The cards pass axe-core too (their labels on a red row, the actions' names).
            serious = [
                violation["id"]
                for violation in axe.run(page).response["violations"]
                if violation["impact"] in ("serious", "critical")
            ]
            assert serious == [], f"{url} at 390 px: {serious}"
            # A red row says it in words too.
            for row in page.locator(".activity-overdue, .item-overdue").all():
                expect(row).to_contain_text("росрочено")

            page.set_viewport_size(DESKTOP)
            page.goto(url)
            widths = page.evaluate(WIDTHS)
            assert widths["page"] <= widths["viewport"], (url, widths)
            for table in widths["tables"]:
                assert table["table"] <= table["box"], f"{url}: clipped at 1280 px {widths}"

    # The coordinator's menu, with the department's long name, fits 1280 px.
    _log_in(page, "coordinator")
    edges = page.evaluate(
        "[...document.querySelectorAll('#main-menu .nav-link')]"
        ".map((link) => link.getBoundingClientRect().right)"
    )
    assert edges and max(edges) <= DESKTOP["width"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= DESKTOP["width"]


def test_a_mentor_logs_a_meeting_from_a_phone_in_three_taps(page, demo):
    """Before: «Моя программа», «Записать встречу», the date, the topic and what was done typed,
    «Сохранить» — 3 taps and 3 fields. Now the home page offers «Записать встречу», the form comes
    with today's date and the plan's next item as the topic: 2 taps and 1 field."""
    page.context.add_init_script(COUNTER)
    page.set_viewport_size(PHONE)
    _log_in(page, "mentor")
    page.evaluate("sessionStorage.removeItem('__clicks'); sessionStorage.removeItem('__typed')")
    before = Meeting.objects.filter(pair_id=demo["pair"]).count()

    page.get_by_test_id("log-meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Запись в журнал встреч")
    topic = page.get_by_label("Тема").input_value()
    assert topic, "the plan's next item is offered as the topic"
    page.get_by_label("Что сделано").fill("Разобрали урок в 7Б, договорились о следующем.")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Встреча записана в журнал.")).to_be_visible()

    clicks, typed = page.evaluate(
        "[JSON.parse(sessionStorage.getItem('__clicks') || '0'),"
        " JSON.parse(sessionStorage.getItem('__typed') || '[]')]"
    )
    assert (clicks, len(typed)) == (2, 1), (clicks, typed)  # at most 3 taps asked
    meeting = Meeting.objects.filter(pair_id=demo["pair"]).latest("pk")
    assert Meeting.objects.filter(pair_id=demo["pair"]).count() == before + 1
    pair = Pair.objects.get(pk=demo["pair"])
    assert meeting.topic == topic
    assert meeting.date == min(timezone.localdate(), pair.period_end)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
