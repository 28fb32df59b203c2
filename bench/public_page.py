"""Requests per second of the school's public section served from the cache: gunicorn (4 workers,
production settings, DEBUG off) and ``ab -c 8`` with no cookie, against the demo school's section
page and its roadmap page, and the floor: a bare view doing the same one query (the section's
stamp) and answering as many bytes through the same middleware (bench/public_urls.py). Also the
first, uncached build of each page. Reports req/s, p95, failures, CPU per request and the ratio
to the floor.

Run by hand (not in CI); it makes a scratch SQLite database with the demo data (or uses the
PostgreSQL database given, dropped and created again) and starts gunicorn on port 8132:

    .venv/bin/python bench/public_page.py
    .venv/bin/python bench/public_page.py --postgres postgres://postgres@127.0.0.1:5432/h19

Needs ``ab`` (apt-get install apache2-utils).
"""

import argparse
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

from http_throughput import (  # noqa: E402
    ab,
    cpu_seconds,
    environment,
    recreate_postgres,
    rss_mib,
    wait_for,
    worker_pids,
)


def first_build_ms(url: str) -> float:
    import requests

    started = time.perf_counter()
    response = requests.get(url, timeout=60)
    response.raise_for_status()
    assert "Set-Cookie" not in response.headers, "a public page set a cookie"
    return (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL database to (re)create")
    parser.add_argument("--port", type=int, default=8132)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-public-"))
    if args.postgres:
        database_url = args.postgres
        recreate_postgres(database_url)
    else:
        database_url = f"sqlite:///{scratch / 'db.sqlite3'}"
    env = {**environment(database_url, scratch), "DJANGO_SETTINGS_MODULE": "bench.public_settings"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_demo"]):
        subprocess.run(  # noqa: S603 - our own manage.py
            [*manage, *command, "-v", "0"], env=env, check=True, stdout=subprocess.DEVNULL
        )

    slug = "gimnaziya-2-asino"
    base = f"http://127.0.0.1:{args.port}"
    section = f"/s/{slug}/"
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
            wait_for(base + "/healthz")
            workers = worker_pids(server.pid)
            import requests

            started = time.perf_counter()
            html = requests.get(base + section, timeout=60).text  # a miss: nothing built yet
            builds = {"section page": (time.perf_counter() - started) * 1000}
            roadmap = re.search(rf'href="(/s/{slug}/roadmap/\d+/)"', html).group(1)
            builds["roadmap page"] = first_build_ms(base + roadmap)
            pages = {"section page": section, "roadmap page": roadmap}
            sizes = {
                name: len(requests.get(base + path, timeout=60).content)
                for name, path in pages.items()
            }
            pages["floor: section"] = f"/bench/floor/public/{slug}/{sizes['section page']}/"
            pages["floor: roadmap"] = f"/bench/floor/public/{slug}/{sizes['roadmap page']}/"
            for path in pages.values():  # every worker has its cached copy of each page
                ab(base + path, None, args.workers * 20, args.workers)
            results = {name: [] for name in pages}
            cpu = {name: [] for name in pages}
            for _ in range(args.rounds):
                for name, path in pages.items():
                    before = cpu_seconds(workers)
                    results[name].append(ab(base + path, None, args.requests, args.concurrency))
                    cpu[name].append((cpu_seconds(workers) - before) / args.requests * 1000)
            rss = [rss_mib(w) for w in worker_pids(server.pid)]
        finally:
            server.terminate()
            server.wait(timeout=30)
    label = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{label}: gunicorn {args.workers} workers, ab -c {args.concurrency} -n {args.requests},")
    print(f"{args.rounds} rounds, median, no cookie (server log: {log})")
    print(f"worker RSS after the run: {', '.join(f'{r:.0f}' for r in rss)} MiB")
    for name in ("section page", "roadmap page"):
        print(f"first build (cache miss, one worker) of the {name}: {builds[name]:.0f} ms")
    print(
        f"{'page':<16}{'req/s':>8}{'p95 ms':>8}{'failed':>8}{'CPU ms':>8}{'bytes':>8}{'ratio':>7}"
    )
    median = {name: statistics.median(r["rate"] for r in results[name]) for name in pages}
    floors = {"section page": "floor: section", "roadmap page": "floor: roadmap"}
    for name in pages:
        rows = results[name]
        ratio = median[name] / median[floors[name]] if name in floors else 1.0
        print(
            f"{name:<16}{median[name]:>8.0f}{statistics.median(r['p95'] for r in rows):>8.0f}"
            f"{sum(r['failed'] for r in rows):>8}{statistics.median(cpu[name]):>8.2f}"
            f"{rows[0]['bytes']:>8}{ratio:>7.2f}"
        )


if __name__ == "__main__":
    main()
