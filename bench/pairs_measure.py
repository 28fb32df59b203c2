"""Measure the pairs app: queries of the list pages for 5 and 50 pairs, the render time of a
signed order's PDF and the time of its download afterwards. Run against a scratch database:

    DATABASE_URL=sqlite:////tmp/bench_pairs.sqlite3 .venv/bin/python bench/pairs_measure.py
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from pairs import services  # noqa: E402
from pairs.tests.factories import make_pair  # noqa: E402
from participants.models import Role  # noqa: E402
from tests.factories import OrganisationFactory, make_member  # noqa: E402

PAGES = ["pairs:pair_list", "pairs:order_list", "pairs:program_progress", "pairs:proposal"]


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def main():
    call_command("migrate", verbosity=0)
    school = OrganisationFactory()
    curator = make_member(school, f"bench-curator-{time.time_ns()}", Role.CURATOR)
    client = Client()
    client.force_login(curator.user)
    counts = {}
    for size in (5, 50):
        while len(counts.get("pairs", [])) < size:
            pair = make_pair(school)
            services.program_create(pair=pair)
            counts.setdefault("pairs", []).append(pair)
        print(f"{size} pairs: " + ", ".join(f"{n} {queries(client, reverse(n))}" for n in PAGES))
    pairs = counts["pairs"][:30]
    order = services.order_create(organisation=school, kind="pairs", by=None, pairs=pairs)
    services.order_submit(order=order, by=None)
    started = time.perf_counter()
    order = services.order_sign(order=order, by=None)
    signing = time.perf_counter() - started
    director = make_member(school, f"bench-director-{time.time_ns()}", Role.DIRECTOR)
    client.force_login(director.user)
    url = reverse("pairs:order_download", kwargs={"pk": order.pk})
    client.get(url)
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.content == order.pdf_bytes()
    print(f"signing an order of 30 pairs (render + store): {signing * 1000:.0f} ms, "
          f"PDF {len(order.pdf_bytes()) // 1024} KiB")  # fmt: skip
    print(f"download of the signed PDF: median {sorted(timings)[10] * 1000:.1f} ms, "
          f"max {max(timings) * 1000:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
