"""Pages per second through a production server: gunicorn (4 workers, DEBUG off, the portal's
production settings) and ``ab -c 8``, a logged-in curator, against the people list (50 rows), a
pair's page, and the floor: bare views serving the same rows through the same middleware
(bench/http_urls.py). Reports req/s, p95, failures, CPU per request, the ratio to the floor, and
each worker's memory before its first request and after the run.

Run by hand (not in CI); each run makes a scratch database (SQLite file, or the PostgreSQL database
given, dropped and created again) and starts gunicorn on port 8131:

    .venv/bin/python bench/http_throughput.py
    .venv/bin/python bench/http_throughput.py --postgres postgres://postgres@127.0.0.1:5432/h3

Needs ``ab`` (apt-get install apache2-utils).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
PEOPLE = 60  # more than a page: the list shows its first 50


def environment(database_url: str, scratch: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.http_settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # ab speaks plain HTTP; TLS is nginx's
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_TASKS_BACKEND": "immediate",
        "DJANGO_STATIC_ROOT": str(scratch / "static"),
        "DJANGO_MEDIA_ROOT": str(scratch / "media"),
    }


def build():
    """One school with a curator, PEOPLE people with a consent each, and one pair."""
    from pairs.tests.factories import give_consent, make_pair
    from participants.models import Role
    from tests.factories import OrganisationFactory, PersonFactory, make_member

    school = OrganisationFactory(short_name="МАОУ гимназия № 2")
    curator = make_member(school, "curator", Role.CURATOR).user
    for _ in range(PEOPLE):
        give_consent(PersonFactory(organisation=school))
    pair = make_pair(school, by=curator)
    return curator, pair


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def ab(url: str, cookie: str | None, requests: int, concurrency: int) -> dict:
    """``ab``'s figures for ``url``, logged in by the session ``cookie`` (None: anonymous)."""
    login = ["-C", cookie] if cookie else []
    out = subprocess.run(  # noqa: S603 - ab from the PATH, our own arguments
        ["ab", "-q", "-n", str(requests), "-c", str(concurrency), *login, url],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def number(pattern, default=0.0):
        match = re.search(pattern, out, re.MULTILINE)
        return float(match.group(1)) if match else default

    return {
        "rate": number(r"^Requests per second:\s+([\d.]+)"),
        "p95": number(r"^\s+95%\s+(\d+)"),
        "failed": int(
            number(r"^Failed requests:\s+(\d+)") + number(r"^Non-2xx responses:\s+(\d+)")
        ),
        "bytes": int(number(r"^Document Length:\s+(\d+)")),
    }


def wait_for(url: str) -> None:
    import requests

    for _ in range(240):
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:  # refused, or too slow to answer on a busy machine
            time.sleep(0.25)
    raise SystemExit("gunicorn did not start")


def recreate_postgres(database_url: str) -> None:
    from concurrency import recreate_postgres as recreate

    recreate(database_url)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL database to (re)create")
    parser.add_argument("--port", type=int, default=8131)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-http-"))
    if args.postgres:
        database_url = args.postgres
        recreate_postgres(database_url)
    else:
        database_url = f"sqlite:///{scratch / 'db.sqlite3'}"
    env = environment(database_url, scratch)
    os.environ.update(env)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True)  # noqa: S603
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env, check=True)  # noqa: S603

    import django

    django.setup()
    import logging

    from django.db import connection

    for noisy in ("axes", "mentoring_portal.security"):  # a log line per login made below
        logging.getLogger(noisy).setLevel(logging.WARNING)
    curator, pair = build()
    cookie = session_cookie(curator)
    connection.close()

    base = f"http://127.0.0.1:{args.port}"
    pages = {
        "people list": "/people/",
        "floor: people": "/bench/floor/people/",
        "pair detail": f"/pairs/{pair.pk}/",
        "floor: pair": f"/bench/floor/pairs/{pair.pk}/",
    }
    log = scratch / "gunicorn.log"
    gunicorn = [sys.executable, "-m", "gunicorn", "mentoring_portal.wsgi:application"]
    with open(log, "w") as server_log:
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn, no shell
            [*gunicorn, "-w", str(args.workers), "-b", f"127.0.0.1:{args.port}"],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=server_log,
        )
        try:
            time.sleep(3)
            workers = worker_pids(server.pid)
            for _ in range(60):  # every worker has booted (loaded the application)
                workers = worker_pids(server.pid)
                if len(workers) == args.workers and all(rss_mib(w) > 40 for w in workers):
                    break
                time.sleep(0.5)
            time.sleep(2)
            boot_rss = [rss_mib(w) for w in workers]
            wait_for(base + "/healthz")
            for path in pages.values():  # every worker has served each page once
                ab(base + path, cookie, args.workers * 10, args.workers)
            results = {name: [] for name in pages}
            cpu = {name: [] for name in pages}
            for _ in range(args.rounds):
                for name, path in pages.items():
                    before = cpu_seconds(workers)
                    outcome = ab(base + path, cookie, args.requests, args.concurrency)
                    cpu[name].append((cpu_seconds(workers) - before) / args.requests * 1000)
                    results[name].append(outcome)
            after_rss = [rss_mib(w) for w in worker_pids(server.pid)]
        finally:
            server.terminate()
            server.wait(timeout=30)
    label = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"{label}: gunicorn {args.workers} workers, ab -c {args.concurrency} -n {args.requests}, "
    )
    print(f"{args.rounds} rounds, median (server log: {log})")
    print(f"worker RSS before the first request: {', '.join(f'{r:.0f}' for r in boot_rss)} MiB")
    print(f"worker RSS after the run:            {', '.join(f'{r:.0f}' for r in after_rss)} MiB")
    print(
        f"{'page':<16}{'req/s':>8}{'p95 ms':>8}{'failed':>8}{'CPU ms':>8}{'bytes':>8}{'ratio':>7}"
    )
    median = {name: statistics.median(r["rate"] for r in results[name]) for name in pages}
    floors = {"people list": "floor: people", "pair detail": "floor: pair"}
    for name in pages:
        rows = results[name]
        ratio = median[name] / median[floors[name]] if name in floors else 1.0
        print(
            f"{name:<16}{median[name]:>8.0f}{statistics.median(r['p95'] for r in rows):>8.0f}"
            f"{sum(r['failed'] for r in rows):>8}{statistics.median(cpu[name]):>8.1f}"
            f"{rows[0]['bytes']:>8}{ratio:>7.2f}"
        )


if __name__ == "__main__":
    main()
