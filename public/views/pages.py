"""The public section: no login, no session, no cookie, every answer cached.

Each request costs one query — the section's ``stamp`` — and, while nothing changes, a cache
hit. The cache key carries the stamp and the day (consents expire by date), so a publication,
a withdrawal or a consent changed anywhere makes the next request build the page again in
every web process; no delete has to reach each process's cache. Browsers revalidate every
time (``no-cache`` with an ETag): a withdrawn consent is off the page at the next load.

These views never touch ``request.user`` or the session and render their templates without
the request (no context processors, no CSRF token), so no ``Set-Cookie`` and no ``Vary:
Cookie`` leave here.
"""

import time
from collections import OrderedDict
from functools import wraps
from threading import Lock

from django.db.models import Count, Sum
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from mentoring_portal.files import file_response
from public import pages
from public.blanks import BLANK_NAMES
from public.models import Post, Section

CACHE_SECONDS = 60 * 60  # a backstop: the roadmap's marks move without a publication
CACHE_ENTRIES = 512


class PageCache:
    """This process's built answers, newest kept: a dict of immutable bytes, not Django's
    locmem cache, which pickles every value in and out (a fifth of a cached page's CPU). Its
    keys carry the section's stamp, so nothing has to be deleted when something is published."""

    def __init__(self, size: int):
        self.size, self.entries, self.lock = size, OrderedDict(), Lock()

    def get(self, key):
        with self.lock:
            found = self.entries.get(key)
            if found is None or found[0] < time.monotonic():
                return None
            self.entries.move_to_end(key)
            return found[1]

    def set(self, key, value, seconds: int) -> None:
        with self.lock:
            self.entries[key] = (time.monotonic() + seconds, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


cache = PageCache(CACHE_ENTRIES)
HTML = "text/html; charset=utf-8"
PDF = "application/pdf"


def _answer(request, entry: dict, etag: str) -> HttpResponse:
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["body"], content_type=entry["type"])
        if entry.get("filename"):
            response["Content-Disposition"] = content_disposition_header(
                entry["type"] != PDF, entry["filename"]
            )
    response["ETag"] = etag
    response["Cache-Control"] = "public, no-cache"
    return response


def cached(view):
    """Look the section up by its address (404 unless open), serve the cached answer or build
    it with ``view(section, **kwargs)`` → ``{"body", "type", "filename"}`` (None: 404)."""

    @require_safe
    @wraps(view)
    def wrapper(request, slug, **kwargs):
        row = Section.objects.filter(slug=slug, is_open=True).values_list("pk", "stamp").first()
        if row is None:
            raise Http404
        today = timezone.localdate().isoformat()
        etag = f'"{row[1]}-{today}"'
        key = f"public:{row[0]}:{slug}:{row[1]}:{today}:{request.path}"
        entry = cache.get(key)
        if entry is None:
            section = Section.objects.select_related("organisation").get(pk=row[0])
            entry = view(section, **kwargs)
            if entry is None:
                entry = {"missing": True}
            cache.set(key, entry, CACHE_SECONDS)
        if entry.get("missing"):
            raise Http404
        return _answer(request, entry, etag)

    return wrapper


@require_safe
def index(request):
    """«Открытые разделы школ»: every open section, linked from the login page."""
    stamp = Section.objects.filter(is_open=True).aggregate(total=Sum("stamp"), count=Count("pk"))
    etag = f'"{stamp["count"]}-{stamp["total"] or 0}"'
    key = f"public:index:{etag}"
    entry = cache.get(key)
    if entry is None:
        sections = Section.objects.filter(is_open=True).select_related("organisation")
        sections = sorted(sections, key=lambda item: item.organisation.short_name)
        entry = {"body": pages.index_page(sections), "type": HTML}
        cache.set(key, entry, CACHE_SECONDS)
    return _answer(request, entry, etag)


@cached
def section(section):
    return {"body": pages.section_page(section), "type": HTML}


def published(kind: str, render, filename=None):
    """A view of one published ``kind`` (regulation, roadmap, order) of a section: its page, or —
    with ``filename(document)`` — its PDF; 404 unless published there."""

    @cached
    def view(section, pk):
        publication = pages.find_publication(section, **{kind: pk})
        if publication is None:
            return None
        document = getattr(publication, kind)
        entry = {"body": render(section, document, publication.names), "type": HTML}
        if filename is not None:
            entry.update(type=PDF, filename=filename(document))
        return entry

    view.__name__ = view.__qualname__ = (
        f"{kind}_pdf" if filename else kind
    )  # for logs and tracebacks
    return view


regulation = published("regulation", pages.regulation_page)
regulation_pdf = published(
    "regulation", pages.regulation_pdf, lambda regulation: "Положение о наставничестве.pdf"
)
roadmap = published("roadmap", pages.roadmap_page)
roadmap_pdf = published(
    "roadmap", pages.roadmap_pdf, lambda roadmap: f"Дорожная карта {roadmap.period_label}.pdf"
)


order_pdf = published(
    "order",
    pages.order_pdf,
    lambda order: f"Приказ № {order.number_label} от {order.date:%d.%m.%Y}.pdf",
)


def _published_post(section, pk) -> Post | None:
    return next((post for post in pages.published_posts(section) if post.pk == pk), None)


@cached
def post(section, pk):
    found = _published_post(section, pk)
    if found is None:
        return None
    return {"body": pages.post_page(section, found), "type": HTML}


@cached
def blank(section, name):
    if not section.forms_published or name not in BLANK_NAMES:
        return None
    pdf = pages.blank_pdf(section, name)
    if pdf is None:
        return None
    return {"body": pdf, "type": PDF, "filename": f"{BLANK_NAMES[name].title}.pdf"}


@require_safe
def post_photo(request, slug, pk):
    """A published post's photo, while everyone it shows consents (not cached: a file)."""
    found = get_object_or_404(Section, slug=slug, is_open=True)
    shown = _published_post(found, pk)
    if shown is None or not shown.show_photo:
        raise Http404
    response = file_response(shown.photo, title=shown.title)
    response["Cache-Control"] = "public, no-cache"
    return response
