"""The district's journeys: the coordinator opens the district table, sorts it, opens a school
and downloads the district workbook; a school's curator reports on an activity of the
department's roadmap and the coordinator accepts it."""

from datetime import date
from io import BytesIO

from openpyxl import load_workbook
from playwright.sync_api import expect

from monitoring.tests.district_fixtures import fill_school
from roadmap.models import SchoolTask
from roadmap.tests.factories import make_school_task
from tests.factories import OrganisationFactory, PersonFactory


def log_out(page):
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Выйти").click()


def test_coordinator_sorts_opens_a_school_and_downloads_the_workbook(world, page, login):
    fill_school(world.school)
    empty = OrganisationFactory(parent=world.department, short_name="МБОУ ООШ № 9")
    PersonFactory(organisation=empty)
    login("coordinator")
    table = page.get_by_test_id("district-table")
    expect(table).to_be_visible()
    page.goto("/monitoring/district/?year=2025")
    # Sorted by consents missing, descending after two clicks: the filled school first.
    page.get_by_test_id("sort-consents").click()
    page.get_by_test_id("sort-consents").click()
    rows = page.get_by_test_id("district-row")
    expect(rows.first).to_contain_text("МАОУ гимназия № 2")
    page.get_by_test_id("sort-consents").click()
    expect(rows.first).to_contain_text("МБОУ ООШ № 9")
    expect(page.locator('th[aria-sort="ascending"]')).to_contain_text("Нет согласия")
    # A school's read-only page.
    page.get_by_role("link", name="МАОУ гимназия № 2").click()
    expect(page.get_by_role("heading", name="МАОУ гимназия № 2")).to_be_visible()
    expect(page.get_by_test_id("indicator-table")).to_contain_text(
        "Доля обучающихся в возрасте от 10 до 18 лет"
    )
    page.go_back()
    with page.expect_download() as download:
        page.get_by_test_id("district-workbook").click()
    book = load_workbook(BytesIO(download.value.path().read_bytes()))
    assert book.sheetnames[0] == "Сводка"
    summary = [row[0] for row in book["Сводка"].iter_rows(min_row=4, values_only=True)]
    assert "МАОУ гимназия № 2" in summary and "МБОУ ООШ № 9" in summary


def test_a_school_reports_on_a_municipal_activity_and_the_coordinator_accepts(
    world, page, login, tmp_path
):
    task = make_school_task(world.school)
    login("curator")
    panel = page.get_by_test_id("panel-municipal")
    expect(panel).to_contain_text("ждут отчёта: 1")
    panel.get_by_role("link", name="Открыть").click()
    page.get_by_test_id("municipal-tasks").get_by_role("link").first.click()
    page.get_by_test_id("report").click()
    # Without evidence the form says so and nothing is sent.
    page.get_by_label("Что сделано").fill("Провели совещание с наставниками")
    page.get_by_role("button", name="Направить отчёт").click()
    expect(page.get_by_text("Приложите файл или укажите ссылку.")).to_be_visible()
    pdf = tmp_path / "protokol.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    page.get_by_label("Файл").set_input_files(str(pdf))
    page.get_by_role("button", name="Направить отчёт").click()
    expect(page.get_by_test_id("task-status")).to_have_text("Отчёт на проверке")
    log_out(page)

    login("coordinator")
    page.goto(f"/roadmap/{task.activity.stage.roadmap_id}/schools/")
    page.get_by_test_id(f"task-{task.pk}").click()
    expect(page.get_by_text("Провели совещание с наставниками")).to_be_visible()
    page.get_by_test_id("accept").click()
    expect(page.get_by_test_id("task-status")).to_have_text("Принято")
    task.refresh_from_db()
    assert task.status == SchoolTask.Status.DONE
    assert task.accepted_at.date() <= date.today()
