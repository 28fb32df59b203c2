"""Small helpers shared by the roadmap views."""

from django.shortcuts import redirect
from django.urls import reverse

from mentoring_portal.errors import ServiceError, show_error


def is_inline(request) -> bool:
    """A request of static/js/roadmap.js that wants a table row, not a whole page."""
    return request.headers.get("X-Requested-With") == "fetch"


def back_to_roadmap(roadmap, anchor: str = ""):
    url = reverse("roadmap:detail", kwargs={"pk": roadmap.pk})
    return redirect(f"{url}#{anchor}" if anchor else url)


def refuse(request, error: ServiceError, roadmap, anchor: str = ""):
    """Show the refusal and go back to the roadmap."""
    show_error(request, error)
    return back_to_roadmap(roadmap, anchor)


def refuse_not_editable(request, roadmap):
    return refuse(request, ServiceError("Карта не редактируется.", code="not_editable"), roadmap)
