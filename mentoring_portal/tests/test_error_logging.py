"""A server error in production is logged with its traceback and e-mailed to DJANGO_ADMINS."""

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
for message in mail.outbox:
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
    assert "ERROR django.request Internal Server Error: /fail/" in result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: Сбой для проверки журнала ошибок" in result.stderr
    assert "mail to" not in result.stdout  # nobody to tell


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
