"""Each computed indicator on a fixture whose value is known by hand (academic year 2025/2026,
counted on 30.06.2026)."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from monitoring import services
from monitoring.indicators import compute_indicators
from monitoring.models import IndicatorTarget, ManualIndicator
from monitoring.tests.factories import full_answers, make_pair, make_year, open_campaign
from pairs.models import Program, ProgramItem
from pairs.tests.factories import give_consent, mentee_in_bank, mentor_in_bank
from participants.models import MentorProfile
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import make_roadmap
from tests.factories import PersonFactory

TODAY = date(2026, 6, 30)
YOUNG, OLD = date(1995, 3, 1), date(1970, 3, 1)


def values(organisation, year=2025):
    return {
        v.code: v.value
        for v in compute_indicators(organisation=organisation, year=year, today=TODAY)
    }


def person(organisation, **fields):
    return PersonFactory(organisation=organisation, **fields)


@pytest.fixture
def school(world):
    return world.school


def test_pairs_and_groups_formed(school):
    make_pair(school)
    make_pair(school)
    make_pair(school, mentees=[person(school), person(school)], status="completed")
    make_pair(school, status="proposed")  # never fixed by an order
    make_pair(school, period=(date(2023, 9, 1), date(2024, 5, 31)))  # another year
    make_pair(school.__class__.objects.exclude(pk=school.pk).first())  # another school
    result = values(school)
    assert result["pairs_formed"] == Decimal(2)
    assert result["groups_formed"] == Decimal(1)


def test_banks(school):
    for _ in range(3):
        mentor_in_bank(person(school))
    MentorProfile.objects.create(person=person(school), status=MentorProfile.Status.SUBMITTED)
    mentee_in_bank(person(school))
    mentee_in_bank(person(school))
    result = values(school)
    assert result["mentors_in_bank"] == Decimal(3)
    assert result["mentees_in_bank"] == Decimal(2)


def test_share_of_young_teachers_who_are_mentees(school):
    in_pair = person(school, birth_date=YOUNG)
    in_bank = person(school, birth_date=YOUNG)
    person(school, birth_date=YOUNG)
    person(school, birth_date=YOUNG, category="young_specialist")
    old_mentee = person(school, birth_date=OLD)
    pupil = person(school, birth_date=date(2010, 1, 1), category="student")
    make_pair(school, mentees=[in_pair, old_mentee, pupil])
    mentee_in_bank(in_bank)
    # 2 of the 4 teachers under 35 are mentees: 50 %.
    assert values(school)["young_teachers_mentees"] == Decimal("50.0")


def test_share_of_mentees_with_a_pair(school):
    paired, waiting, waiting_too = person(school), person(school), person(school)
    for mentee in (paired, waiting, waiting_too):
        mentee_in_bank(mentee)
    make_pair(school, mentees=[paired])
    assert values(school)["mentees_with_pair"] == Decimal("33.3")


def _done_at(activity, moment: datetime):
    activity.status = Activity.Status.DONE
    activity.accepted_at = timezone.make_aware(moment)
    activity.save()


def test_share_of_roadmap_activities_done_on_time(school):
    roadmap = make_roadmap(
        school,
        status=Roadmap.Status.APPROVED,
        stages=1,
        activities=4,
        deadline="до 31 октября",
        period=(date(2025, 9, 1), date(2026, 8, 31)),
    )
    on_time, late, open_, cancelled = Activity.objects.filter(stage__roadmap=roadmap).order_by(
        "order"
    )
    assert on_time.deadline_due == date(2025, 10, 31)
    _done_at(on_time, datetime(2025, 10, 20, 12))
    _done_at(late, datetime(2025, 11, 15, 12))
    cancelled.status = Activity.Status.CANCELLED
    cancelled.save()
    make_roadmap(school, stages=1, activities=3, period=(date(2025, 9, 1), date(2026, 8, 31)))
    # 1 of the 3 activities due (the cancelled one and the draft roadmap do not count).
    assert values(school)["roadmap_on_time"] == Decimal("33.3")
    assert open_.status == Activity.Status.PLANNED


def test_share_of_program_plan_items_done(school):
    pair = make_pair(school)
    program = Program.objects.create(pair=pair, goals="Цели", tasks="Задачи")
    for due, done_on in [
        (date(2025, 10, 1), date(2025, 9, 28)),
        (date(2026, 1, 15), None),
        (date(2026, 3, 1), date(2026, 3, 5)),
        (date(2026, 7, 15), None),  # not yet due on 30.06.2026
        (date(2026, 9, 30), None),  # next academic year
    ]:
        ProgramItem.objects.create(program=program, title="Встреча", due=due, done_on=done_on)
    assert values(school)["program_items_done"] == Decimal("66.7")


def test_satisfaction_and_participation_from_the_questionnaires(school):
    mentors = [person(school), person(school)]
    mentees = [person(school), person(school)]
    start, end = date(2025, 10, 1), timezone.localdate()
    mentor_campaign = open_campaign(
        school, key="mentor", people=mentors, starts_on=start, ends_on=end
    )
    mentee_campaign = open_campaign(
        school, key="mentee", people=mentees, starts_on=start, ends_on=end, anonymous=True
    )

    def answer(campaign, who, first, second):
        answers = full_answers(campaign, scale=1)
        satisfaction = list(
            campaign.questionnaire.questions.filter(measure="satisfaction").order_by("order")
        )
        answers[satisfaction[0].pk] = {"number": first}
        answers[satisfaction[1].pk] = {"number": second}
        services.response_submit(campaign=campaign, person=who, answers=answers)

    answer(mentor_campaign, mentors[0], 8, 6)
    answer(mentee_campaign, mentees[0], 10, 9)
    answer(mentee_campaign, mentees[1], 7, 7)
    result = values(school)
    assert result["mentor_satisfaction"] == Decimal("7.00")
    assert result["mentee_satisfaction"] == Decimal("8.25")
    assert result["survey_participation"] == Decimal("75.0")
    # A campaign of another year counts in that year only.
    assert values(school, 2024)["mentee_satisfaction"] is None


def test_no_data_gives_no_value_rather_than_zero(school):
    result = values(school)
    assert result["roadmap_on_time"] is None
    assert result["mentor_satisfaction"] is None
    assert result["pairs_formed"] == Decimal(0)


def test_targets_and_manual_indicators(school):
    year = make_year(school)
    IndicatorTarget.objects.create(monitoring_year=year, code="pairs_formed", target=5)
    ManualIndicator.objects.create(
        monitoring_year=year,
        title="Доля наставляемых, принявших участие в конкурсах",
        stage=2,
        unit="%",
        value=Decimal("40"),
        target=Decimal("30"),
    )
    indicators = compute_indicators(organisation=school, year=2025, today=TODAY)
    pairs = next(i for i in indicators if i.code == "pairs_formed")
    manual = indicators[-1]
    assert (pairs.target, pairs.reached) == (Decimal(5), False)
    assert manual.title.startswith("Доля наставляемых") and manual.reached is True


def test_withdrawn_consent_leaves_the_bank_count(school):
    profile = mentor_in_bank(person(school))
    assert values(school)["mentors_in_bank"] == Decimal(1)
    profile.person.consents.update(withdrawn_on=date(2026, 1, 10))
    assert values(school)["mentors_in_bank"] == Decimal(0)
    give_consent(profile.person)
    assert values(school)["mentors_in_bank"] == Decimal(1)
