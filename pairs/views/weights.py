"""The school's weights of the mentor suggestions, with a preview that saves nothing."""

from dataclasses import asdict

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring_portal.versioning import StaleEditError
from pairs import matching, suggestions
from pairs.forms_weights import WeightsForm
from pairs.models import MatchingWeights
from pairs.models.weights import WEIGHT_NAMES
from pairs.views.common import MANAGERS
from participants.access import require_role

PREVIEW_KEYS = {*WEIGHT_NAMES, "mentee"}


@require_role(*MANAGERS)
def matching_weights(request):
    """GET shows the weights; with a mentee or weights in the query it previews how that
    mentee's ranking changes (nothing is saved). POST saves the weights."""
    organisation = request.access.organisation
    saved = MatchingWeights.objects.filter(organisation=organisation).first()
    current = saved.as_weights() if saved is not None else matching.DEFAULT_WEIGHTS
    if request.method == "POST":
        form = WeightsForm(request.POST, instance=saved, organisation=organisation)
        if form.is_valid() and _save(form, organisation=organisation, by=request.user):
            messages.success(
                request,
                "Веса сохранены: подбор наставников и предложение по банку считают по ним.",
            )
            url = reverse("pairs:matching_weights")
            mentee = form.cleaned_data["mentee"]
            return redirect(f"{url}?mentee={mentee.pk}" if mentee else url)
    elif PREVIEW_KEYS & set(request.GET):
        form = WeightsForm(
            {**asdict(current), **request.GET.dict()}, instance=saved, organisation=organisation
        )
    else:
        form = WeightsForm(instance=saved, organisation=organisation)
    preview = None
    if request.method == "GET" and form.is_bound and form.is_valid():
        mentee = form.cleaned_data["mentee"]
        if mentee is not None:
            new = matching.Weights(**{name: form.cleaned_data[name] for name in WEIGHT_NAMES})
            preview = {
                "mentee": mentee,
                "changed": new != current,
                "rows": matching.rank_change(
                    suggestions.mentee_need(mentee),
                    suggestions.mentor_candidates(organisation),
                    current,
                    new,
                ),
            }
    return render(
        request,
        "pairs/matching_weights.html",
        {
            "form": form,
            "preview": preview,
            "current": current,
            "saved": saved,
            "defaults": asdict(matching.DEFAULT_WEIGHTS),
        },
    )


def _save(form, *, organisation, by) -> bool:
    """Save behind the version the form was loaded with: a colleague's save in between, or a
    first save at the same moment as another's (the row is one per school), is refused on the
    form with what is saved now, never overwritten."""
    form.instance.organisation = organisation
    form.instance.updated_by = by
    try:
        form.save_versioned()
    except StaleEditError as error:
        form.show_stale(error)
        return False
    except IntegrityError:
        form.show_stale(StaleEditError(MatchingWeights.objects.get(organisation=organisation)))
        return False
    return True
