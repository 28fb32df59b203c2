"""A teacher gives consent and asks for a mentor; the curator accepts the request into the bank;
the teacher withdraws the consent and vanishes from the bank."""

import re

from playwright.sync_api import expect

from participants.models import Consent, MenteeRequest


def log_out(page):
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Выйти").click()
    expect(page.get_by_role("heading", name="Вход в портал")).to_be_visible()


def test_consent_request_bank_and_withdrawal(world, page, login):
    teacher = world.people["teacher"]

    # The teacher starts from the home page: no consent yet.
    login("teacher")
    panel = page.get_by_test_id("panel-my")
    expect(panel).to_contain_text("Дайте согласие на обработку персональных данных")
    panel.get_by_role("link", name="Открыть «Мои документы»").click()
    page.get_by_role("link", name="Дать согласие").click()
    expect(page.get_by_test_id("consent-text")).to_contain_text(world.school.full_name)
    # A wrong name is refused next to the field.
    page.get_by_label("Фамилия, имя и отчество полностью").fill("Иванов Иван Иванович")
    page.get_by_label(re.compile("Я прочитала? текст согласия")).check()
    page.get_by_role("button", name="Подтвердить согласие").click()
    expect(page.locator("main form")).to_contain_text("ФИО не совпадает")
    page.get_by_label("Фамилия, имя и отчество полностью").fill(teacher.full_name)
    page.get_by_label(re.compile("Я прочитала? текст согласия")).check()
    page.get_by_role("button", name="Подтвердить согласие").click()
    expect(page.get_by_test_id("my-consent")).to_contain_text("Дано")
    consent = Consent.objects.get(person=teacher)
    assert consent.ip_address == "127.0.0.1"

    # The request for a mentor: a draft first, then submitted.
    page.get_by_role("link", name="Заполнить запрос").click()
    page.get_by_label("Дисциплина на уроке").check()
    page.get_by_label("Проектирование урока").check()
    page.get_by_label("Ожидаемый результат").fill("Спокойный рабочий класс и уроки по ФГОС")
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_text("Черновик сохранён.")).to_be_visible()
    page.get_by_role("button", name="Подать куратору").click()
    # What happens next and by when (issue 17, point 9).
    expect(page.locator(".alert-success")).to_contain_text("Запрос подан куратору. Куратор")
    expect(page.locator(".alert-success")).to_contain_text("подберёт вам наставника")
    expect(page.locator("main")).to_contain_text("На рассмотрении")
    log_out(page)

    # The curator sees it waiting and accepts it into the mentee bank.
    login("curator")
    page.get_by_test_id("panel-curator").get_by_role(
        "link", name="Запросы наставляемых на рассмотрении"
    ).click()
    page.get_by_role("link", name=teacher.full_name).click()
    page.get_by_role("button", name="Принять в банк наставляемых").click()
    expect(page.get_by_text("в банке наставляемых.")).to_be_visible()
    page.get_by_role("link", name="Банк наставляемых").first.click()
    expect(page.get_by_test_id("bank-table")).to_contain_text(teacher.full_name)
    assert MenteeRequest.objects.in_bank().filter(person=teacher).exists()
    log_out(page)

    # The teacher withdraws the consent.
    login("teacher")
    page.goto("/my/")
    page.get_by_role("link", name="Отозвать согласие").click()
    page.get_by_label("Основание").fill("Больше не участвую в программе")
    page.get_by_role("button", name="Отозвать согласие").click()
    expect(page.get_by_test_id("my-consent")).to_contain_text("Отозвано")
    expect(page.get_by_test_id("my-request")).to_contain_text("Исключён из банка")
    log_out(page)

    # … and is gone from the curator's bank.
    login("curator")
    page.goto("/banks/mentees/")
    expect(page.get_by_test_id("bank-table")).not_to_contain_text(teacher.full_name)
    expect(page.get_by_test_id("bank-table")).to_contain_text("В банке никого не нашлось")


