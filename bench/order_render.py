"""Render time of the demo's documents as PDF, each against a WeasyPrint floor measured in the
same run: the signed pairs order (with its appendix and the «ознакомлены» sheet), the draft
preview of every kind of order, the approved roadmap, the personalised program and the analytical
report (approved and draft). Run against a scratch database (the demo is loaded into it when
absent):

    DATABASE_URL=sqlite:////tmp/bench_orders.sqlite3 .venv/bin/python bench/order_render.py \
        --label "machine loaded by 7 engineers"

The floor of a document is WeasyPrint alone turning the very HTML the portal produced for it
(same size, same pages, the same stylesheets and fonts read from ``static/``) into a PDF: no
template, no query, no Django URL fetcher. What a document costs above its floor is the portal's
own work (queries, the template, declension); the ratio says how far from WeasyPrint's own cost
a document is. Prints the median of ``ROUNDS`` renders per document, in milliseconds.
"""

import argparse
import io
import mimetypes
import os
import re
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings.dev")

import django

django.setup()

import weasyprint  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from monitoring.models import MonitoringYear  # noqa: E402
from monitoring.views.years import year_report_document  # noqa: E402
from pairs import services  # noqa: E402
from pairs.documents import order_pdf, program_pdf  # noqa: E402
from pairs.models import Order, OrderKind, Program  # noqa: E402
from participants.models import Organisation  # noqa: E402
from roadmap.documents import roadmap_pdf  # noqa: E402
from roadmap.models import Roadmap  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "5"))
STATIC_LINK = re.compile(
    r"(https://portal\.invalid)?" + re.escape(settings.STATIC_URL) + r"""([^"')\s]+)"""
)


def timed(*renders) -> list[float]:
    """The median time of each render, in ms; the renders take turns round by round, so a
    burst of load on the shared machine falls on the document and its floor alike."""
    for render in renders:
        render()  # warm: fonts, templates
    times = [[] for _ in renders]
    for _ in range(ROUNDS):
        for render, spent in zip(renders, times, strict=True):
            started = time.perf_counter()
            render()
            spent.append((time.perf_counter() - started) * 1000)
    return [statistics.median(spent) for spent in times]


def html_of(render) -> str:
    """The HTML the portal hands WeasyPrint for a document (caught at ``weasyprint.HTML``)."""
    caught = []
    real = weasyprint.HTML

    def catching(*args, **kwargs):
        caught.append(kwargs.get("string"))
        return real(*args, **kwargs)

    with mock.patch.object(weasyprint, "HTML", catching):
        render()
    return caught[-1]


def static_copy(html: str) -> str:
    """The same HTML with its static links turned into the files behind them (``file://``):
    WeasyPrint's own fetcher reads them, as it would for a page saved to disk."""
    return STATIC_LINK.sub(lambda m: Path(finders.find(m[2])).as_uri(), html)


def file_fetcher():
    """WeasyPrint's fetcher reading ``file://`` from disk as the portal's reads ``/static/``:
    plain ``open()``, no urllib, no Django."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class FileFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme != "file":
                return super().fetch(url, headers)
            path = unquote(parts.path)
            with open(path, "rb") as handle:
                body = handle.read()
            mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime_type})

    return FileFetcher()


def floor_of(html: str):
    fetcher = file_fetcher()

    def render():
        return weasyprint.HTML(
            string=html, base_url=Path.cwd().as_uri() + "/", url_fetcher=fetcher
        ).write_pdf()

    return render


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def documents(school):
    signed = Order.objects.filter(organisation=school, status=Order.Status.SIGNED).first()
    yield f"signed {signed.kind}", lambda: order_pdf(signed)
    for kind in OrderKind:
        draft = Order.objects.filter(organisation=school, kind=kind).exclude(
            status=Order.Status.SIGNED
        ).first() or services.order_create(organisation=school, kind=kind, by=None)
        if kind == OrderKind.AMENDMENT and draft.amends_id is None:
            draft.amends = Order.objects.signed().filter(organisation=school, kind="pairs").first()
            draft.save(update_fields=["amends"])
        yield f"draft {kind}", lambda d=draft: order_pdf(d, draft=True)
    roadmap = Roadmap.objects.in_force(school)
    if roadmap is not None:
        yield "approved roadmap", lambda: roadmap_pdf(roadmap)
    program = Program.objects.filter(pair__organisation=school).order_by("pk").first()
    if program is not None:
        yield "ППН", lambda: program_pdf(program)
    for year in MonitoringYear.objects.filter(organisation=school).order_by("year"):
        state = "approved" if year.is_approved else "draft"
        yield f"report {year.label} ({state})", lambda y=year: year_report_document(y)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", default="", help="how loaded the machine was")
    label = parser.parse_args().label
    call_command("migrate", verbosity=0)
    if not get_user_model().objects.filter(username="director").exists():
        call_command("load_demo", verbosity=0)
    school = Organisation.objects.get(people__user__username="curator")
    print(f"median of {ROUNDS} renders{f'; {label}' if label else ''}")
    print(f"{'document':<34} {'pages':>5} {'portal, ms':>11} {'floor, ms':>10} {'ratio':>6}")
    for name, render in documents(school):
        static_html = static_copy(html_of(render))
        floor = floor_of(static_html)
        portal_pages, floor_pages = pages(render()), pages(floor())
        assert portal_pages == floor_pages, (name, portal_pages, floor_pages)
        portal_ms, floor_ms = timed(render, floor)
        print(
            f"{name:<34} {portal_pages:>5} {portal_ms:>11.0f} {floor_ms:>10.0f} "
            f"{portal_ms / floor_ms:>5.2f}×"
        )


if __name__ == "__main__":
    main()
