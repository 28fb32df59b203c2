"""Browser journeys: Playwright drives Debian's Chromium against pytest-django's live server.

On a failure the page is saved as a screenshot under var/e2e-screenshots/.
"""

import json
import os
import shutil
from pathlib import Path

import pytest
from django.db import connections

from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it
# are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# A Russian user's browser: Chromium on Linux takes its language from LANGUAGE (with Debian's
# chromium-l10n installed), and only then shows and takes a date field as ДД.ММ.ГГГГ.
CHROMIUM_ENV = {**os.environ, "LANGUAGE": "ru"}
REBUILT_AFTER_FLUSH = {"contenttypes.contenttype", "auth.permission"}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "e2e-screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def seeded_rows(django_db_setup):
    """What the data migrations seeded (forms of mentoring, the list of difficulties …), as
    Django serialized it when it created the test database.

    Taken before Playwright starts: its event loop gives the test a context of its own, where
    the connection object that holds this copy is not the one the test sees.
    """
    rows = json.loads(connections["default"]._test_serialized_contents)
    # Content types and permissions come back by themselves after each flush (post_migrate).
    return json.dumps([row for row in rows if row["model"] not in REBUILT_AFTER_FLUSH])


@pytest.fixture(scope="session")
def browser(seeded_rows):
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("CI"):
            pytest.fail(
                f"Chromium not found at {CHROMIUM}: CI must install it (apt-get install chromium)"
            )
        pytest.skip(f"Chromium not found at {CHROMIUM}: sudo apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS, env=CHROMIUM_ENV
        )
        yield browser
        browser.close()


@pytest.fixture
def page(seeded_rows, browser, live_server, django_db_serialized_rollback, request):
    """A fresh browser tab on the live server.

    A browser test commits for real and the database is emptied after it, seeded rows included;
    they are put back before each browser test (``django_db_serialized_rollback`` makes Django
    keep the copy, ``seeded_rows`` hands it to this context).
    """
    connections["default"].creation.deserialize_db_from_string(seeded_rows)
    context = browser.new_context(
        base_url=live_server.url,
        locale="ru-RU",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{request.node.name}.png", full_page=True)
    context.close()


@pytest.fixture
def login(page):
    """Log in through the real form: ``login("curator")``."""

    def log_in(username: str, password: str = PASSWORD):
        page.goto("/accounts/login/")
        page.get_by_label("Имя пользователя").fill(username)
        page.get_by_label("Пароль").fill(password)
        page.get_by_role("button", name="Войти").click()
        page.wait_for_url("**/")
        return page

    return log_in
