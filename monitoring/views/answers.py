"""Participants answer the questionnaires they are asked to fill in."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from mentoring_portal.errors import ServiceError, show_error
from monitoring import services
from monitoring.forms import AnswerForm
from monitoring.models import Campaign, Invitation, ResponseDraft
from participants.access import require_role


def open_invitations(person):
    """The person's campaigns still to answer (open, not answered)."""
    today = timezone.localdate()
    return (
        Invitation.objects.filter(
            person=person,
            answered=False,
            campaign__closed_at__isnull=True,
            campaign__starts_on__lte=today,
            campaign__ends_on__gte=today,
        )
        .select_related("campaign__questionnaire")
        .order_by("campaign__ends_on", "pk")
    )


@require_role()
def my_campaigns(request):
    person = request.access.person
    invitations = []
    if person is not None:
        invitations = (
            Invitation.objects.filter(person=person)
            .select_related("campaign__questionnaire")
            .order_by("-campaign__starts_on", "-pk")
        )
    drafts = set()
    if person is not None:
        drafts = set(
            ResponseDraft.objects.filter(person=person).values_list("campaign_id", flat=True)
        )
    return render(
        request,
        "monitoring/my_campaigns.html",
        {"invitations": invitations, "drafts": drafts, "today": timezone.localdate()},
    )


def _initial_from_draft(draft: ResponseDraft | None, form_fields) -> dict:
    if draft is None:
        return {}
    initial = {}
    for name, values in draft.data.items():
        if name in form_fields and values:
            multiple = isinstance(form_fields[name], forms.MultipleChoiceField)
            initial[name] = values if multiple else values[0]
    return initial


@require_role()
def campaign_answer(request, pk):
    campaign = get_object_or_404(
        Campaign.objects.select_related("questionnaire"),
        pk=pk,
        organisation=request.access.organisation,
    )
    person = request.access.person
    invitation = (
        Invitation.objects.filter(campaign=campaign, person=person).first() if person else None
    )
    if invitation is None:
        # Someone of the school who is not asked: the campaign exists, but not for them.
        raise PermissionDenied
    questions = list(campaign.questionnaire.questions.all())
    blocked = None
    if invitation.answered:
        blocked = "Вы уже ответили на эту анкету. Ответ отправлен и изменить его нельзя."
    elif not campaign.is_open():
        blocked = "Анкетирование завершено: ответы больше не принимаются."
    if blocked:
        if request.method == "POST":
            messages.error(request, blocked)
            return redirect("monitoring:campaign_answer", pk=campaign.pk)
        return render(
            request,
            "monitoring/campaign_answer.html",
            {"campaign": campaign, "blocked": blocked, "invitation": invitation},
        )
    draft = ResponseDraft.objects.filter(campaign=campaign, person=person).first()
    if request.method == "POST":
        as_draft = "save_draft" in request.POST
        form = AnswerForm(request.POST, questions=questions, draft=as_draft)
        if form.is_valid():
            try:
                if as_draft:
                    services.response_save_draft(
                        campaign=campaign, person=person, data=form.draft_data()
                    )
                    messages.success(
                        request, "Черновик сохранён. Вернитесь, чтобы закончить и отправить."
                    )
                    return redirect("monitoring:campaign_answer", pk=campaign.pk)
                services.response_submit(campaign=campaign, person=person, answers=form.answers())
            except ServiceError as error:
                show_error(request, error)
                return redirect("monitoring:campaign_answer", pk=campaign.pk)
            messages.success(request, "Спасибо! Ваши ответы отправлены.")
            return redirect("monitoring:my_campaigns")
    else:
        form = AnswerForm(questions=questions)
        form.initial = _initial_from_draft(draft, form.fields)
    return render(
        request,
        "monitoring/campaign_answer.html",
        {"campaign": campaign, "form": form, "draft": draft, "invitation": invitation},
    )
