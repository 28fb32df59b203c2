"""The roadmap in the browser: the curator builds it from the template and edits it in place,
the director approves it, the PDF downloads; the working group removes a wrong link and reports."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from roadmap.models import Activity, Roadmap


def _log_out(page):
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Выйти").click()


def test_curator_builds_director_approves_pdf_downloads(world, page, login):
    login("curator")
    page.get_by_role("link", name="Дорожная карта").first.click()
    page.get_by_role("link", name="Создать дорожную карту").click()
    page.get_by_label("Название").fill("Дорожная карта наставничества на 2026/2027 учебный год")
    page.get_by_label("Начало периода").fill("2026-09-01")
    page.get_by_label("Окончание периода").fill("2027-08-31")
    page.get_by_label("Семь этапов целевой модели с типовыми мероприятиями").check()
    page.get_by_role("button", name="Создать").click()

    table = page.get_by_test_id("roadmap-table")
    expect(table).to_contain_text("Подготовка условий для запуска программы наставничества")
    expect(table).to_contain_text("Завершение наставничества")
    expect(page.locator("tr.stage-row")).to_have_count(7)
    roadmap = Roadmap.objects.get()

    # Edit activity 1.2 in place: the page is not reloaded (the marker survives).
    page.evaluate("window.__notReloaded = true")
    page.get_by_label("Изменить мероприятие 1.2").click()
    form = page.locator("form.js-inline-form")
    form.get_by_label("Сроки (как записано)").fill("До 15.09.2026 г.")
    # The people picker: type a few letters of the surname, click the name, a chip appears.
    working_group = world.people["working_group"]
    form.get_by_role("combobox", name="Ответственные").fill(working_group.last_name[:4])
    page.locator(".ts-dropdown .option", has_text=working_group.full_name).click()
    expect(form.locator(".ts-control .item")).to_contain_text(working_group.full_name)
    form.get_by_role("button", name="Сохранить").click()
    row = page.locator("tr.activity-row", has_text="Издание приказа «О внедрении")
    expect(row).to_contain_text("До 15.09.2026 г.")
    expect(row).to_contain_text("15.09.2026")
    expect(row).to_contain_text(world.people["working_group"].short_name)
    assert page.evaluate("window.__notReloaded") is True
    edited = Activity.objects.get(title__startswith="Издание приказа «О внедрении")
    assert str(edited.deadline_due) == "2026-09-15"

    # A wrong edit keeps the form with a Russian message.
    page.get_by_label("Изменить мероприятие 1.1").click()
    form = page.locator("form.js-inline-form")
    form.get_by_label("Мероприятие").fill("")
    form.get_by_role("button", name="Сохранить").click()
    expect(page.locator("form.js-inline-form")).to_contain_text("Укажите название мероприятия.")
    page.locator("form.js-inline-form").get_by_role("link", name="Отмена").click()

    # Add an activity to stage 2 in place.
    page.get_by_role("link", name="+ Мероприятие в этап 2").click()
    form = page.locator("form.js-inline-form")
    form.get_by_label("Мероприятие").fill("Беседа с классными руководителями о запросах учеников")
    form.get_by_label("Сроки (как записано)").fill("ежегодно")
    form.get_by_label("Ответственные (должности, группы)").fill("Рабочая группа")
    form.get_by_role("button", name="Сохранить").click()
    expect(page.locator("tr.activity-row", has_text="Беседа с классными")).to_contain_text("2.3")
    assert page.evaluate("window.__notReloaded") is True

    page.get_by_role("button", name="Направить на утверждение").click()
    expect(page.locator(".roadmap-status").first).to_have_text("На утверждении")
    _log_out(page)

    login("director")
    page.goto(f"/roadmap/{roadmap.pk}/")
    page.get_by_role("link", name="Утвердить").click()
    # By the council's protocol here; by an order, see test_approval_orders_journey.py.
    page.get_by_label("Номер").fill("3")
    page.get_by_label("Дата документа").fill("2026-09-28")
    page.get_by_role("button", name="Утвердить").click()
    expect(page.locator(".roadmap-status").first).to_have_text("Утверждена")
    expect(page.locator("body")).to_contain_text(
        "Протокол педагогического совета от 28.09.2026 № 3"
    )

    href = page.get_by_role("link", name="PDF").get_attribute("href")
    response = page.request.get(href)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    text = re.sub(r"\s+", " ", text)
    assert "УТВЕРЖДЕНА решением педагогического совета (протокол от 28.09.2026 № 3)" in text
    assert "Дорожная карта наставничества на 2026/2027 учебный год" in text
    assert "Беседа с классными руководителями о запросах учеников" in text


def test_working_group_reports_and_curator_accepts(world, page, login, tmp_path):
    from roadmap.tests.factories import first_activity, make_roadmap

    roadmap = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        responsible=[world.people["working_group"]],
    )
    activity = first_activity(roadmap)
    login("working_group")
    page.get_by_role("link", name="Мои мероприятия").first.click()
    page.get_by_role("link", name=activity.title).first.click()
    # A link added by mistake is removed through the confirmation page before reporting.
    page.get_by_role("link", name="Добавить подтверждение").click()
    page.get_by_label("Ссылка").fill("https://school.example.ru/ne-tot-fail")
    page.get_by_role("button", name="Добавить").click()
    expect(page.locator("body")).to_contain_text("Подтверждение добавлено.")
    page.get_by_role("link", name="Удалить", exact=True).click()
    expect(page.locator("main")).to_contain_text("https://school.example.ru/ne-tot-fail")
    page.screenshot(path=str(tmp_path / "roadmap_evidence_delete.png"), full_page=True)
    page.get_by_role("button", name="Да, удалить").click()
    expect(page.locator("body")).to_contain_text("удалено.")
    expect(page.locator("main")).to_contain_text("Удалено подтверждение")
    expect(page.locator("main")).to_contain_text("Подтверждений пока нет.")
    page.get_by_role("link", name="Отчитаться о выполнении").click()
    page.get_by_role("button", name="Отправить отчёт").click()
    expect(page.locator("main form")).to_contain_text("Приложите файл или укажите ссылку.")
    page.get_by_label("Ссылка").fill("https://school.example.ru/prikaz")
    page.get_by_role("button", name="Отправить отчёт").click()
    expect(page.locator("body")).to_contain_text("Отчёт отправлен куратору на проверку.")
    _log_out(page)
    login("curator")
    page.goto(f"/roadmap/activity/{activity.pk}/")
    page.get_by_role("button", name="Принять выполнение").click()
    expect(page.locator(".activity-status").first).to_have_text("Выполнено")
    # Accepted: the evidence is the record of completion, nobody deletes it.
    expect(page.get_by_role("link", name="Удалить", exact=True)).to_have_count(0)
    page.screenshot(path=str(tmp_path / "roadmap_activity_accepted.png"), full_page=True)
