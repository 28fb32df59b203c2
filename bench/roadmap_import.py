"""The roadmap import: how long reading takes for the five seeds (as text, .docx and .xlsx), for
a large roadmap (2,000 activities) and for a 9.9 MB text file at the size limit; the seeds as
.pdf and .doc (LibreOffice's), a 100-page PDF with its worker's memory, the quality of each
format against the .docx; then writing one
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


def worker_peak_mb(data: bytes) -> float:
    """The PDF worker's peak resident memory, measured alone (LibreOffice, which made the
    file, is a child of this process too and would be counted)."""
    import subprocess

    probe = (
        "import resource, sys; from roadmap.importing.pdf import read_pdf; "
        "read_pdf(sys.stdin.buffer.read(), timeout=600); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed probe
        [sys.executable, "-c", probe],
        input=data,
        capture_output=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    return int(result.stdout.split()[-1]) / 1024


def pdf_and_doc():
    """PDF and .doc as LibreOffice writes them from the seeds (committed fixtures), a 100-page
    PDF made here, and the quality of each format against the .docx."""
    from roadmap.tests.fixtures_import.convert import docx_to
    from roadmap.tests.fixtures_import.quality import CONVERTED, SEEDS, agreement

    print("\nPDF and .doc (the parse runs in a child process; best of 3):")
    for prefix in SEEDS:
        data = (CONVERTED / f"{prefix}.pdf").read_bytes()
        pages = data.count(b"/Type /Page\n") or data.count(b"/Type/Page")
        timed(
            f"seed {prefix} .pdf ({len(data) // 1024} KB, {pages} pages)",
            lambda data=data: read_roadmap(data, "a.pdf"),
            3,
        )
    for prefix in ("000", "001"):
        data = (CONVERTED / f"{prefix}.doc").read_bytes()
        timed(
            f"seed {prefix} .doc ({len(data) // 1024} KB, conversion included)",
            lambda data=data: read_roadmap(data, "a.doc"),
            1,
        )
    big_docx = large_docx(1250)
    big_pdf = docx_to(big_docx, "pdf")
    seen = []
    started = time.perf_counter()
    roadmap = read_roadmap(
        big_pdf, "a.pdf", progress=lambda done, total: seen.append(total), timeout=600
    )
    elapsed = time.perf_counter() - started
    print(
        f"{f'{seen[-1]}-page PDF ({len(big_pdf) // 1024} KB)':<48} {elapsed * 1000:8.1f} ms   "
        f"worker peak RSS {worker_peak_mb(big_pdf):6.1f} MB   → {len(roadmap.activities)} "
        f"activities, {len(seen)} progress reports"
    )
    print("\nQuality (activities with the .docx's stage, title and due date):")
    for suffix in ("pdf", "doc", "layout.txt"):
        results = [agreement(prefix, suffix) for prefix in SEEDS]
        right, total = sum(r for r, _ in results), sum(t for _, t in results)
        per_seed = ", ".join(f"{p}: {r}/{t}" for p, (r, t) in zip(SEEDS, results, strict=True))
        print(f"  .{suffix:<11} {right}/{total} = {right / total:6.1%}   ({per_seed})")


def large_docx(activities: int) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Дорожная карта наставничества на 2024-2025 учебный год")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    header = ["№", "Мероприятия", "Сроки", "Ответственные"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for number in range(1, activities + 1):
        cells = table.add_row().cells
        cells[0].text = str(number)
        cells[1].text = f"Мероприятие номер {number} с пояснением о том, что сделать"
        cells[2].text = "до 31 октября"
        cells[3].text = "Зам. директора по УВР"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


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

    pdf_and_doc()

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
