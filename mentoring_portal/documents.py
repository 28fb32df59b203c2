"""PDF documents: a normal Django template with print CSS, rendered by WeasyPrint.

Documents are printed the same on every server: the serif font (Liberation Serif, metric-compatible
with Times New Roman, with Cyrillic) ships in ``static/fonts`` and is embedded in every PDF. The
renderer may read only the portal's own static files: no ``file://``, no outside address, so a
template (or a user's text inside it) can never make the server fetch anything else.
"""

import functools
import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

# Documents resolve relative links against this made-up origin; only its static path is served.
DOCUMENT_BASE_URL = "https://portal.invalid/"


@functools.cache
def static_only_fetcher_class():
    """The fetcher class, made on the first PDF: WeasyPrint (Pango, fontTools: about 40 MB of a
    web process) is imported by the process that renders, not by every process at start."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves ``/static/…`` from the static files finders and refuses everything else."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            origin = f"{parts.scheme}://{parts.netloc}/"
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if origin != DOCUMENT_BASE_URL or not parts.path.startswith(settings.STATIC_URL):
                raise ValueError(
                    f"Документ может ссылаться только на статические файлы портала: {url}"
                )
            relative = unquote(parts.path.removeprefix(settings.STATIC_URL))
            path = _static_path(relative) if ".." not in relative.split("/") else None
            if not path:
                raise ValueError(f"Нет такого статического файла: {relative}")
            with open(path, "rb") as handle:
                body = handle.read()
            mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime_type})

    return StaticOnlyFetcher


def _static_path(relative: str) -> str | None:
    """The file behind a static name: the source file (``css/documents.css``) through the finders,
    or, in production, the collected copy whose name ``{% static %}`` hashed
    (``css/documents.fe8caaa5d329.css``), which no finder knows."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    path = finders.find(relative)
    if not path and staticfiles_storage.exists(relative):
        path = staticfiles_storage.path(relative)
    return path


def StaticOnlyFetcher():  # a function that reads as the class it makes
    return static_only_fetcher_class()()


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render ``template_name`` with ``context`` and return the PDF's bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    document = HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response
