"""PDF and old Word (.doc) roadmaps: the seeds as a school's .docx, saved as .pdf and .doc by
LibreOffice (fixtures_import/converted, made by fixtures_import/convert.py), give what the
.docx gives; bad PDFs and .docs get a Russian message within the time limit."""

import io
import shutil
import time

import pytest

from roadmap.importing import RoadmapImportError, read_roadmap
from roadmap.importing import convert as doc_convert
from roadmap.importing import pdf as pdf_reader
from roadmap.tests.fixtures_import.builders import seed_docx
from roadmap.tests.fixtures_import.quality import CONVERTED, SEEDS, TODAY, agreement

needs_soffice = pytest.mark.skipif(
    doc_convert.soffice_path() is None, reason="LibreOffice (soffice) не установлен"
)


def converted(prefix: str, suffix: str) -> bytes:
    return (CONVERTED / f"{prefix}.{suffix}").read_bytes()


def _error(data: bytes, name: str) -> RoadmapImportError:
    with pytest.raises(RoadmapImportError) as caught:
        read_roadmap(data, name, today=TODAY)
    return caught.value


# Measured share of the .docx's activities with the same stage, title and derived due date.
PDF_FLOOR = {"000": 1.0, "001": 0.9, "002": 1.0, "003": 1.0, "004": 1.0}


@pytest.mark.parametrize("prefix", SEEDS)
def test_pdf_gives_what_the_docx_gives(prefix):
    right, total = agreement(prefix, "pdf")
    assert right / total >= PDF_FLOOR[prefix]


def test_pdf_quality_over_all_seeds_is_at_least_95_percent():
    results = [agreement(prefix, "pdf") for prefix in SEEDS]
    assert sum(r for r, _ in results) / sum(t for _, t in results) >= 0.95


def test_pdf_preview_matches_the_docx_preview():
    from_docx = read_roadmap(seed_docx("000", ruled=True), "карта.docx", today=TODAY)
    from_pdf = read_roadmap(converted("000", "pdf"), "карта.pdf", today=TODAY)
    assert from_pdf.source_format == "pdf"
    assert [s.title for s in from_pdf.stages] == [s.title for s in from_docx.stages]
    assert [
        (a.number, a.title, a.deadline_text, a.responsible_roles) for a in from_pdf.activities
    ] == [(a.number, a.title, a.deadline_text, a.responsible_roles) for a in from_docx.activities]
    assert from_pdf.approval == from_docx.approval
    assert (from_pdf.period_start, from_pdf.period_end) == (
        from_docx.period_start,
        from_docx.period_end,
    )


def test_pdf_reports_progress_page_by_page():
    seen = []
    read_roadmap(converted("001", "pdf"), "карта.pdf", progress=lambda *p: seen.append(p))
    total = seen[-1][1]
    assert total > 1 and seen == [(page, total) for page in range(1, total + 1)]


@needs_soffice
@pytest.mark.parametrize("prefix", ["000", "001"])
def test_doc_is_converted_and_read_as_the_docx(prefix):
    started = time.monotonic()
    right, total = agreement(prefix, "doc")
    assert right == total
    assert time.monotonic() - started < 30


@needs_soffice
def test_a_real_conversion_docx_to_pdf_reads_the_same():
    from roadmap.tests.fixtures_import.convert import docx_to

    data = docx_to(seed_docx("002", ruled=True), "pdf")
    fresh = read_roadmap(data, "карта.pdf", today=TODAY)
    committed = read_roadmap(converted("002", "pdf"), "карта.pdf", today=TODAY)
    assert fresh.to_dict()["stages"] == committed.to_dict()["stages"]


def test_without_libreoffice_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    error = _error(converted("000", "doc"), "карта.doc")
    assert error.code == "no_converter"
    assert "libreoffice-writer-nogui" in error.message
    assert "сохраните как .docx" in error.message


def test_a_doc_that_is_really_html_is_read_as_html():
    from roadmap.tests.test_import_reader import HTML_ROADMAP

    roadmap = read_roadmap(HTML_ROADMAP.encode("utf-8"), "карта.doc")
    assert [stage.title for stage in roadmap.stages] == ["Подготовка условий", "Реализация"]


def test_a_doc_that_is_neither_word_nor_html():
    error = _error(b"just some bytes, not a Word file " * 10, "карта.doc")
    assert error.code == "damaged" and ".docx" in error.message


# --- bad PDFs ---------------------------------------------------------------------------------


def _pypdf_writer():
    import pypdf

    return pypdf.PdfWriter(clone_from=io.BytesIO(converted("002", "pdf")))


def test_encrypted_pdf():
    writer = _pypdf_writer()
    writer.encrypt(user_password="секрет", owner_password="секрет")
    buffer = io.BytesIO()
    writer.write(buffer)
    error = _error(buffer.getvalue(), "карта.pdf")
    assert error.code == "encrypted" and "паролем" in error.message


