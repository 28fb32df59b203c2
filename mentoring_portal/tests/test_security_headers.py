"""Headers on every response and the production configuration."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **variables):
    """Run manage.py in a clean environment: only the DJANGO_* variables given here."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(DJANGO_SETTINGS_MODULE="mentoring_portal.settings.base", **variables)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_headers_on_the_login_page(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_private_pages_are_not_stored(world, client):
    client.force_login(world.user("curator"))
    response = client.get("/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_pages_have_no_inline_scripts(world, client):
    client.force_login(world.user("curator"))
    content = client.get("/").content.decode()
    assert "<script>" not in content
    assert " style=" not in content


def test_deploy_check_passes_with_production_variables():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-production-secret-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="nastavnik.example.ru",
    )
    assert result.returncode == 0, result.stderr


def test_a_bad_boolean_stops_the_start():
    result = _manage("check", DJANGO_SECRET_KEY="k" * 60, DJANGO_DEBUG="ture")
    assert result.returncode != 0
    assert "DJANGO_DEBUG='ture' is not a boolean" in result.stderr


def test_missing_secret_key_stops_the_start():
    result = _manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr
