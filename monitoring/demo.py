"""Demo data: this year's questionnaires with answers, and the previous year's approved report."""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from mentoring_portal.demo import DemoContext, demo_step

PREVIOUS_CONCLUSIONS = (
    "Программа наставничества реализована в соответствии с дорожной картой: сформированы "
    "наставнические пары «учитель – учитель», все молодые специалисты закреплены за "
    "наставниками.\n"
    "Удовлетворённость участников программой высокая; наставляемые отмечают пользу "
    "совместной подготовки уроков и посещения занятий наставника.\n"
    "Рекомендуется расширить банк наставников за счёт педагогов, прошедших обучение в «Школе "
    "наставника», и провести итоговую конференцию с участием родителей."
)
TEXT_ANSWERS = (
    "Больше времени на взаимопосещение уроков",
    "Проводить встречи регулярно, по графику",
    "Добавить онлайн-консультации",
    "Ничего не менять",
    "",
)


def _answers(campaign, rng: random.Random, mood: int) -> dict[int, dict]:
    """Plausible answers: satisfaction around ``mood`` (1–10)."""
    answers = {}
    for question in campaign.questionnaire.questions.all():
        if question.kind == "scale":
            answers[question.pk] = {"number": max(1, min(10, mood + rng.choice((-2, -1, 0, 0, 1))))}
        elif question.kind == "yes_no":
            answers[question.pk] = {"number": 1 if rng.random() < 0.75 else 0}
        elif question.kind == "single":
            answers[question.pk] = {"text": rng.choice(question.choice_list()[:3])}
        elif question.kind == "multiple":
            answers[question.pk] = {"choices": rng.sample(question.choice_list(), 2)}
        else:
            text = rng.choice(TEXT_ANSWERS)
            if text:
                answers[question.pk] = {"text": text}
    return answers


def _past_campaign_answers(campaign, people, rng, mood):
    """Answers of a campaign already closed: written as they were then (the service accepts
    answers only while a campaign is open)."""
    from monitoring.models import Answer, Invitation, Response

    for person in people:
        response = Response.objects.create(
            campaign=campaign,
            respondent=None if campaign.anonymous else person,
            submitted_at=None if campaign.anonymous else campaign.created_at,
        )
        Answer.objects.bulk_create(
            Answer(response=response, question_id=question_id, **value)
            for question_id, value in _answers(campaign, rng, mood).items()
        )
        Invitation.objects.filter(campaign=campaign, person=person).update(answered=True)


# The targets of both years' indicators.
TARGETS = {
    "pairs_formed": 3,
    "mentors_in_bank": 5,
    "young_teachers_mentees": 80,
    "mentees_with_pair": 90,
    "roadmap_on_time": 85,
    "program_items_done": 80,
    "survey_participation": 75,
    "mentor_satisfaction": 8,
    "mentee_satisfaction": 8,
}
YOUNG_STAYED = "Доля молодых специалистов, оставшихся работать в школе"


@demo_step(order=60)
def create_monitoring(context: DemoContext) -> None:
    from django.utils import timezone

    from monitoring import services
    from monitoring.report import current_academic_year

    rng = random.Random(2024)
    school = context.objects["organisations"]["main"]
    accounts = context.objects["people"]
    curator = accounts["curator"].user
    this_year = current_academic_year(school, timezone.localdate())
    questionnaires = {
        key: services.questionnaire_copy_standard(organisation=school, key=key, by=curator)
        for key in ("mentor", "mentee")
    }
    mentors, mentees = _people_asked(school, accounts)
    _previous_year(school, this_year - 1, curator, questionnaires, mentors, mentees, rng)
    context.objects["monitoring_year"] = _this_year(
        school, this_year, accounts, questionnaires, mentors, mentees, rng
    )


