"""The roadmap import: how long reading takes for the five seeds (as text, .docx and .xlsx), for
a large roadmap (2,000 activities) and for a 9.9 MB text file at the size limit; then writing one
imported roadmap into a scratch database (time and queries). Run:

    DATABASE_URL=sqlite:////tmp/bench_roadmap_import.sqlite3 \
        .venv/bin/python bench/roadmap_import.py
"""

import os
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

from roadmap.importing import RoadmapImportError, read_roadmap  # noqa: E402
from roadmap.tests.fixtures_import.builders import (  # noqa: E402
    seed_bytes,
    seed_docx,
    seed_xlsx,
)


def timed(label, function, repeat=5):
    """Best wall time of ``repeat`` runs, then one more run under tracemalloc for the peak."""
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<48} {best * 1000:8.1f} ms   peak {peak / 1024 / 1024:6.1f} MB")
    return result


def large_text(activities: int) -> bytes:
    lines = ["Дорожная карта наставничества на 2024-2025 учебный год", ""]
    lines.append("№\tЭтап\tМероприятия\tСроки\tОтветственные")
    for number in range(1, activities + 1):
        stage = f"Этап {number // 50 + 1}" if number % 50 == 1 else ""
        lines.append(
            f"{number}.\t{stage}\t{number % 9 + 1}. Мероприятие номер {number} с пояснением "
            f"о том, что сделать\tдо 31 октября\tЗам. директора по УВР, Иванова И.И."
        )
    return "\n".join(lines).encode("utf-8")


def main():
    print("Reading (best of 5, peak Python memory):")
    for prefix in ("000", "001", "002", "003", "004"):
        files = {
            "txt": seed_bytes(prefix),
            "docx": seed_docx(prefix),
            "xlsx": seed_xlsx(prefix),
        }
        for kind, data in files.items():
            timed(
                f"seed {prefix} .{kind} ({len(data) // 1024} KB)",
                lambda data=data, kind=kind: read_roadmap(data, f"a.{kind}"),
            )
    big = large_text(2000)
    roadmap = timed(
        f"2,000 activities .txt ({len(big) // 1024} KB)", lambda: read_roadmap(big, "a.txt"), 3
    )
    print(f"  → {len(roadmap.stages)} stages, {len(roadmap.activities)} activities")
    huge = (big * (9_900_000 // len(big) + 1))[:9_900_000]

    def read_huge():
        try:
            return read_roadmap(huge, "a.txt")
        except RoadmapImportError as error:
            return error

    outcome = timed("9.9 MB text (the size limit)", read_huge, 1)
    print(f"  → {type(outcome).__name__}: {getattr(outcome, 'message', '')[:80]}")

    print("\nWriting one imported roadmap (seed 001, 30 activities):")
    call_command("migrate", verbosity=0)
    from participants.models import Organisation
    from roadmap.importing.saving import roadmap_import

    organisation = Organisation.objects.create(full_name="Школа для замера", short_name="Замер")
    imported = read_roadmap(seed_bytes("001"), "a.txt")
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        roadmap_import(organisation=organisation, imported=imported, by=None)
        elapsed = time.perf_counter() - started
    print(
        f"{'roadmap_import (30 activities)':<48} {elapsed * 1000:8.1f} ms   {len(queries)} queries"
    )


if __name__ == "__main__":
    main()
