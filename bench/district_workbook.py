"""The district workbook for 30 schools (3,000 people, 20,000 answers) and then for 300: time
(median of ROUNDS), peak Python memory (tracemalloc, in a separate run: it slows Python down),
queries and the file's size. The data is bench/district_table.py's. Run against a scratch
database:

    DATABASE_URL=sqlite:////tmp/bench_workbook.sqlite3 .venv/bin/python bench/district_workbook.py
"""

import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.district_table import YEAR, build  # noqa: E402
from mentoring_portal.excel import workbook_bytes  # noqa: E402
from monitoring.district_workbook import district_workbook  # noqa: E402
from monitoring.models import Answer  # noqa: E402
from participants.models import Person  # noqa: E402
from tests.factories import DepartmentFactory, UserFactory  # noqa: E402

ROUNDS = 5


def measure(department, label) -> None:
    times = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        data = workbook_bytes(district_workbook(department, YEAR))
        times.append(time.perf_counter() - began)
    tracemalloc.start()
    workbook_bytes(district_workbook(department, YEAR))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    with CaptureQueriesContext(connection) as queries:
        workbook_bytes(district_workbook(department, YEAR))
    print(
        f"{label}: {department.schools.count()} schools, {Person.objects.count()} people, "
        f"{Answer.objects.count()} answers — {statistics.median(times):.2f} s "
        f"(min {min(times):.2f}), peak {peak / 2**20:.1f} MiB, {len(queries)} queries, "
        f"{len(data) / 1024:.0f} KiB xlsx"
    )


def main():
    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    department = DepartmentFactory()
    curator = UserFactory()
    build(department, 30, rng, curator, with_answers=True)
    measure(department, "district")
    build(department, 270, rng, curator, with_answers=False)
    measure(department, "region")


if __name__ == "__main__":
    main()