def test_damaged_pdf():
    data = converted("002", "pdf")
    error = _error(data[:300] + b"\x00garbage" * 50, "карта.pdf")
    assert error.code == "damaged" and "повреждён" in error.message
    assert _error(b"not a pdf at all " * 20, "карта.pdf").code == "damaged"


def test_a_pdf_of_images_only_is_a_scan():
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    error = _error(buffer.getvalue(), "скан.pdf")
    assert error.code == "scan"
    assert error.message == "Это скан, в нём нет текста; загрузите файл Word или PDF с текстом."


def test_a_scanned_page_with_a_picture_is_a_scan():
    from weasyprint import HTML

    png = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    data = HTML(string=f'<img src="{png}" style="width:18cm;height:25cm">').write_pdf()
    assert _error(data, "скан.pdf").code == "scan"


def test_a_50_mb_pdf_is_refused_before_parsing():
    started = time.monotonic()
    error = _error(b"%PDF-1.7\n" + b"0" * (50 * 1024 * 1024), "большой.pdf")
    assert error.code == "too_large" and "10 МБ" in error.message
    assert time.monotonic() - started < 5


def test_a_pdf_bomb_of_nested_objects_is_refused_in_time():
    depth = 200_000
    body = b"[" * depth + b"]" * depth
    data = (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Bomb " + body + b" >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n"
        b"%%EOF\n"
    )
    started = time.monotonic()
    error = _error(data, "бомба.pdf")
    assert error.code in ("damaged", "scan", "timeout")
    assert time.monotonic() - started < 30


def test_a_parse_that_runs_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(pdf_reader, "TIMEOUT", 0.05)
    error = _error(converted("001", "pdf"), "карта.pdf")
    assert error.code == "timeout" and "слишком долго" in error.message


# --- through the browser and the command -----------------------------------------------------


def test_upload_a_pdf_shows_the_preview_and_a_scan_is_refused(world, client_for):
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from roadmap.models import Roadmap

    curator = client_for("curator")
    url = reverse("roadmap:import")
    response = curator.post(url, {"file": SimpleUploadedFile("карта.pdf", converted("004", "pdf"))})
    assert response.status_code == 302
    page = curator.get(response["Location"]).content.decode()
    assert "Мероприятий: 12" in page
    assert "Приказ № 158 от 16.04.2021" in page

    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    response = curator.post(url, {"file": SimpleUploadedFile("скан.pdf", buffer.getvalue())})
    assert response.status_code == 200
    assert "это скан, в нём нет текста" in response.content.decode().lower()
    assert Roadmap.objects.count() == 0
    assert not re.search(r"/import/[^/]+/$", response.get("Location", ""))


@pytest.mark.parametrize(
    ("name", "activities"),
    [("001.doc", 30), ("003.layout.txt", 22)],
)
def test_command_dry_run_json_reads_doc_and_copied_text(world, tmp_path, name, activities):
    import json
    from io import StringIO

    from django.core.management import call_command

    if name.endswith(".doc") and doc_convert.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) не установлен")
    path = tmp_path / name
    path.write_bytes((CONVERTED / name).read_bytes())
    out = StringIO()
    call_command(
        "import_roadmap",
        str(path),
        "--organisation",
        world.school.short_name,
        "--dry-run",
        "--json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert sum(len(stage["activities"]) for stage in data["stages"]) == activities


def test_command_dry_run_json_reads_a_pdf_and_reports_pages(world, tmp_path):
    import json
    from io import StringIO

    from django.core.management import call_command

    from roadmap.models import Roadmap

    path = tmp_path / "карта.pdf"
    path.write_bytes(converted("001", "pdf"))
    out, err = StringIO(), StringIO()
    call_command(
        "import_roadmap",
        str(path),
        "--organisation",
        world.school.short_name,
        "--dry-run",
        "--json",
        stdout=out,
        stderr=err,
    )
    data = json.loads(out.getvalue())
    assert data["source_format"] == "pdf"
    assert sum(len(stage["activities"]) for stage in data["stages"]) == 30
    assert "Прочитано страниц: 1 из" in err.getvalue()
    assert Roadmap.objects.count() == 0


@pytest.mark.parametrize("prefix", SEEDS)
def test_pdf_title_period_and_approval_as_from_the_docx(prefix):
    from_docx = read_roadmap(seed_docx(prefix, ruled=True), "карта.docx", today=TODAY)
    from_pdf = read_roadmap(converted(prefix, "pdf"), "карта.pdf", today=TODAY)
    assert from_pdf.title == from_docx.title
    assert (from_pdf.period_start, from_pdf.period_end) == (
        from_docx.period_start,
        from_docx.period_end,
    )
    assert from_pdf.approval == from_docx.approval