def _people_asked(school, accounts):
    """The mentors and mentees in the banks, the demo mentor and mentee among them."""
    from participants.models import MenteeRequest, MentorProfile

    mentors = [
        p.person
        for p in MentorProfile.objects.filter(person__organisation=school)
        .in_bank()
        .select_related("person")
    ]
    mentees = [
        r.person
        for r in MenteeRequest.objects.filter(person__organisation=school)
        .in_bank()
        .select_related("person")
    ]
    if accounts["mentor"] not in mentors:
        mentors.append(accounts["mentor"])
    if accounts["mentee"] not in mentees:
        mentees.append(accounts["mentee"])
    return mentors, mentees


def _previous_year(school, year, curator, questionnaires, mentors, mentees, rng):
    """The spring campaigns, closed, and the year's report approved when the year ended."""
    from django.utils import timezone

    from monitoring import services
    from monitoring.models import Campaign, IndicatorTarget, ManualIndicator, MonitoringYear
    from monitoring.models.year import academic_year_bounds

    _, previous_end = academic_year_bounds(school, year)
    spring = previous_end - timedelta(days=100)
    for questionnaire, people, anonymous, mood in (
        (questionnaires["mentor"], mentors, False, 7),
        (questionnaires["mentee"], mentees, True, 8),
    ):
        campaign = services.campaign_start(
            questionnaire=questionnaire,
            starts_on=spring,
            ends_on=spring + timedelta(days=14),
            audience=Campaign.Audience.CHOSEN,
            anonymous=anonymous,
            chosen=people,
            by=curator,
        )
        _past_campaign_answers(campaign, people[: max(1, len(people) - 1)], rng, mood)
    previous = MonitoringYear.objects.create(
        organisation=school, year=year, conclusions=PREVIOUS_CONCLUSIONS
    )
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(monitoring_year=previous, code=code, target=Decimal(target))
        for code, target in TARGETS.items()
    )
    ManualIndicator.objects.bulk_create(
        [
            ManualIndicator(
                monitoring_year=previous,
                order=1,
                title=YOUNG_STAYED,
                stage=2,
                unit="%",
                value=Decimal("100"),
                target=Decimal("90"),
            ),
            ManualIndicator(
                monitoring_year=previous,
                order=2,
                title="Число открытых уроков, проведённых наставляемыми",
                stage=2,
                unit="шт.",
                value=Decimal("7"),
                target=Decimal("6"),
            ),
        ]
    )
    services.monitoring_year_approve(monitoring_year=previous, by=curator)
    # Approved when that year ended, as a school would have done it.
    MonitoringYear.objects.filter(pk=previous.pk).update(
        approved_at=timezone.make_aware(
            datetime.combine(previous_end - timedelta(days=60), time(15))
        )
    )


def _this_year(school, year, accounts, questionnaires, mentors, mentees, rng):
    """Campaigns open now (the demo mentor and mentee have not answered yet) and the draft year."""
    from django.utils import timezone

    from monitoring import services
    from monitoring.models import Campaign, IndicatorTarget, ManualIndicator, MonitoringYear

    curator = accounts["curator"].user
    today = timezone.localdate()
    for questionnaire, people, anonymous, mood, login in (
        (questionnaires["mentor"], mentors, False, 8, "mentor"),
        (questionnaires["mentee"], mentees, True, 9, "mentee"),
    ):
        campaign = services.campaign_start(
            questionnaire=questionnaire,
            starts_on=today - timedelta(days=7),
            ends_on=today + timedelta(days=21),
            audience=Campaign.Audience.CHOSEN,
            anonymous=anonymous,
            chosen=people,
            by=curator,
        )
        for person in people:
            if person != accounts[login] and rng.random() < 0.8:
                services.response_submit(
                    campaign=campaign, person=person, answers=_answers(campaign, rng, mood)
                )
    current = MonitoringYear.objects.create(
        organisation=school,
        year=year,
        conclusions="Черновик: выводы будут сформулированы по итогам анкетирования в мае.",
    )
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(monitoring_year=current, code=code, target=Decimal(target))
        for code, target in TARGETS.items()
    )
    ManualIndicator.objects.create(
        monitoring_year=current,
        order=1,
        title=YOUNG_STAYED,
        stage=2,
        unit="%",
        value=None,
        target=Decimal("90"),
    )
    return current
