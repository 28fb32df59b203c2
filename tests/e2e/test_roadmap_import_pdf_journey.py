"""A PDF roadmap in the browser: the curator uploads LibreOffice's PDF of a Word roadmap, makes
one row a stage with «Сделать этапом», keeps the file's approval and creates the draft."""

import os
from pathlib import Path

from playwright.sync_api import expect

from roadmap.models import Roadmap
from roadmap.tests.fixtures_import.quality import CONVERTED

SHOTS = Path(os.environ.get("SHOTS_DIR", Path(__file__).resolve().parents[2] / "var" / "shots"))


def test_curator_imports_a_pdf_and_fixes_a_stage(world, page, login, tmp_path):
    document = tmp_path / "Дорожная карта.pdf"
    document.write_bytes((CONVERTED / "004.pdf").read_bytes())
    login("curator")
    page.goto("/roadmap/import/")
    page.get_by_label("Файл дорожной карты").set_input_files(str(document))
    page.get_by_role("button", name="Загрузить и посмотреть").click()
    expect(page.locator("#import-summary")).to_contain_text("Мероприятий: 12")
    expect(page.locator("#import-summary")).to_contain_text("Этапов: 1")

    page.get_by_label("Мероприятие 3", exact=True).fill("Исправлено до действия")
    page.get_by_role("button", name="Сделать этапом строку 2").click()
    expect(page.get_by_text("стала этапом")).to_be_visible()
    expect(page.locator("#import-summary")).to_contain_text("Этапов: 2")
    expect(page.get_by_label("Мероприятие 3", exact=True)).to_have_value("Исправлено до действия")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.locator("#import-row-1").scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.screenshot(path=SHOTS / f"roadmap_import_pdf_preview_{width}.png")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label("Сохранить в черновике", exact=False).check()
    page.get_by_role("button", name="Создать черновик дорожной карты").click()
    expect(page.get_by_text("Создан черновик дорожной карты")).to_be_visible()
    roadmap = Roadmap.objects.get()
    assert roadmap.stages.count() == 2
    expect(page.locator("#prior-approval")).to_contain_text("утверждена ранее приказом")
    page.screenshot(path=SHOTS / "roadmap_import_pdf_done.png", full_page=False)
