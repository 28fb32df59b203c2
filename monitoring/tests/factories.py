"""Records the monitoring tests need: questionnaires, campaigns, answers, pairs, years."""

from datetime import date, timedelta

from django.utils import timezone

from monitoring import services
from monitoring.models import Campaign, MonitoringYear, Questionnaire
from pairs.models import MentoringForm, Pair, PairMember
from tests.factories import PersonFactory


def standard_questionnaire(organisation, key="mentee") -> Questionnaire:
    return services.questionnaire_copy_standard(organisation=organisation, key=key, by=None)


def open_campaign(
    organisation, *, key="mentee", people=(), anonymous=False, starts_on=None, ends_on=None
) -> Campaign:
    """A campaign open today for the chosen ``people``."""
    today = timezone.localdate()
    return services.campaign_start(
        questionnaire=standard_questionnaire(organisation, key),
        starts_on=starts_on or today - timedelta(days=1),
        ends_on=ends_on or today + timedelta(days=14),
        audience=Campaign.Audience.CHOSEN,
        anonymous=anonymous,
        chosen=list(people),
        by=None,
    )


def full_answers(campaign, *, scale=8) -> dict[int, dict]:
    """A valid answer to every question of the campaign's questionnaire."""
    answers = {}
    for question in campaign.questionnaire.questions.all():
        if question.kind == "scale":
            answers[question.pk] = {"number": scale}
        elif question.kind == "yes_no":
            answers[question.pk] = {"number": 1}
        elif question.kind == "single":
            answers[question.pk] = {"text": question.choice_list()[0]}
        elif question.kind == "multiple":
            answers[question.pk] = {"choices": question.choice_list()[:2]}
        else:
            answers[question.pk] = {"text": "Больше открытых уроков"}
    return answers


def post_data(campaign, *, scale=8) -> dict:
    """The answer form's POST data for :func:`full_answers`."""
    data = {}
    for question_id, value in full_answers(campaign, scale=scale).items():
        name = f"q{question_id}"
        if "number" in value:
            data[name] = str(value["number"])
        elif "choices" in value:
            data[name] = value["choices"]
        else:
            data[name] = value["text"]
    return data


def make_pair(
    organisation,
    *,
    mentors=None,
    mentees=None,
    status=Pair.Status.ACTIVE,
    period=(date(2025, 9, 1), date(2026, 5, 31)),
    form_name=None,
) -> Pair:
    form = (
        MentoringForm.objects.get(name=form_name)
        if form_name
        else MentoringForm.objects.filter(group=MentoringForm.Group.FORM).order_by("order").first()
    )
    pair = Pair.objects.create(
        organisation=organisation,
        form=form,
        goal="Адаптация молодого специалиста",
        period_start=period[0],
        period_end=period[1],
        status=status,
    )
    for person in mentors or [PersonFactory(organisation=organisation)]:
        PairMember.objects.create(pair=pair, person=person, role=PairMember.Role.MENTOR)
    for person in mentees or [PersonFactory(organisation=organisation)]:
        PairMember.objects.create(pair=pair, person=person, role=PairMember.Role.MENTEE)
    return pair


def make_year(organisation, year=2025) -> MonitoringYear:
    return MonitoringYear.objects.create(organisation=organisation, year=year)
