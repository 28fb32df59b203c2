"""The whole year change on the demo school, in the browser: on 1 September 2027 the curator
closes 2026/2027 («Итоги года»: the roadmap with its final marks, a pair continued and one
completed, the monitoring approved), opens 2027/2028 («Новый учебный год»: the roadmap, banks,
the continuing pair's program, the campaigns and the monitoring carried), the director approves
the new roadmap, and the home page is the new year's."""

import os
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from monitoring.models import Campaign, MonitoringYear
from pairs.models import Order, Pair
from roadmap.models import Activity, Roadmap
from school_year.models import PairContinuation, YearStep

DEMO_PASSWORD = "nastavnik-2026"
NEW_YEAR_DAY = date(2027, 9, 1)
SHOTS = os.environ.get("YEAR_CHANGE_SCREENSHOTS")  # a folder: screenshots at 1280 and 390 px


def _shoot(page, name):
    if not SHOTS:
        return
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _log_out(page):
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Выйти").click()


@pytest.fixture
def demo_school(page, monkeypatch):
    call_command("load_demo", password=DEMO_PASSWORD, stdout=open(os.devnull, "w"))  # noqa: SIM115
    # The demo is loaded as of today; then the calendar moves to the first day of the next year.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: NEW_YEAR_DAY)
    return Roadmap.objects.get(
        organisation__short_name__contains="гимназия", period_start=date(2026, 9, 1)
    )


def test_the_demo_school_changes_its_year(page, login, demo_school):
    old_roadmap = demo_school
    school = old_roadmap.organisation
    page.on("dialog", lambda dialog: dialog.accept())
    login("curator", DEMO_PASSWORD)
    panel = page.get_by_test_id("year-panel")
    expect(panel).to_contain_text("Итоги 2026/2027 учебного года")
    panel.get_by_role("link", name="Итоги года").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Итоги 2026/2027 учебного года")
    _shoot(page, "results-open")

    # 1. The roadmap, closed with a final mark for every activity.
    page.get_by_role("link", name="Закрыть с итоговыми отметками").click()
    for entry in page.locator("li.close-entry").all():
        if entry.locator("input[type=radio]:checked").count() == 0:
            entry.get_by_label("Не выполнено").check()
            entry.locator("textarea").fill("Перенесено на следующий учебный год")
    page.get_by_role("button", name="Далее: проверить и закрыть").click()
    page.get_by_role("button", name="Закрыть дорожную карту").click()
    old_roadmap.refresh_from_db()
    assert old_roadmap.status == Roadmap.Status.CLOSED

    # 2. Pairs: the first continued into 2027/2028, the rest completed.
    page.goto("/year/2026/results/")
    pairs = page.get_by_test_id("results-pairs")
    ending = Pair.objects.filter(organisation=school, status__in=Pair.CURRENT_STATUSES).count()
    assert ending >= 2
    pairs.get_by_role("button", name="Продолжить в 2027/2028").first.click()
    expect(page.get_by_test_id("results-pairs")).to_contain_text("Продолжены в 2027/2028")
    complete = page.get_by_test_id("results-pairs").get_by_role("button", name="Завершить")
    while complete.count():
        complete.first.click()
        page.wait_for_load_state()
    # A proposal never fixed by order: removed (pairs' own page), not left open.
    remove = page.get_by_test_id("results-pairs").get_by_role("link", name="Удалить предложение")
    while remove.count():
        remove.first.click()
        page.get_by_role("button", name="Удалить").click()
        page.goto("/year/2026/results/")
    continued = PairContinuation.objects.get()

    # 3. The monitoring of 2026/2027, approved.
    page.get_by_test_id("results-monitoring").get_by_role(
        "link", name="Проверить и утвердить"
    ).click()
    page.get_by_role("button", name="Утвердить отчёт").click()
    assert MonitoringYear.objects.get(organisation=school, year=2026).is_approved
    page.goto("/year/2026/results/")
    expect(page.get_by_test_id("open-count")).to_contain_text("Год закрыт")
    _shoot(page, "results-closed")

    # «Новый учебный год 2027/2028»: every step previewed, then run.
    page.get_by_role("link", name="Новый учебный год 2027/2028").click()
    expect(page.get_by_test_id("step-roadmap")).to_contain_text("до 31 октября")
    _shoot(page, "new-year-preview")
    last_year_activities = list(
        Activity.objects.filter(stage__roadmap=old_roadmap).values_list(
            "pk", "status", "final_mark"
        )
    )
    for step in ("roadmap", "banks", "pairs", "campaigns", "monitoring"):
        page.get_by_test_id(f"step-{step}").get_by_role("button", name="Выполнить").click()
        expect(page.get_by_test_id(f"step-{step}")).to_contain_text("Выполнен")
    expect(page.get_by_test_id("all-done")).to_be_visible()
    _shoot(page, "new-year-done")
    assert YearStep.objects.filter(organisation=school, year=2027).count() == 5
    new_roadmap = Roadmap.objects.get(organisation=school, period_start=date(2027, 9, 1))
    assert "2027/2028" in new_roadmap.title
    assert (
        list(
            Activity.objects.filter(stage__roadmap=old_roadmap).values_list(
                "pk", "status", "final_mark"
            )
        )
        == last_year_activities
    )
    assert Campaign.objects.filter(organisation=school, starts_on__gte=date(2027, 9, 1)).exists()
    assert MonitoringYear.objects.filter(organisation=school, year=2027).exists()
    assert continued.new_pair.program.items.exists() or continued.new_pair.program is not None
    assert Order.objects.get(pk=continued.order_id).pairs.filter(pk=continued.new_pair_id).exists()

    # The new roadmap goes for approval as usual.
    page.goto(f"/roadmap/{new_roadmap.pk}/")
    page.get_by_role("button", name="Направить на утверждение").click()
    expect(page.locator(".roadmap-status").first).to_have_text("На утверждении")
    _log_out(page)
    login("director", DEMO_PASSWORD)
    page.goto(f"/roadmap/{new_roadmap.pk}/")
    page.get_by_role("link", name="Утвердить").click()
    page.get_by_label("Номер").fill("101-о")
    page.get_by_label("Дата документа").fill("2027-09-01")
    page.get_by_role("button", name="Утвердить").click()
    expect(page.locator(".roadmap-status").first).to_have_text("Утверждена")

    # The new year's home page.
    page.goto("/")
    roadmap_link = page.locator("main").get_by_role("link", name="Дорожная карта по реализации")
    expect(roadmap_link).to_have_attribute("href", f"/roadmap/{new_roadmap.pk}/")
    assert page.get_by_test_id("year-panel").count() == 0  # 2026/2027 is closed
    expect(page.get_by_test_id("school-year-card")).to_contain_text("Учебный год 2027/2028")
    _shoot(page, "home-new-year")
