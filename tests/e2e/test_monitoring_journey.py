"""A mentee answers a questionnaire (a draft first, then sent); the curator sees the result,
approves the year's report and downloads the Excel workbook and the analytical report."""

from datetime import date
from io import BytesIO

from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from monitoring.models import Answer, MonitoringYear, Response
from monitoring.tests.factories import open_campaign


def log_out(page):
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Выйти").click()


def test_mentee_answers_and_curator_approves_and_downloads(world, page, login):
    campaign = open_campaign(
        world.school, people=[world.people["mentee"]], starts_on=date(2025, 10, 1)
    )
    questions = {q.order: q for q in campaign.questionnaire.questions.all()}

    # The mentee finds the questionnaire on the home page and keeps a draft.
    login("mentee")
    panel = page.get_by_test_id("panel-surveys")
    expect(panel).to_contain_text("Анкеты к заполнению")
    panel.get_by_role("link", name="Анкета наставляемого").click()
    page.locator(f"input[name=q{questions[1].pk}][value='9']").check()
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_text("Черновик сохранён").first).to_be_visible()
    expect(page.locator(f"input[name=q{questions[1].pk}][value='9']")).to_be_checked()
    # Sending without the required answers keeps the page with the errors.
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_text("Обязательное поле").first).to_be_visible()
    assert not Response.objects.exists()
    page.locator(f"input[name=q{questions[2].pk}][value='8']").check()
    page.locator(f"input[name=q{questions[3].pk}][value='10']").check()
    page.locator(f"input[name=q{questions[4].pk}][value='7']").check()
    page.get_by_label("Посещение уроков (занятий)").check()
    page.get_by_label("Раз в месяц", exact=True).check()
    page.locator(f"input[name=q{questions[7].pk}][value='1']").check()
    page.get_by_label("8. Что бы вы изменили в программе наставничества?").fill(
        "Больше совместных уроков"
    )
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_text("Спасибо! Ваши ответы отправлены.")).to_be_visible()
    expect(page.get_by_text("Отправлена")).to_be_visible()
    assert Answer.objects.filter(question=questions[1]).get().number == 9
    # Once sent, the answer cannot be changed.
    page.goto(f"/monitoring/campaigns/{campaign.pk}/answer/")
    expect(page.get_by_test_id("answer-blocked")).to_contain_text("изменить его нельзя")
    log_out(page)

    # The curator sees the result, opens the year, approves it and downloads both files.
    login("curator")
    page.goto(f"/monitoring/campaigns/{campaign.pk}/")
    expect(page.get_by_text("ответили 1 из 1")).to_be_visible()
    expect(page.get_by_text("Больше совместных уроков")).to_be_visible()
    page.get_by_role("link", name="Мониторинг", exact=True).click()
    page.get_by_label("Учебный год (год начала)").fill("2025")
    page.get_by_role("button", name="Открыть").click()
    expect(page.get_by_role("heading", name="Мониторинг 2025/2026 учебного года")).to_be_visible()
    expect(page.locator("svg.monitoring-chart").first).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Утвердить отчёт").click()
    expect(page.get_by_test_id("approved")).to_contain_text("Отчёт утверждён")
    assert MonitoringYear.objects.get(organisation=world.school, year=2025).is_approved

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Выгрузка в Excel").click()
    workbook = load_workbook(BytesIO(download_info.value.path().read_bytes()))
    assert "Анкеты" in workbook.sheetnames and len(workbook["Сводка"]._charts) == 3

    pdf = page.request.get(
        page.get_by_role("link", name="Аналитическая справка (PDF)").get_attribute("href")
    )
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.body())).pages)
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in text and "Средняя удовлетворённость" in text
