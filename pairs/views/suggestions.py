"""Suggestions: mentors ranked for a mentee, and the whole-bank proposal the curator accepts."""

import secrets

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentoring_portal.once import (
    AlreadyConfirmedError,
    already_confirmed,
    confirm_once,
    confirmed_before,
)
from pairs import matching, services, suggestions
from pairs.forms import DateField
from pairs.models import MentoringForm, school_weights
from pairs.views.common import MANAGERS
from participants.access import require_role
from participants.models import Person, Role

RANK_READERS = (*MANAGERS, Role.DIRECTOR, Role.WORKING_GROUP)


class ProposalForm(forms.Form):
    form = forms.ModelChoiceField(
        label="Форма наставничества",
        queryset=MentoringForm.objects.filter(group=MentoringForm.Group.FORM, is_active=True),
    )
    period_start = DateField(label="Начало")
    period_end = DateField(label="Окончание")
    choice = forms.MultipleChoiceField(label="Пары", required=False)
    # This proposal's token: accepting it twice (a double click) creates the pairs once.
    once = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start >= end:
            self.add_error("period_end", "Дата окончания раньше даты начала.")
        return data


def _proposal_form(request, data=None):
    start, end = suggestions.default_period(request.access.organisation)
    form = ProposalForm(
        data,
        initial={
            "form": MentoringForm.objects.filter(name="учитель – учитель").first(),
            "period_start": start,
            "period_end": end,
            "once": secrets.token_urlsafe(16),
        },
    )
    return form


@require_role(*RANK_READERS)
def suggest_index(request):
    """The mentee bank with each mentee's pair state and a link to the ranked mentors."""
    requests = suggestions.mentee_requests(request.access.organisation)
    return render(request, "pairs/suggest_index.html", {"requests": requests})


@require_role(*RANK_READERS)
def suggest_for(request, request_pk):
    mentee_request = get_object_or_404(
        suggestions.mentee_requests(request.access.organisation), pk=request_pk
    )
    organisation = request.access.organisation
    need = suggestions.mentee_need(mentee_request)
    ranked = matching.rank(
        need, suggestions.mentor_candidates(organisation), school_weights(organisation)
    )
    return render(
        request,
        "pairs/suggest_for.html",
        {
            "mentee_request": mentee_request,
            "ranked": ranked,
            "can_manage": request.access.has_role(*MANAGERS),
            "create_url": reverse("pairs:pair_create"),
        },
    )


@require_role(*MANAGERS)
def proposal(request):
    organisation = request.access.organisation
    mentees = suggestions.unpaired_mentees(organisation)
    mentors = suggestions.mentor_candidates(organisation)
    assignments = matching.assign(mentees, mentors, school_weights(organisation))
    assigned = {a.mentee.person_id for a in assignments}
    return render(
        request,
        "pairs/proposal.html",
        {
            "assignments": assignments,
            "unassigned": [m for m in mentees if m.person_id not in assigned],
            "total": sum(a.match.score for a in assignments),
            "free_places": sum(m.free for m in mentors if m.has_consent),
            "form": _proposal_form(request),
        },
    )


@require_role(*MANAGERS)
@require_POST
def proposal_accept(request):
    organisation = request.access.organisation
    earlier = confirmed_before(token=request.POST.get("once", ""), organisation=organisation)
    if earlier is not None:
        return already_confirmed(request, earlier)
    form = _proposal_form(request, request.POST)
    form.fields["choice"].choices = [(v, v) for v in request.POST.getlist("choice")]
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect("pairs:proposal")
    choices = []
    for value in form.cleaned_data["choice"]:
        mentor_id, _, mentee_id = value.partition(":")
        if mentor_id.isdigit() and mentee_id.isdigit():
            choices.append((int(mentor_id), int(mentee_id)))
    if not choices:
        messages.error(request, "Отметьте пары, которые нужно принять.")
        return redirect("pairs:proposal")
    # Only people of this school; the message names nobody (an id of another school's person
    # must not tell its name, consent or bank state).
    named = {pk for pair in choices for pk in pair}
    if Person.objects.filter(pk__in=named, organisation=organisation).count() != len(named):
        messages.error(request, "В предложении есть участники, которых нет в вашей организации.")
        return redirect("pairs:proposal")
    token = form.cleaned_data["once"] or secrets.token_urlsafe(16)
    try:
        with confirm_once(token=token, purpose="pairs_proposal", organisation=organisation) as step:
            created, problems = services.pairs_create_from_proposal(
                organisation=organisation,
                choices=choices,
                form=form.cleaned_data["form"],
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                by=request.user,
            )
            step.result_url = reverse("pairs:pair_list")
            step.result_label = f"Создано пар: {len(created)} (статус «Предложена»)."
            if not created:  # nothing written: the proposal can be accepted again
                step.pk = None
    except AlreadyConfirmedError as refusal:
        return already_confirmed(request, refusal.step)
    if created:
        messages.success(request, f"Создано пар: {len(created)} (статус «Предложена»).")
    for problem in problems:
        messages.error(request, problem)
    return redirect("pairs:pair_list") if created and not problems else redirect("pairs:proposal")
