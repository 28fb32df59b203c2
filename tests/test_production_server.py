"""The portal under the production server bin/start runs: gunicorn with deploy/gunicorn.conf.py,
DEBUG off, static files through whitenoise, Russian error pages, no uploads served, and a secret
key that bin/start makes once (mode 600) and every later start reuses."""

import stat
import subprocess

import pytest
import requests
from django.db import connection

from tests.live import LiveUser
from tests.production import (
    ROOT,
    VENV_BIN,
    collect_static,
    database_url,
    free_ports,
    gunicorn,
    production_environment,
    production_password,
    wait_for,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
(PORT,) = free_ports()
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "школа-пароль-2026"


def make_secret_key(env) -> str:
    """What bin/start runs before the server."""
    result = subprocess.run(  # nosec B603
        [VENV_BIN / "python", "-m", "mentoring_portal.secret_key", env["DJANGO_SECRET_KEY_FILE"]],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def log_in(base: str, username: str) -> LiveUser:
    browser = LiveUser(base)
    token = browser.csrf_token("/accounts/login/")
    response = browser.post(
        "/accounts/login/", {"username": username, "password": PASSWORD}, token=token
    )
    assert response.status_code == 302, response.text[:500]
    assert response.headers["Location"] == "/"
    return browser


def test_production_server_serves_a_school_safely(world, tmp_path):
    curator = world.user("curator")
    curator.password = production_password(PASSWORD)
    curator.save(update_fields=["password"])
    var = tmp_path / "var"
    env = production_environment(var, PORT, database_url(connection.settings_dict))
    key_file = var / "secret_key"

    assert "Создан секретный ключ" in make_secret_key(env)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text()
    collect_static(env)

    with gunicorn(env, tmp_path / "gunicorn.log") as server:
        wait_for(f"{BASE}/healthz", server.process, server.log)
        # /healthz over plain HTTP, without a session: no redirect, no cookie.
        health = requests.get(f"{BASE}/healthz", timeout=30, allow_redirects=False)
        assert (health.status_code, health.text, health.cookies.keys()) == (200, "ok\n", [])

        # A wrong address: the portal's Russian page, not Django's debug page with every URL.
        missing = requests.get(f"{BASE}/no-such-page/", timeout=30)
        assert missing.status_code == 404
        assert "Страница не найдена" in missing.text
        assert "URLconf" not in missing.text and "DEBUG" not in missing.text

        # Uploads are never served by URL, not even a file that is there.
        (var / "media" / "evidence").mkdir(parents=True)
        (var / "media" / "evidence" / "scan.pdf").write_bytes(b"%PDF-1.4 personal data")
        leaked = requests.get(f"{BASE}/media/evidence/scan.pdf", timeout=30)
        assert leaked.status_code == 404
        assert b"personal data" not in leaked.content

        # Static files through whitenoise, under their hashed names, cached for good.
        browser = log_in(BASE, curator.username)
        home = browser.get("/")
        assert home.status_code == 200
        assert world.people["curator"].last_name in home.text
        css = requests.get(f"{BASE}{_stylesheet(home.text)}", timeout=30)
        assert css.status_code == 200
        assert css.headers["Content-Type"].startswith("text/css")
        assert "immutable" in css.headers["Cache-Control"]

        # A page of another role: the Russian 403.
        forbidden = log_in(BASE, _as_teacher(world)).get("/people/")
        assert forbidden.status_code == 403
        assert "Доступ запрещён" in forbidden.text
    assert "level=INFO logger=gunicorn.error" in server.output()

    # The next start keeps the key: the file is untouched and the session made before still works.
    assert make_secret_key(env) == ""
    assert key_file.read_text() == key
    with gunicorn(env, tmp_path / "gunicorn-2.log") as server:
        wait_for(f"{BASE}/healthz", server.process, server.log)
        assert browser.get("/").status_code == 200


def _stylesheet(page: str) -> str:
    import re

    match = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', page)
    assert match, "no hashed portal.css on the page"
    return match.group(1)


def _as_teacher(world) -> str:
    teacher = world.user("teacher")
    teacher.password = production_password(PASSWORD)
    teacher.save(update_fields=["password"])
    return teacher.username
