"""Measure the roadmap: queries of the roadmap page, PDF and Excel for 10 and 200 activities,
and the render time of the PDF. Run against a scratch database:

    DATABASE_URL=sqlite:////tmp/bench_roadmap.sqlite3 \
        DJANGO_SETTINGS_MODULE=mentoring_portal.settings.test \
        .venv/bin/python bench/roadmap_measure.py
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

from participants.models import Person, Role  # noqa: E402
from roadmap.documents import roadmap_pdf  # noqa: E402
from roadmap.models import Roadmap  # noqa: E402
from roadmap.tests.factories import make_roadmap  # noqa: E402
from tests.factories import OrganisationFactory, make_member  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    school = OrganisationFactory()
    curator = make_member(school, f"bench-curator-{time.time_ns()}", Role.CURATOR)
    people = list(Person.objects.filter(organisation=school))
    sizes = {10: (2, 5), 200: (10, 20)}
    client = Client()
    client.force_login(curator.user)
    for total, (stages, per_stage) in sizes.items():
        roadmap = make_roadmap(
            school,
            status=Roadmap.Status.APPROVED,
            stages=stages,
            activities=per_stage,
            responsible=people,
        )
        client.get(reverse("roadmap:detail", kwargs={"pk": roadmap.pk}))
        for name in ("detail", "xlsx", "pdf"):
            url = reverse(f"roadmap:{name}", kwargs={"pk": roadmap.pk})
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - started
            assert response.status_code == 200, response.status_code
            print(f"{total:>4} activities  {name:<7} {len(queries):>3} queries  {elapsed:.2f} s")
    demo = Roadmap.objects.filter(organisation__short_name__contains="гимназия № 2").first()
    if demo is not None:
        started = time.perf_counter()
        roadmap_pdf(demo)
        print(f"demo roadmap PDF: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
