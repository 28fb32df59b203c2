"""The search behind the people pickers: names of this school only, of the kind the field takes."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse

from participants import pickers
from participants.access import require_role
from participants.views.common import BANK_READERS


@require_role(*BANK_READERS)
def people_pick(request, kind):
    """``?q=крав`` → ``{"results": [{"value": 12, "text": "Кравцова Елена Александровна — …"}]}``.

    The first :data:`pickers.PAGE` matches, in name order; another school's people are never in
    the queryset, whatever is typed.
    """
    scope = pickers.KINDS.get(kind)
    if scope is None:
        raise Http404
    queryset = pickers.search(scope(request.access.organisation), request.GET.get("q", "")[:100])
    people = queryset.only(
        "pk", "last_name", "first_name", "middle_name", "position", "category", "school_class"
    )[: pickers.PAGE]
    return JsonResponse(
        {"results": [{"value": p.pk, "text": pickers.label(p)} for p in people]},
        headers={"Cache-Control": "private, no-store"},
    )


@login_required
def organisation_pick(request):
    """The organisation switcher's search: ``?q=сош 5`` → ``{"results": [{"value", "text"}]}``,
    the first :data:`pickers.PAGE` organisations the user may act in (the department first, then
    its schools by name). Another department's school is never in the queryset."""
    queryset = pickers.search_organisations(
        request.access.switchable(), request.GET.get("q", "")[:100]
    )
    # «department» sorts before «school».
    organisations = queryset.order_by("kind", "short_name", "pk").values_list("pk", "short_name")
    organisations = organisations[: pickers.PAGE]
    return JsonResponse(
        {"results": [{"value": pk, "text": name} for pk, name in organisations]},
        headers={"Cache-Control": "private, no-store"},
    )
