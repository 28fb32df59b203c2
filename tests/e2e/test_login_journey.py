from playwright.sync_api import expect


def test_curator_logs_in_and_sees_home(world, page, login):
    login("curator")
    expect(page.get_by_role("heading", name="Главная")).to_be_visible()
    expect(page.get_by_test_id("user-menu")).to_be_visible()
    expect(page.locator("footer")).to_contain_text(world.school.full_name)


def test_wrong_password_shows_russian_message(world, page):
    page.goto("/accounts/login/")
    page.get_by_label("Имя пользователя").fill("curator")
    page.get_by_label("Пароль").fill("wrong-password")
    page.get_by_role("button", name="Войти").click()
    expect(page.locator("form")).to_contain_text(
        "Пожалуйста, введите правильные имя пользователя и пароль"
    )


def test_logout(world, page, login):
    login("teacher")
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Выйти").click()
    expect(page.get_by_role("heading", name="Вход в портал")).to_be_visible()
