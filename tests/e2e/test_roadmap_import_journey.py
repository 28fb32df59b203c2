"""«Импорт дорожной карты» in the browser: the curator uploads a Word roadmap, checks the
preview, fixes one row, confirms, and sees the new draft roadmap."""

import os
from pathlib import Path

from playwright.sync_api import expect

from participants.models import Person
from roadmap.models import Activity, Roadmap
from roadmap.tests.fixtures_import.builders import seed_docx

SHOTS = Path(os.environ.get("SHOTS_DIR", Path(__file__).resolve().parents[2] / "var" / "shots"))


def test_curator_imports_a_word_roadmap(world, page, login, tmp_path):
    Person.objects.create(
        organisation=world.school, last_name="Евстропова", first_name="Лидия", middle_name="Г."
    )
    document = tmp_path / "Дорожная карта РУО.docx"
    document.write_bytes(seed_docx("004"))

    login("curator")
    page.get_by_role("link", name="Дорожная карта").first.click()
    page.get_by_role("link", name="Импорт дорожной карты").click()
    page.get_by_label("Файл дорожной карты").set_input_files(str(document))
    page.get_by_role("button", name="Загрузить и посмотреть").click()

    expect(page.get_by_role("heading", name="Проверьте, что найдено в файле")).to_be_visible()
    summary = page.locator("#import-summary")
    expect(summary).to_contain_text("Мероприятий: 12")
    expect(page.locator("#import-approval")).to_contain_text("Приказ № 158 от 16.04.2021")
    # A date input like the others (the browser shows it ДД.ММ.ГГГГ; its value is ISO).
    expect(page.get_by_label("Начало периода")).to_have_value("2021-01-01")
    expect(page.get_by_label("Начало периода")).to_have_attribute("type", "date")
    first_row = page.locator("tr[data-import-row='1']")
    expect(first_row).to_contain_text("→ с 01.10.2021 по 31.10.2021")
    expect(first_row).to_contain_text("Евстропова Л. Г. ✓")
    expect(page.locator("tr[data-import-row='3']")).to_contain_text("Зарубина У. В. (текстом)")
    assert Roadmap.objects.count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "roadmap_import_preview.png", full_page=True)

    # Fix one row: a clearer title and a deadline the curator knows.
    page.get_by_label("Мероприятие 2", exact=True).fill("Ежегодный мониторинг эффективности")
    page.get_by_label("Сроки 2", exact=True).fill("ежегодно до 31 мая")
    page.get_by_role("button", name="Применить исправления").click()
    expect(page.get_by_text("Исправления учтены")).to_be_visible()
    expect(page.get_by_label("Мероприятие 2", exact=True)).to_have_value(
        "Ежегодный мониторинг эффективности"
    )
    expect(page.locator("tr[data-import-row='2']")).to_contain_text("ежегодно")
    assert Roadmap.objects.count() == 0

    page.get_by_role("button", name="Создать черновик дорожной карты").click()
    expect(page.get_by_text("Создан черновик дорожной карты")).to_be_visible()
    roadmap = Roadmap.objects.get()
    assert page.url.endswith(f"/roadmap/{roadmap.pk}/")
    expect(page.locator("body")).to_contain_text("Ежегодный мониторинг эффективности")
    page.screenshot(path=SHOTS / "roadmap_import_done.png", full_page=False)
    fixed = Activity.objects.get(stage__roadmap=roadmap, order=2)
    assert fixed.deadline_text == "ежегодно до 31 мая"
    assert fixed.deadline_kind == "yearly"
    assert Activity.objects.filter(stage__roadmap=roadmap).count() == 12
    assert roadmap.status == Roadmap.Status.DRAFT
