"""Download of an approved roadmap's PDF at 200 activities (10 stages × 20), through the test
client as a teacher downloads it, against the floor: WeasyPrint's own render of the same HTML
(the template already rendered, only ``HTML(…).write_pdf()`` timed). Run against a scratch
database (the machine is shared: say how loaded it was when you quote the figures):

    rm -f /tmp/bench_roadmap_pdf.sqlite3
    DATABASE_URL=sqlite:////tmp/bench_roadmap_pdf.sqlite3 \
        DJANGO_SETTINGS_MODULE=mentoring_portal.settings.test \
        .venv/bin/python bench/roadmap_pdf_download.py

«first» is the first download after approval (with the immediate task backend it includes the
task's render when the approval did not store the file yet); «again» is the median of the next
downloads, «304» of a download that sends the ETag back.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from mentoring_portal.documents import DOCUMENT_BASE_URL, StaticOnlyFetcher  # noqa: E402
from participants.models import Person, Role  # noqa: E402
from roadmap.documents import roadmap_document_context  # noqa: E402
from roadmap.models import Roadmap  # noqa: E402
from roadmap.tests.factories import make_roadmap  # noqa: E402
from tests.factories import OrganisationFactory, make_member  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
REPEAT_STORED = 50


def timed(function, times: int) -> list[float]:
    result = []
    for _ in range(times):
        started = time.perf_counter()
        function()
        result.append(time.perf_counter() - started)
    return result


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def main():
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-roadmap-pdf-")
    call_command("migrate", verbosity=0)
    school = OrganisationFactory()
    teacher = make_member(school, f"bench-teacher-{time.time_ns()}", Role.TEACHER)
    people = list(Person.objects.filter(organisation=school))
    roadmap = make_roadmap(
        school, status=Roadmap.Status.APPROVED, stages=10, activities=20, responsible=people
    )
    client = Client()
    client.force_login(teacher.user)
    url = reverse("roadmap:pdf", kwargs={"pk": roadmap.pk})

    started = time.perf_counter()
    first = client.get(url)
    first_time = time.perf_counter() - started
    assert first.status_code == 200, first.status_code
    pdf = body(first)

    def download():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        assert body(response)[:5] == b"%PDF-"

    again = timed(download, REPEAT_STORED if first.get("ETag") else REPEAT)
    etag = first.get("ETag")
    not_modified = []
    if etag:

        def conditional():
            response = client.get(url, headers={"If-None-Match": etag})
            assert response.status_code == 304, response.status_code

        not_modified = timed(conditional, REPEAT_STORED)

    from weasyprint import HTML

    html = render_to_string("roadmap/roadmap_pdf.html", roadmap_document_context(roadmap))
    HTML(string="<p>warm</p>").write_pdf()
    floor = timed(
        lambda: HTML(
            string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyFetcher()
        ).write_pdf(),
        REPEAT,
    )

    def ms(values):
        return f"{statistics.median(values) * 1000:7.1f} ms"

    print(f"approved roadmap, 200 activities, PDF {len(pdf) // 1024} KiB, ETag: {etag or '—'}")
    print(f"  first download     {first_time * 1000:7.1f} ms")
    print(f"  download again     {ms(again)}  (median of {len(again)})")
    if not_modified:
        print(f"  304 with the ETag  {ms(not_modified)}  (median of {len(not_modified)})")
    print(f"  floor: WeasyPrint  {ms(floor)}  (write_pdf of the same HTML, median of {REPEAT})")
    print(f"  download / floor   {statistics.median(again) / statistics.median(floor):.3f}")


if __name__ == "__main__":
    main()
