"""deploy/: the systemd units start the portal, its worker and the daily jobs with their own
command lines, and the nginx site serves it over TLS with the proxy headers DJANGO_BEHIND_PROXY
trusts, its static files, and never the uploads."""

import os
import shutil
import subprocess
import time

import pytest
import requests
from django.core.management import get_commands
from django.db import connection
from django_tasks_db.models import DBTaskResult

from mentoring_portal.tasks import DAILY_COMMANDS
from tests.deploy_units import (
    DEPLOY,
    INSTALLED_AT,
    commands,
    moved,
    nginx_main_config,
    nginx_site,
    read_unit,
    run_pre_commands,
    self_signed_certificate,
    unit_environment,
    values,
    working_directory,
)
from tests.live import LiveUser
from tests.production import (
    ROOT,
    Process,
    database_url,
    free_ports,
    production_password,
    wait_for,
)

# gunicorn, as nastavnik-web.service runs it, and nginx in front of it
PORT, HTTPS_PORT = free_ports(2)
PASSWORD = "школа-пароль-2026"
UNITS = (
    "nastavnik-web.service",
    "nastavnik-worker.service",
    "nastavnik-daily.service",
    "nastavnik-daily.timer",
)


def test_the_units_are_valid_for_systemd(tmp_path):
    """systemd-analyze verify: every key known, every value parsed, every command executable —
    with the units' /srv/nastavnik moved to this checkout."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (package systemd)")
    for name in UNITS:
        text = (DEPLOY / name).read_text(encoding="utf-8")
        # The user nastavnik exists only on the school's server.
        kept = [line for line in text.splitlines() if not line.startswith(("User=", "Group="))]
        (tmp_path / name).write_text(moved("\n".join(kept) + "\n", ROOT / "var"))
    result = subprocess.run(  # nosec B603
        [analyze, "verify", "--man=no", *(str(tmp_path / name) for name in UNITS)],
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_the_timer_queues_every_daily_job_once_a_day():
    timer = read_unit("nastavnik-daily.timer")
    assert values(timer, "Timer", "OnCalendar") == ["*-*-* 03:15:00"]
    assert values(timer, "Timer", "Persistent") == ["true"]
    assert values(timer, "Timer", "Unit") == ["nastavnik-daily.service"]
    daily = read_unit("nastavnik-daily.service")
    assert commands(daily, "ExecStart", ROOT / "var") == [
        [str(ROOT / ".venv/bin/python"), "manage.py", "daily_jobs"]
    ]
    assert set(DAILY_COMMANDS) == {"send_reminders", "anonymise_withdrawn", "expire_login_records"}
    assert set(DAILY_COMMANDS) <= set(get_commands())


def test_every_unit_runs_the_installed_portal_as_its_own_user():
    for name in UNITS[:3]:
        unit = read_unit(name)
        assert values(unit, "Service", "User") == ["nastavnik"], name
        assert values(unit, "Service", "WorkingDirectory") == [INSTALLED_AT], name
        assert values(unit, "Service", "ReadWritePaths") == [f"{INSTALLED_AT}/var"], name
        environment = " ".join(values(unit, "Service", "Environment"))
        assert "DJANGO_SETTINGS_MODULE=mentoring_portal.settings.base" in environment, name
        assert f"DJANGO_SECRET_KEY_FILE={INSTALLED_AT}/var/secret_key" in environment, name
        assert "DJANGO_DEBUG" not in environment, name


def test_the_nginx_site_serves_no_uploads():
    site = (DEPLOY / "nginx-nastavnik.conf").read_text(encoding="utf-8")
    directives = "\n".join(line.split("#")[0] for line in site.splitlines())
    assert "/media" not in directives
    assert "var/media" not in directives
    for header in (
        "X-Forwarded-Proto $scheme",
        "X-Forwarded-For $proxy_add_x_forwarded_for",
        "X-Real-IP $remote_addr",
        "Host $http_host",
    ):
        assert f"proxy_set_header {header};" in directives, header


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_units_and_the_nginx_site_serve_the_portal(world, tmp_path):
    nginx = shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")
    if nginx is None:
        pytest.skip("nginx is not installed (.ci/run installs it)")
    curator = world.user("curator")
    curator.password = production_password(PASSWORD)
    curator.save(update_fields=["password"])
    var = tmp_path / "var"
    static_root = ROOT / "var" / "test-staticfiles"  # shared with tests/production.py
    # What /etc/nastavnik/nastavnik.env sets on a server, and the test's port and database.
    overrides = {
        "DATABASE_URL": database_url(connection.settings_dict),
        "PORTAL_ADDRESS": f"127.0.0.1:{PORT}",
        "WEB_CONCURRENCY": "1",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    web = read_unit("nastavnik-web.service")
    worker = read_unit("nastavnik-worker.service")
    daily = read_unit("nastavnik-daily.service")
    web_env = unit_environment(web, var, **overrides)
    run_pre_commands(web, web_env, var)  # the key, migrate, collect-static
    assert (var / "secret_key").stat().st_mode & 0o777 == 0o600

    certificate, key = self_signed_certificate(tmp_path)
    site = tmp_path / "site.conf"
    site.write_text(
        nginx_site(
            static_root=static_root,
            upstream_port=PORT,
            https_port=HTTPS_PORT,
            http_socket=tmp_path / "http.sock",
            certificate=certificate,
            key=key,
        )
    )
    config = nginx_main_config(tmp_path, site)
    checked = subprocess.run(  # nosec B603
        [nginx, "-t", "-e", str(tmp_path / "error.log"), "-c", str(config)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr

    (web_start,) = commands(web, "ExecStart", var)
    (worker_start,) = commands(worker, "ExecStart", var)
    (daily_start,) = commands(daily, "ExecStart", var)
    worker_env = unit_environment(worker, var, **overrides)
    with (
        Process(
            web_start, web_env, tmp_path / "web.log", cwd=working_directory(web, var)
        ) as server,
        Process(
            worker_start, worker_env, tmp_path / "worker.log", cwd=working_directory(worker, var)
        ) as queue,
        Process(
            [nginx, "-e", str(tmp_path / "error.log"), "-c", str(config)],
            {},
            tmp_path / "nginx.log",
        ) as proxy,
    ):
        wait_for(f"http://127.0.0.1:{PORT}/healthz", server.process, server.log)
        base = f"https://127.0.0.1:{HTTPS_PORT}"
        wait_for_tls(base, certificate, proxy)

        browser = LiveUser(base)
        browser.http.verify = str(certificate)
        browser.http.trust_env = False  # REQUESTS_CA_BUNDLE would replace the certificate
        token = browser.csrf_token("/accounts/login/")
        # A form without its token: the portal's Russian page, not Django's English one.
        stale = browser.post("/accounts/login/", {"username": curator.username}, token="x" * 64)
        assert stale.status_code == 403
        assert "Форма устарела" in stale.text and "CSRF" not in stale.text
        # Django sees HTTPS (X-Forwarded-Proto from a trusted proxy): no redirect loop, a secure
        # session cookie, and the Referer check of HTTPS passes.
        login = browser.post(
            "/accounts/login/", {"username": curator.username, "password": PASSWORD}, token=token
        )
        assert login.status_code == 302, login.text[:500]
        session = next(cookie for cookie in browser.http.cookies if cookie.name == "sessionid")
        assert session.secure
        home = browser.get("/")
        assert home.status_code == 200
        assert world.people["curator"].last_name in home.text
        assert "Strict-Transport-Security" in home.headers
        # The client's address, from X-Forwarded-For / X-Real-IP, in the security log.
        assert f"login: user={curator.username} address=127.0.0.1" in server.output()

        # Plain HTTP is only a redirect to HTTPS (the port-80 server, on a socket here).
        plain = subprocess.run(  # nosec B603 B607
            [
                shutil.which("curl"),
                "-s",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code} %{redirect_url}",
                "--unix-socket",
                str(tmp_path / "http.sock"),
                "http://nastavnik.school.ru/people/",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert plain.stdout == "301 https://nastavnik.school.ru/people/"

        # Static files from nginx itself (not in gunicorn's log), hashed ones cached for good.
        stylesheet = _stylesheet(home.text)
        css = browser.http.get(f"{base}{stylesheet}", timeout=30)
        assert css.status_code == 200
        assert css.headers["Content-Type"].startswith("text/css")
        assert "immutable" in css.headers["Cache-Control"]
        time.sleep(0.5)
        assert stylesheet not in server.output()

        # Uploads: never served by nginx, even when the file is there.
        (var / "media" / "evidence").mkdir(parents=True)
        (var / "media" / "evidence" / "scan.pdf").write_bytes(b"%PDF-1.4 personal data")
        leaked = browser.http.get(f"{base}/media/evidence/scan.pdf", timeout=30)
        assert leaked.status_code == 404
        assert b"personal data" not in leaked.content

        # The timer's service queues the daily jobs; the worker runs them.
        queued = subprocess.run(  # nosec B603
            daily_start,
            cwd=working_directory(daily, var),
            env=unit_environment(daily, var, **overrides),
            capture_output=True,
            text=True,
            check=True,
        )
        assert "Поставлено в очередь: send_reminders" in queued.stdout
        finished = _wait_for_tasks(len(DAILY_COMMANDS), queue)
        assert finished == ["SUCCESSFUL"] * len(DAILY_COMMANDS), queue.output()

    assert server.process.returncode == 0, server.output()


def wait_for_tls(base: str, certificate, proxy: Process, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proxy.process.poll() is not None:
            raise AssertionError(f"nginx ended:\n{proxy.output()}")
        try:
            if requests.get(f"{base}/healthz", timeout=5, verify=str(certificate)).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise AssertionError(f"nginx did not answer in {seconds} s:\n{proxy.output()}")


def _wait_for_tasks(count: int, queue: Process, seconds: float = 120) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        statuses = list(
            DBTaskResult.objects.filter(finished_at__isnull=False).values_list("status", flat=True)
        )
        if len(statuses) >= count:
            return statuses
        if queue.process.poll() is not None:
            raise AssertionError(f"the worker ended:\n{queue.output()}")
        time.sleep(0.5)
    raise AssertionError(f"the worker finished fewer than {count} tasks:\n{queue.output()}")


def _stylesheet(page: str) -> str:
    import re

    match = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', page)
    assert match, "no hashed portal.css on the page"
    return match.group(1)


def test_the_containers_run_what_the_units_run():
    """Docker cannot build on this machine (no daemon): the image and compose.yaml are read, and
    their commands are the units' commands."""
    import yaml

    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) == {"db", "web", "worker"}
    assert services["web"]["command"] == ["web"]
    assert services["worker"]["command"] == ["worker"]
    assert services["db"]["image"] == "postgres:15"
    for name in ("web", "worker"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].endswith("@db:5432/nastavnik")
        assert environment["DJANGO_BEHIND_PROXY"] == "1"
        assert services[name]["volumes"] == ["portal-var:/srv/nastavnik/var"]

    start = (DEPLOY / "container-start").read_text(encoding="utf-8")
    web_start = values(read_unit("nastavnik-web.service"), "Service", "ExecStart")[0]
    assert web_start.replace(f"{INSTALLED_AT}/", "") in start
    assert "manage.py db_worker" in start and "manage.py daily_jobs" in start
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install --no-cache-dir -r requirements.txt" in dockerfile
    assert 'ENTRYPOINT ["deploy/container-start"]' in dockerfile
