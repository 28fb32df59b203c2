"""Every font of a PDF comes from ``static/fonts`` (issue 12, point 13): the charts' sans font and
the ☐ of the consent and the blank forms no longer come from the server's system fonts.

Each document is rendered twice: as the portal renders it, and in a fresh process whose
fontconfig knows no font at all. Anything looked up on the system would be missing from the
second PDF (or drawn with another font), so the two must embed the same fonts, and those only
the shipped ones.
"""

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from mentoring_portal.documents import render_pdf
from monitoring.tests.factories import make_pair, make_year
from monitoring.views.years import year_report_document
from participants import services as participant_services
from participants.views.consents import consent_document_context
from public.blanks import blank_html

FONTS = Path(settings.BASE_DIR) / "static" / "fonts"

RENDER_WITHOUT_SYSTEM_FONTS = """
import sys, django
django.setup()
from weasyprint import HTML
from mentoring_portal.documents import DOCUMENT_BASE_URL, StaticOnlyFetcher
html = sys.stdin.read()
pdf = HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf()
sys.stdout.buffer.write(pdf)
"""

pytestmark = pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils")


def key(name: str) -> str:
    """«ABCDEF+Liberation-Sans-Bold» and «LiberationSans-Bold» → «liberationsansbold»."""
    return re.sub(r"[^a-z]", "", name.split("+", 1)[-1].lower())


def shipped_fonts() -> set[str]:
    return {key(TTFont(path)["name"].getDebugName(6)) for path in FONTS.glob("*.ttf")}


def embedded_fonts(pdf: bytes, tmp_path) -> set[str]:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(  # nosec B603 - poppler on our own file
        [shutil.which("pdffonts"), str(path)], check=True, capture_output=True, text=True
    ).stdout
    rows = listing.splitlines()[2:]  # two header lines
    assert all(row.split()[-5] == "yes" for row in rows), listing  # embedded, every one
    return {key(row.split()[0]) for row in rows}


def without_system_fonts(html: str, tmp_path) -> bytes:
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "FONTCONFIG_FILE": str(config),
        "DJANGO_SETTINGS_MODULE": "mentoring_portal.settings.test",
        "PYTHONPATH": str(settings.BASE_DIR),
        "HOME": str(tmp_path),
    }
    result = subprocess.run(  # nosec B603 - our own interpreter and script
        [sys.executable, "-c", RENDER_WITHOUT_SYSTEM_FONTS],
        input=html.encode(),
        capture_output=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return result.stdout


def check_only_shipped_fonts(html: str, tmp_path, *, expected: set[str]) -> str:
    from weasyprint import HTML

    from mentoring_portal.documents import DOCUMENT_BASE_URL, StaticOnlyFetcher

    portal = HTML(
        string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyFetcher()
    ).write_pdf()
    bare = without_system_fonts(html, tmp_path)
    fonts = embedded_fonts(portal, tmp_path)
    assert fonts <= shipped_fonts(), fonts - shipped_fonts()
    assert expected <= fonts, expected - fonts
    assert embedded_fonts(bare, tmp_path) == fonts
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(bare)).pages)


def test_the_shipped_fonts_carry_their_licences():
    for family in ("LiberationSerif", "LiberationSans", "DejaVuSans"):
        assert (FONTS / f"LICENSE-{family}.txt").is_file()
    assert "SIL Open Font License" in (FONTS / "LICENSE-LiberationSans.txt").read_text()
    assert "Bitstream" in (FONTS / "LICENSE-DejaVuSans.txt").read_text()
    # The check box the consents draw is in the shipped DejaVu Sans.
    assert 0x2610 in TTFont(FONTS / "DejaVuSans.ttf").getBestCmap()


def test_the_reports_charts_use_the_shipped_sans_font(world, tmp_path, monkeypatch):
    year = make_year(world.school)
    make_pair(world.school)
    document = year_report_document(year)
    # The report's HTML exactly as the view renders it, whatever its context holds.
    monkeypatch.setattr(
        "monitoring.views.years.render_pdf",
        lambda template, context, **kwargs: render_to_string(template, context),
    )
    html = year_report_document(year)
    assert "<svg" in html
    text = check_only_shipped_fonts(
        html, tmp_path, expected={"liberationserif", "liberationsans", "liberationsansbold"}
    )
    assert "Наставнические пары и группы по формам" in text  # a chart's title, in the sans font
    # The document itself, as the view serves it, embeds the same fonts.
    assert embedded_fonts(document, tmp_path) <= shipped_fonts()


def test_the_consents_check_box_comes_from_the_shipped_font(world, tmp_path):
    text = participant_services.consent_text_current(organisation=world.school)
    html = render_to_string(
        "participants/consent/document.html",
        consent_document_context(world.people["teacher"], text),
    )
    page = check_only_shipped_fonts(html, tmp_path, expected={"liberationserif"})
    assert "Согласие на обработку персональных данных" in page
    pdf = render_pdf(
        "participants/consent/document.html",
        consent_document_context(world.people["teacher"], text),
    )
    assert embedded_fonts(pdf, tmp_path) <= shipped_fonts()


def test_the_blank_forms_check_boxes_come_from_the_shipped_font(world, tmp_path):
    html = blank_html("request", world.school)
    page = check_only_shipped_fonts(html, tmp_path, expected={"liberationserif", "dejavusans"})
    assert "☐" in page
