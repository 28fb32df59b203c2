"""The portal as a school or a region runs it, for the tests: gunicorn with deploy/gunicorn.conf.py
and the production settings (base.py, DEBUG off, whitenoise, the secret key from a file), in its
own process, over the test database.

A test that starts one needs the data committed (``transactional_db``) and its own port of
8110–8119.
"""

import os
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"


def free_ports(count: int = 1) -> tuple[int, ...]:
    """Ports nothing listens on now, all different: held open together, then released. A fixed
    port collides with the other xdist worker's server, or with a developer's."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return tuple(probe.getsockname()[1] for probe in probes)
    finally:
        for probe in probes:
            probe.close()


def database_url(settings_dict: dict) -> str:
    """DATABASE_URL for the database Django is connected to (the test database)."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    if engine.endswith("postgresql"):
        user = quote(settings_dict.get("USER") or "")
        password = settings_dict.get("PASSWORD")
        credentials = f"{user}:{quote(password)}@" if password else f"{user}@" if user else ""
        host = settings_dict.get("HOST") or "127.0.0.1"
        port = settings_dict.get("PORT") or 5432
        return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"
    raise AssertionError(f"no DATABASE_URL for {engine}")


def production_environment(var_dir: Path, port: int, database: str, **variables) -> dict:
    """The environment of a production process: none of the test run's DJANGO_* variables, the
    settings of base.py, the key in var_dir/secret_key, plain HTTP (as bin/start serves it)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_")
        and name not in {"DATABASE_URL", "PORTAL_ADDRESS", "WEB_CONCURRENCY"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="mentoring_portal.settings.base",
        DJANGO_VAR_DIR=str(var_dir),
        DJANGO_SECRET_KEY_FILE=str(var_dir / "secret_key"),
        # Shared by every test: see collect_static.
        DJANGO_STATIC_ROOT=str(ROOT / "var" / "test-staticfiles"),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_HSTS_SECONDS="0",
        DATABASE_URL=database,
        PORTAL_ADDRESS=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(variables)
    return env


def production_password(raw: str) -> str:
    """A password hash the production settings accept (the tests' MD5 is not among theirs)."""
    return PBKDF2PasswordHasher().encode(raw, "productionsalt", iterations=1000)


def wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            ended = f"{url}: the server ended ({process.returncode})"
            raise AssertionError(f"{ended}:\n{log.read_text()}")
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer 200 in {seconds} s:\n{log.read_text()}")


class Process:
    """A command started in its own session, stopped with SIGTERM (then SIGKILL) on exit; its
    output goes to ``log``."""

    def __init__(self, command: list[str], env: dict, log: Path, cwd: Path = ROOT):
        self.command, self.env, self.log, self.cwd = command, env, log, cwd

    def __enter__(self) -> "Process":
        self._out = self.log.open("ab")
        self.process = subprocess.Popen(  # nosec B603 - our own command lines
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()
        self._out.close()
        return self.process.returncode

    def __exit__(self, *exc_info) -> None:
        self.stop()


def gunicorn(env: dict, log: Path) -> Process:
    """gunicorn exactly as bin/start runs it."""
    return Process(
        [str(VENV_BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "mentoring_portal.wsgi"],
        env,
        log,
    )


def collect_static(env: dict) -> None:
    """bin/collect-static, as bin/start runs it, into the one directory every test shares (the
    compressed copies take a minute to make; the script makes them again only when static/
    changes)."""
    subprocess.run(  # nosec B603
        [str(ROOT / "bin" / "collect-static")],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
