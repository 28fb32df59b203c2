"""The shared PDF helper: Cyrillic text, an embedded serif font, and a fetcher that only serves
the portal's own static files."""

from io import BytesIO

import pytest
from django.template import engines
from pypdf import PdfReader

from mentoring_portal.documents import (
    DOCUMENT_BASE_URL,
    StaticOnlyFetcher,
    pdf_response,
    render_pdf,
)

PAGE = """{% load static %}<html><head><style>
@font-face { font-family: "Liberation Serif";
  src: url("{% static 'fonts/LiberationSerif-Regular.ttf' %}"); }
body { font-family: "Liberation Serif"; }
</style></head><body><h1>Приказ № {{ number }}</h1><p>О закреплении наставнических пар</p>
{% if image %}<img src="{{ image }}">{% endif %}</body></html>"""


@pytest.fixture
def template(tmp_path, settings):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    engines._templates = None
    engines.__dict__.pop("templates", None)
    yield "page.html"
    engines.__dict__.pop("templates", None)


def _read(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))


def test_pdf_has_russian_text_and_embeds_liberation_serif(template):
    pdf = render_pdf(template, {"number": "15-о"})
    reader = _read(pdf)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Приказ № 15-о" in text
    assert "О закреплении наставнических пар" in text
    fonts = {
        font["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
        if "/BaseFont" in font.get_object()
    }
    assert any("Liberation-Serif" in str(name) for name in fonts)


def test_fetcher_serves_static_files():
    response = StaticOnlyFetcher().fetch(
        DOCUMENT_BASE_URL + "static/fonts/LiberationSerif-Bold.ttf"
    )
    assert response.read(4) == b"\x00\x01\x00\x00"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://example.org/static/x.css",
        "http://127.0.0.1:8000/static/fonts/LiberationSerif-Bold.ttf",
        DOCUMENT_BASE_URL + "media/evidence/secret.pdf",
        DOCUMENT_BASE_URL + "static/../../mentoring_portal/settings/base.py",
        DOCUMENT_BASE_URL + "static/fonts/no-such-font.ttf",
    ],
)
def test_fetcher_refuses_everything_else(url):
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch(url)


def test_a_forbidden_image_is_left_out_not_fetched(template):
    pdf = render_pdf(template, {"number": "1", "image": "file:///etc/hostname"})
    assert "Приказ № 1" in _read(pdf).pages[0].extract_text()


def test_pdf_response_names_the_file_in_russian():
    response = pdf_response(b"%PDF-1.7", "Приказ № 5.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("inline")


def test_the_fetcher_reads_the_collected_hashed_stylesheet_of_production(settings, tmp_path):
    """Under bin/start (DEBUG off, manifest storage) ``{% static %}`` names the hashed copy in
    STATIC_ROOT, which no finder knows: a document must still get its stylesheet."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    # (Django's setting_changed handler resets staticfiles_storage for the new STORAGES.)
    call_command("collectstatic", interactive=False, verbosity=0)
    hashed = staticfiles_storage.url("css/documents.css")
    assert hashed != f"{settings.STATIC_URL}css/documents.css"
    response = StaticOnlyFetcher().fetch(DOCUMENT_BASE_URL.rstrip("/") + hashed)
    assert b"@page" in response.read()
