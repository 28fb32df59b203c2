"""One person (or several) made responsible for several activities of the roadmap at once."""

from django.contrib import messages
from django.views.decorators.http import require_POST

from mentoring_portal.russian import plural_count
from participants.models import Role
from roadmap import services
from roadmap.forms import AssignForm
from roadmap.permissions import get_roadmap, require_roadmap_role
from roadmap.views.common import back_to_roadmap, refuse_not_editable


@require_POST
@require_roadmap_role(Role.CURATOR)
def activities_assign(request, pk):
    roadmap = get_roadmap(request, pk)
    if not roadmap.is_editable:
        return refuse_not_editable(request, roadmap)
    form = AssignForm(request.POST, roadmap=roadmap)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return back_to_roadmap(roadmap)
    activities = list(form.cleaned_data["activities"].order_by("stage__order", "order"))
    people = list(form.cleaned_data["people"])
    changed = services.activities_assign(
        roadmap=roadmap, activities=activities, people=people, by=request.user
    )
    names = ", ".join(person.short_name for person in people)
    count = plural_count(len(activities), "мероприятию", "мероприятиям", "мероприятиям")
    unchanged = (
        ""
        if changed == len(activities)
        else f" (уже были ответственными: {len(activities) - changed})"
    )
    messages.success(request, f"Ответственные добавлены к {count}: {names}{unchanged}.")
    return back_to_roadmap(roadmap)
