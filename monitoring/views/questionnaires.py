"""The curator's questionnaires and campaigns: build, start, see who answered and the results."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentoring_portal.errors import ServiceError, show_error
from monitoring import services
from monitoring.forms import CampaignForm, QuestionFormSet, QuestionnaireForm
from monitoring.models import Campaign, Questionnaire
from monitoring.results import campaign_results
from monitoring.standard import STANDARD_BY_KEY, STANDARD_QUESTIONNAIRES
from monitoring.views.common import CURATORS, SURVEY_READERS
from participants.access import require_role


def _questionnaire(request, pk) -> Questionnaire:
    return get_object_or_404(Questionnaire, pk=pk, organisation=request.access.organisation)


@require_role(*SURVEY_READERS)
def questionnaire_list(request):
    organisation = request.access.organisation
    questionnaires = (
        Questionnaire.objects.filter(organisation=organisation)
        .annotate(question_count=Count("questions", distinct=True))
        .order_by("title", "pk")
    )
    campaigns = (
        Campaign.objects.filter(organisation=organisation)
        .select_related("questionnaire")
        .annotate(
            invited=Count("invitations", distinct=True),
            answered=Count("invitations", filter=Q(invitations__answered=True), distinct=True),
        )
    )
    return render(
        request,
        "monitoring/questionnaire_list.html",
        {
            "questionnaires": questionnaires,
            "campaigns": campaigns,
            "standards": STANDARD_QUESTIONNAIRES,
            "can_edit": request.access.has_role(*CURATORS),
        },
    )


@require_role(*CURATORS)
@require_POST
def questionnaire_copy_standard(request, key):
    if key not in STANDARD_BY_KEY:
        raise PermissionDenied
    questionnaire = services.questionnaire_copy_standard(
        organisation=request.access.organisation, key=key, by=request.user
    )
    messages.success(request, f"Создана анкета «{questionnaire.title}» из типовой.")
    return redirect("monitoring:questionnaire_detail", pk=questionnaire.pk)


@require_role(*SURVEY_READERS)
def questionnaire_detail(request, pk):
    questionnaire = _questionnaire(request, pk)
    return render(
        request,
        "monitoring/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "questions": questionnaire.questions.all(),
            "campaigns": questionnaire.campaigns.all(),
            "can_edit": request.access.has_role(*CURATORS),
        },
    )


def _edit(request, questionnaire: Questionnaire | None):
    instance = questionnaire or Questionnaire(
        organisation=request.access.organisation, created_by=request.user
    )
    form = QuestionnaireForm(request.POST or None, instance=instance)
    formset = QuestionFormSet(request.POST or None, instance=instance, prefix="questions")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            saved = form.save()
            formset.instance = saved
            formset.save()
        messages.success(request, "Анкета сохранена.")
        return redirect("monitoring:questionnaire_detail", pk=saved.pk)
    return render(
        request,
        "monitoring/questionnaire_form.html",
        {"form": form, "formset": formset, "questionnaire": questionnaire},
    )


@require_role(*CURATORS)
def questionnaire_create(request):
    return _edit(request, None)


@require_role(*CURATORS)
def questionnaire_edit(request, pk):
    questionnaire = _questionnaire(request, pk)
    if not questionnaire.is_editable:
        messages.error(
            request,
            "По анкете уже проводилось анкетирование: вопросы не меняются, чтобы ответы "
            "остались сопоставимы. Создайте новую анкету.",
        )
        return redirect("monitoring:questionnaire_detail", pk=questionnaire.pk)
    return _edit(request, questionnaire)


@require_role(*CURATORS)
def campaign_create(request, pk):
    questionnaire = _questionnaire(request, pk)
    organisation = request.access.organisation
    form = CampaignForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.campaign_start(
                questionnaire=questionnaire,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                audience=data["audience"],
                anonymous=data["anonymous"],
                chosen=data["people"],
                by=request.user,
            )
        except ServiceError as error:
            show_error(request, error, form=form)
        else:
            messages.success(
                request,
                f"Анкетирование запущено: участников — {campaign.invitations.count()}.",
            )
            return redirect("monitoring:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "monitoring/campaign_form.html",
        {"form": form, "questionnaire": questionnaire},
    )


@require_role(*SURVEY_READERS)
def campaign_detail(request, pk):
    campaign = get_object_or_404(
        Campaign.objects.select_related("questionnaire"),
        pk=pk,
        organisation=request.access.organisation,
    )
    invitations = campaign.invitations.select_related("person")
    return render(
        request,
        "monitoring/campaign_detail.html",
        {
            "campaign": campaign,
            "invitations": invitations,
            "answered": sum(1 for invitation in invitations if invitation.answered),
            "results": campaign_results(campaign),
            "can_edit": request.access.has_role(*CURATORS),
        },
    )


@require_role(*CURATORS)
@require_POST
def campaign_close(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk, organisation=request.access.organisation)
    services.campaign_close(campaign=campaign, by=request.user)
    messages.success(request, "Анкетирование завершено: ответы больше не принимаются.")
    return redirect("monitoring:campaign_detail", pk=campaign.pk)
