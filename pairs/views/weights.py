"""The school's weights of the mentor suggestions, with a preview that saves nothing."""

from dataclasses import asdict

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

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
        if form.is_valid():
            weights = form.save(commit=False)
            weights.organisation = organisation
            weights.updated_by = request.user
            weights.save()
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
