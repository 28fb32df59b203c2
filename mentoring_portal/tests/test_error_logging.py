"""A server error in production is logged with its traceback and e-mailed to DJANGO_ADMINS."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from mentoring_portal.env import env_admins
from mentoring_portal.tests.test_security_headers import _manage

# Runs inside `manage.py shell` under the production settings (base.py, DJANGO_DEBUG=0).
REQUEST_A_FAILING_PAGE = """
from django.core import mail
from django.test import Client, override_settings
from django.conf import settings
# No collectstatic here: the 500 page takes its CSS address without the manifest.
storages = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(ROOT_URLCONF="mentoring_portal.tests.failing_urls", STORAGES=storages):
    response = Client(raise_request_exception=False).get(
        "/fail/", secure=True, HTTP_HOST="nastavnik.example.ru"
    )
print("status", response.status_code)
for message in getattr(mail, "outbox", []):  # made by the first letter
    print("mail to", message.to, message.subject)
"""


def _request_failing_page(**variables):
    return _manage(
        "shell",
        "--no-imports",
        "-c",
        REQUEST_A_FAILING_PAGE,
        DJANGO_SECRET_KEY="a-production-secret-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="nastavnik.example.ru",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        **variables,
    )


def test_a_production_500_is_logged_with_its_traceback():
    result = _request_failing_page()
    assert "status 500" in result.stdout, result.stderr
    # One line for the journal: level, logger, the request and the whole traceback.
    (line,) = [line for line in result.stderr.splitlines() if "logger=django.request" in line]
    assert line.startswith("time=")
    assert " level=ERROR logger=django.request method=GET path=/fail/ status=500 " in line
    assert 'message="Internal Server Error: /fail/"' in line
    assert 'traceback="Traceback (most recent call last):\\n' in line
    assert "RuntimeError: Сбой для проверки журнала ошибок" in line
    assert "mail to" not in result.stdout  # nobody to tell


def test_the_log_can_be_json_for_a_collector():
    result = _request_failing_page(DJANGO_LOG_FORMAT="json")
    assert "status 500" in result.stdout, result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    (record,) = [record for record in records if record["logger"] == "django.request"]
    assert record["level"] == "ERROR"
    assert record["path"] == "/fail/"
    assert record["status"] == 500
    assert record["traceback"].startswith("Traceback (most recent call last):\n")
    assert "RuntimeError: Сбой для проверки журнала ошибок" in record["traceback"]


def test_a_bad_log_format_stops_the_start():
    result = _manage("check", DJANGO_SECRET_KEY="k" * 60, DJANGO_LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "DJANGO_LOG_FORMAT='xml' is not one of" in result.stderr


def test_a_production_500_is_mailed_to_the_admins():
    result = _request_failing_page(
        DJANGO_ADMINS="Иванов И. И. <it@school.example.ru>, duty@school.example.ru"
    )
    assert "status 500" in result.stdout, result.stderr
    assert "mail to ['it@school.example.ru', 'duty@school.example.ru']" in result.stdout
    assert "Traceback (most recent call last)" in result.stderr


def test_admins_are_read_as_name_and_address(monkeypatch):
    monkeypatch.setenv("DJANGO_ADMINS", "Иванов И. И. <it@school.ru>, duty@school.ru")
    assert env_admins("DJANGO_ADMINS") == [
        ("Иванов И. И.", "it@school.ru"),
        ("duty@school.ru", "duty@school.ru"),
    ]
    monkeypatch.delenv("DJANGO_ADMINS")
    assert env_admins("DJANGO_ADMINS") == []


@pytest.mark.parametrize(
    "value", ["it-school.ru", "Иванов <it@school.ru", "Иванов it@school.ru", "a@b.ru b@c.ru"]
)
def test_a_bad_admins_value_stops_the_start(monkeypatch, value):
    monkeypatch.setenv("DJANGO_ADMINS", value)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ADMINS"):
        env_admins("DJANGO_ADMINS")


def test_a_bad_admins_value_stops_manage_py():
    result = _manage("check", DJANGO_SECRET_KEY="k" * 60, DJANGO_ADMINS="it-school.ru")
    assert result.returncode != 0
    assert "DJANGO_ADMINS" in result.stderr