def test_curator_imports_staff_gives_a_login_and_records_a_paper_consent(
    world, page, login, tmp_path
):
    from openpyxl import Workbook

    from participants.models import Person

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ФИО", "Дата рождения", "Должность", "Предметы", "Стаж", "Email"])
    sheet.append(["Новикова Ирина Петровна", "12.03.1991", "Учитель", "химия", 5, "n@example.ru"])
    sheet.append(["Петров Иван", "31.02.1990", "Учитель", "физика", 2, ""])
    bad = tmp_path / "staff-bad.xlsx"
    workbook.save(bad)

    login("curator")
    page.get_by_role("link", name="Участники").first.click()
    page.get_by_role("link", name="Импорт из Excel").click()
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(bad)
    page.get_by_role("button", name="Загрузить и проверить").click()
    expect(page.locator("main")).to_contain_text("Неверная дата рождения «31.02.1990»")
    expect(page.get_by_role("button", name="Импортировать 2 чел.")).to_be_disabled()
    assert not Person.objects.filter(last_name="Новикова").exists()

    sheet.delete_rows(3)
    good = tmp_path / "staff.xlsx"
    workbook.save(good)
    page.get_by_role("link", name="Загрузить другой файл").click()
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(good)
    page.get_by_role("button", name="Загрузить и проверить").click()
    page.get_by_role("button", name="Импортировать 1 чел.").click()
    expect(page.get_by_text("Импортировано участников: 1.")).to_be_visible()

    # A login through a one-time link.
    page.get_by_role("link", name="Новикова Ирина Петровна").click()
    page.get_by_role("link", name="Дать вход на портал").click()
    page.get_by_label("Имя пользователя (логин)").fill("novikova")
    page.get_by_role("button", name="Создать учётную запись").click()
    link = page.get_by_test_id("password-link").inner_text()

    # The paper consent: print, sign, upload the scan.
    page.get_by_role("link", name="К карточке участника").click()
    with page.expect_download() as download:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = '';"
            " document.body.appendChild(a); a.click(); }",
            page.get_by_role("link", name="Распечатать согласие (PDF)").get_attribute("href"),
        )
    assert download.value.path().read_bytes().startswith(b"%PDF")
    page.get_by_role("link", name="Загрузить подписанный скан").click()
    page.get_by_label("Дата подписания").fill("2025-09-01")
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    page.get_by_label("Скан подписанного согласия").set_input_files(scan)
    page.get_by_role("button", name="Зарегистрировать согласие").click()
    expect(page.get_by_test_id("consent-row")).to_contain_text("На бумаге (скан)")
    log_out(page)

    # The new teacher sets the password and logs in.
    page.goto(link)
    page.locator("#id_new_password1").fill("Himiya-2026-pass")
    page.locator("#id_new_password2").fill("Himiya-2026-pass")
    page.get_by_role("button", name="Установить пароль").click()
    login("novikova", "Himiya-2026-pass")
    expect(page.get_by_test_id("panel-my")).to_contain_text("Дано")


def test_curator_returns_a_questionnaire_and_records_training(world, page, login):
    from participants.tests.factories import ConsentFactory, MentorProfileFactory

    mentor = world.people["mentor"]
    ConsentFactory(person=mentor)
    MentorProfileFactory(person=mentor)

    login("curator")
    page.get_by_test_id("panel-curator").get_by_role(
        "link", name="Анкеты наставников на рассмотрении"
    ).click()
    page.get_by_role("link", name=mentor.full_name).click()
    page.get_by_label("Комментарий для автора").fill("Добавьте опыт наставничества")
    page.get_by_role("button", name="Вернуть на доработку").click()
    expect(page.get_by_text("Анкета возвращена автору с комментарием.")).to_be_visible()
    log_out(page)

    login("mentor")
    page.goto("/my/questionnaire/")
    expect(page.get_by_test_id("curator-comment")).to_contain_text("Добавьте опыт наставничества")
    page.get_by_label("Проектирование урока").check()
    page.get_by_label("Опыт").fill("Наставник молодых учителей с 2015 года")
    page.get_by_role("button", name="Подать куратору").click()
    expect(page.locator(".alert-success")).to_contain_text("Анкета подана куратору.")
    log_out(page)

    login("curator")
    page.goto("/banks/mentors/?status=submitted")
    page.get_by_role("link", name=mentor.full_name).click()
    page.get_by_role("button", name="Принять в банк наставников").click()
    page.get_by_role("link", name="Добавить обучение").click()
    page.get_by_label("Обучение").fill("Школа наставника")
    page.get_by_label("Дата окончания").fill("2026-01-20")
    page.get_by_label("Часов").fill("36")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator("main")).to_contain_text("Прошёл обучение")
    expect(page.locator("main")).to_contain_text("Школа наставника")
