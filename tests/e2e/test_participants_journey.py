"""A teacher gives consent and asks for a mentor; the curator accepts the request into the bank;
the teacher withdraws the consent and vanishes from the bank."""

import importlib

import pytest
from django.apps import apps
from playwright.sync_api import expect

from participants.models import Consent, MenteeRequest


@pytest.fixture
def difficulties(db):
    """The seeded list of difficulties: a browser test's database is flushed between tests,
    which also empties what the data migration seeded."""
    migration = importlib.import_module("participants.migrations.0003_seed_difficulties")
    migration.seed(apps, None)


def log_out(page):
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Выйти").click()
    expect(page.get_by_role("heading", name="Вход в портал")).to_be_visible()


def test_consent_request_bank_and_withdrawal(world, difficulties, page, login):
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
    page.get_by_label("Я прочитал(а) текст согласия").check()
    page.get_by_role("button", name="Подтвердить согласие").click()
    expect(page.locator("main form")).to_contain_text("ФИО не совпадает")
    page.get_by_label("Фамилия, имя и отчество полностью").fill(teacher.full_name)
    page.get_by_label("Я прочитал(а) текст согласия").check()
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
    expect(page.get_by_text("Документ подан куратору.")).to_be_visible()
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
