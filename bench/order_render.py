"""Render time of the demo's orders as PDF: the signed pairs order (with its appendix and the
«ознакомлены» sheet) and the draft preview of every other kind. Run against a scratch database
(the demo is loaded into it when absent):

    DATABASE_URL=sqlite:////tmp/bench_orders.sqlite3 .venv/bin/python bench/order_render.py

Prints the median of ``ROUNDS`` renders per document, in milliseconds.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings.dev")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from pairs import services  # noqa: E402
from pairs.documents import order_pdf  # noqa: E402
from pairs.models import Order, OrderKind  # noqa: E402
from participants.models import Organisation  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "5"))


def timed(render) -> float:
    render()  # warm: fonts, templates
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        render()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main():
    call_command("migrate", verbosity=0)
    if not get_user_model().objects.filter(username="director").exists():
        call_command("load_demo", verbosity=0)
    school = Organisation.objects.get(people__user__username="curator")
    signed = Order.objects.filter(organisation=school, status=Order.Status.SIGNED).first()
    print(f"signed {signed.kind}: {timed(lambda: order_pdf(signed)):.0f} ms")
    for kind in OrderKind:
        draft = Order.objects.filter(organisation=school, kind=kind).exclude(
            status=Order.Status.SIGNED
        ).first() or services.order_create(organisation=school, kind=kind, by=None)
        print(f"draft {kind}: {timed(lambda d=draft: order_pdf(d, draft=True)):.0f} ms")


if __name__ == "__main__":
    main()
