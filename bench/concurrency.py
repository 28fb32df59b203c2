"""Many people at the same moment, through a real server: questionnaire submissions and order
signings, 24/48/96 at once. Reports stored, failed and the 95th percentile of the answer time.

Run by hand (not in CI); each run makes a scratch database and starts ``manage.py runserver``
(what ``bin/start`` runs) on port 8102:

    .venv/bin/python bench/concurrency.py                       # SQLite file, the portal's settings
    .venv/bin/python bench/concurrency.py --untuned             # SQLite with Django's stock options
    .venv/bin/python bench/concurrency.py --postgres postgres://postgres@127.0.0.1:5432/hb_bench
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SIZES = (24, 48, 96)


def environment(database_url: str, untuned: bool) -> dict:
    """What ``bin/start`` runs (the dev settings, ``runserver``), on a scratch database."""
    settings = "bench.untuned_settings" if untuned else "mentoring_portal.settings.dev"
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": settings}
    if database_url.startswith("postgres"):
        # runserver gives every request a thread of its own: a persistent connection outlives
        # its thread, and 2 × 96 requests would exhaust PostgreSQL's 100 connections.
        env.setdefault("DJANGO_DB_CONN_MAX_AGE", "0")
    return env


class Scenario:
    """One school: for each size, a campaign with that many teachers and that many orders
    waiting for the director's signature."""

    def __init__(self, base_url: str, sizes: list[int]):
        self.base_url = base_url
        self.sizes = sizes
        self.campaigns = {}
        self.orders = {}

    def build(self):
        from monitoring.tests.factories import open_campaign
        from pairs import services
        from pairs.models import OrderKind
        from participants.models import Role
        from tests.factories import OrganisationFactory, make_member

        school = OrganisationFactory(short_name="МАОУ гимназия № 2")
        self.director = make_member(school, "director", Role.DIRECTOR).user
        for size in self.sizes:
            teachers = [make_member(school, f"t{size}-{i}", Role.TEACHER) for i in range(size)]
            self.campaigns[size] = open_campaign(school, people=teachers)
            self.orders[size] = []
            for _ in range(size):
                order = services.order_create(
                    organisation=school, kind=OrderKind.FINAL_EVENT, by=None, pairs=[]
                )
                self.orders[size].append(services.order_submit(order=order, by=None))

    def wait_for_server(self):
        import requests

        for _ in range(120):
            try:
                requests.get(self.base_url + "/accounts/login/", timeout=2)
                return
            except requests.ConnectionError:
                time.sleep(0.5)
        raise SystemExit("the server did not start")

    def submissions(self, size: int):
        from monitoring.models import Response
        from monitoring.tests.factories import post_data
        from tests.live import LiveUser, simultaneously

        campaign = self.campaigns[size]
        path = f"/monitoring/campaigns/{campaign.pk}/answer/"
        data = post_data(campaign)
        people = [
            invitation.person for invitation in campaign.invitations.select_related("person__user")
        ]
        browsers = [LiveUser.logged_in(self.base_url, person.user) for person in people]
        tokens = [browser.csrf_token(path) for browser in browsers]
        outcome = simultaneously(
            lambda b=b, t=t: b.post(path, data, token=t)
            for b, t in zip(browsers, tokens, strict=True)
        )
        stored = Response.objects.filter(campaign=campaign).count()
        return stored, len(outcome.failed(ok=(302,))), outcome.p95()

    def signings(self, size: int):
        from pairs.models import Order
        from tests.live import LiveUser, simultaneously

        orders = self.orders[size]
        browsers = [LiveUser.logged_in(self.base_url, self.director) for _ in orders]
        tokens = [
            b.csrf_token(f"/pairs/orders/{o.pk}/") for b, o in zip(browsers, orders, strict=True)
        ]
        outcome = simultaneously(
            lambda b=b, t=t, o=o: b.post(f"/pairs/orders/{o.pk}/sign/", {}, token=t)
            for b, t, o in zip(browsers, tokens, orders, strict=True)
        )
        stored = Order.objects.filter(
            pk__in=[o.pk for o in orders], status=Order.Status.SIGNED
        ).count()
        return stored, len(outcome.failed(ok=(302,))), outcome.p95()


def recreate_postgres(database_url: str) -> None:
    import dj_database_url
    import psycopg2
    from psycopg2 import sql

    params = dj_database_url.parse(database_url)
    admin = psycopg2.connect(
        dbname="postgres",
        user=params["USER"],
        password=params["PASSWORD"],
        host=params["HOST"],
        port=params["PORT"] or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        name = sql.Identifier(params["NAME"])
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(name))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    admin.close()


def report(label, scenario, sizes, log) -> None:
    from django.db import connection

    print(f"{label}  (server log: {log})")
    print(f"{'scenario':<28}{'at once':>8}{'stored':>8}{'failed':>8}{'p95, s':>9}")
    for size in sizes:
        for title, run in (
            ("questionnaire submissions", scenario.submissions),
            ("order signings", scenario.signings),
        ):
            stored, failed, p95 = run(size)
            print(f"{title:<28}{size:>8}{stored:>8}{failed:>8}{p95:>9.2f}", flush=True)
            connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL database to (re)create")
    parser.add_argument("--untuned", action="store_true", help="SQLite with Django's defaults")
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-concurrency-"))
    if args.postgres:
        database_url = args.postgres
        recreate_postgres(database_url)
    else:
        database_url = f"sqlite:///{scratch / 'db.sqlite3'}"
    env = environment(database_url, args.untuned)
    os.environ.update(env)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True)  # noqa: S603

    import django

    django.setup()
    import logging

    from django.db import connection

    for noisy in ("axes", "mentoring_portal.security"):  # a log line per session made below
        logging.getLogger(noisy).setLevel(logging.WARNING)
    sizes = [int(size) for size in args.sizes.split(",")]
    scenario = Scenario(f"http://127.0.0.1:{args.port}", sizes)
    scenario.build()
    connection.close()

    if args.postgres:
        label = "PostgreSQL"
    else:
        label = "SQLite, Django's defaults" if args.untuned else "SQLite, the portal's settings"
    log = scratch / "server.log"
    with open(log, "w") as server_log:
        server = subprocess.Popen(  # noqa: S603 - our own manage.py, no shell
            [*manage, "runserver", f"127.0.0.1:{args.port}", "--noreload"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=server_log,
        )
        try:
            scenario.wait_for_server()
            report(label, scenario, sizes, log)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
