"""Small helpers shared by the roadmap views."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse


def is_inline(request) -> bool:
    """A request of static/js/roadmap.js that wants a table row, not a whole page."""
    return request.headers.get("X-Requested-With") == "fetch"


def back_to_roadmap(roadmap, anchor: str = ""):
    url = reverse("roadmap:detail", kwargs={"pk": roadmap.pk})
    return redirect(f"{url}#{anchor}" if anchor else url)


def refuse(request, error, roadmap, anchor: str = ""):
    messages.error(request, str(error))
    return back_to_roadmap(roadmap, anchor)
