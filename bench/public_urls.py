"""The portal's URLconf plus the floor of ``bench/public_page.py``: a bare view that does what the
cached public page must do at least — look the section's stamp up (one query) — and answers the
same number of bytes, through the same middleware, with no cache, template or redactor."""

from django.http import Http404, HttpResponse
from django.urls import path

from mentoring_portal.urls import urlpatterns as portal_urlpatterns
from public.models import Section

BODY = {}


def floor_public(request, slug, size):
    row = Section.objects.filter(slug=slug, is_open=True).values_list("pk", "stamp").first()
    if row is None:
        raise Http404
    body = BODY.setdefault(size, b"x" * size)
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [
    path("bench/floor/public/<str:slug>/<int:size>/", floor_public),
    *portal_urlpatterns,
]
