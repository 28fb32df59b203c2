"""The portal's URLconf plus the floor of ``bench/http_throughput.py``: bare views that serve the
same rows as the people list and the pair detail, through the same middleware, with no template,
no form, no menu. What this machine can serve at best; the pages are measured against it."""

from django.http import Http404, HttpResponse
from django.urls import path
from django.utils.html import escape

from mentoring_portal.urls import urlpatterns as portal_urlpatterns
from pairs.models import Pair
from participants.models import Person


def _page(rows) -> HttpResponse:
    cells = "".join(f"<tr><td>{escape(row)}</td></tr>" for row in rows)
    return HttpResponse(f"<!doctype html><table>{cells}</table>")


def floor_people(request):
    if not request.user.is_authenticated:
        return HttpResponse(status=403)
    people = Person.objects.filter(
        organisation=request.access.organisation, anonymised_at__isnull=True
    ).select_related("legal_representative", "user")[:50]
    return _page(f"{p.full_name} {p.position} {p.category}" for p in people)


def floor_pair(request, pk):
    if not request.user.is_authenticated:
        return HttpResponse(status=403)
    pair = Pair.objects.with_members().filter(pk=pk, organisation=request.access.organisation)
    pair = pair.first()
    if pair is None:
        raise Http404
    return _page([pair.goal, *(m.person.full_name for m in pair.members.all())])


urlpatterns = [
    path("bench/floor/people/", floor_people),
    path("bench/floor/pairs/<int:pk>/", floor_pair),
    *portal_urlpatterns,
]
