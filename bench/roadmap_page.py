"""Measure the editable roadmap page (a draft of 200 activities seen by its curator): time per
render through the test client and of the template alone, the number of ``reverse()`` calls,
and the floor — a bare template that prints the same rows' fields with no links, includes or
tags. ``PROFILE=tottime`` (or cumulative) prints a profile of one page. Run against a scratch
database:

    DATABASE_URL=sqlite:////tmp/bench_roadmap_page.sqlite3 \
        .venv/bin/python bench/roadmap_page.py
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
from django.template import engines  # noqa: E402
from django.template.loader import get_template  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402
from django.urls import resolvers, reverse  # noqa: E402

from participants.models import Person, Role  # noqa: E402
from roadmap.tests.factories import make_roadmap  # noqa: E402
from tests.factories import OrganisationFactory, make_member  # noqa: E402

ROUNDS = 30

# The same rows with the same fields, without links, includes, csrf tokens or filters.
FLOOR = engines["django"].from_string(
    "<table>{% for stage_row in table %}<tbody><tr><th>{{ stage_row.number }}</th>"
    "<th>{{ stage_row.stage.title }}</th></tr>"
    "{% for row in stage_row.activities %}<tr id='{{ row.activity.pk }}'><td>{{ row.number }}</td>"
    "<td>{{ row.activity.title }}</td><td>{{ row.activity.result_form }}</td>"
    "<td>{{ row.activity.deadline_text }}<div>{{ row.deadline_description }}</div></td>"
    "<td>{{ row.responsible }}</td><td>{{ row.activity.status }}</td></tr>"
    "{% endfor %}</tbody>{% endfor %}</table>"
)


def best_ms(action) -> float:
    """CPU time of the fastest of ROUNDS runs: on a shared machine, the least disturbed one
    (wall-clock time there mostly measures the other processes)."""
    timings = []
    for _ in range(ROUNDS):
        started = time.process_time()
        action()
        timings.append(time.process_time() - started)
    return min(timings) * 1000


def main():
    call_command("migrate", verbosity=0)
    school = OrganisationFactory()
    curator = make_member(school, f"bench-curator-{time.time_ns()}", Role.CURATOR)
    people = list(Person.objects.filter(organisation=school))
    roadmap = make_roadmap(school, stages=10, activities=20, responsible=people)
    client = Client()
    client.force_login(curator.user)
    url = reverse("roadmap:detail", kwargs={"pk": roadmap.pk})
    assert client.get(url).status_code == 200

    calls = 0
    original = resolvers.URLResolver._reverse_with_prefix

    def counting(self, *args, **kwargs):
        nonlocal calls
        calls += 1
        return original(self, *args, **kwargs)

    resolvers.URLResolver._reverse_with_prefix = counting
    setup_test_environment()  # for response.context
    response = client.get(url)
    teardown_test_environment()
    resolvers.URLResolver._reverse_with_prefix = original
    context = response.context
    page = best_ms(lambda: client.get(url))

    request = RequestFactory().get(url)
    request.user = curator.user
    request.access = response.wsgi_request.access
    names = context.keys()  # a ContextList: every template's context, iterated by name
    flat = {name: context[name] for name in names}
    flat.pop("csrf_token", None)
    template = get_template("roadmap/roadmap_detail.html")
    template_ms = best_ms(lambda: template.render(flat, request))
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(client.get, url)
        pstats.Stats(profile).sort_stats(os.environ["PROFILE"]).print_stats(50)
    floor_ms = best_ms(lambda: FLOOR.render({"table": flat["table"]}))
    size = len(response.content) // 1024
    print(f"editable roadmap, 200 activities: {calls} reverse() calls, {size} KiB")
    print(f"  page (client GET):  CPU {page:.1f} ms")
    print(f"  template alone:     CPU {template_ms:.1f} ms")
    print(
        f"  floor (bare rows):  CPU {floor_ms:.1f} ms; template / floor = "
        f"{template_ms / floor_ms:.1f}×, page / floor = {page / floor_ms:.1f}×"
    )


if __name__ == "__main__":
    main()
