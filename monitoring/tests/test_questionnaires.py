"""The curator builds questionnaires (from scratch or from the standard ones) and runs them."""

from datetime import date

import pytest
from django.urls import reverse

from monitoring.models import Campaign, Invitation, Question, Questionnaire
from monitoring.services import audience_people
from monitoring.standard import STANDARD_BY_KEY
from monitoring.tests.factories import make_pair, standard_questionnaire
from participants.models import Consent
from participants.tests.factories import ConsentFactory
from tests.factories import PersonFactory


def test_standard_questionnaire_is_copied_into_the_school(world, client_for):
    client = client_for("curator")
    response = client.post(reverse("monitoring:questionnaire_copy_standard", args=["mentor"]))
    questionnaire = Questionnaire.objects.get(organisation=world.school)
    assert response.status_code == 302
    assert questionnaire.title == "Анкета наставника"
    assert questionnaire.questions.count() == len(STANDARD_BY_KEY["mentor"].questions)
    kinds = set(questionnaire.questions.values_list("kind", flat=True))
    assert kinds == {"scale", "single", "multiple", "text", "yes_no"}
    assert questionnaire.questions.filter(measure="satisfaction").count() == 2


def test_unknown_standard_key_is_refused(world, client_for):
    response = client_for("curator").post(
        reverse("monitoring:questionnaire_copy_standard", args=["nothing"])
    )
    assert response.status_code == 403
    assert not Questionnaire.objects.exists()


def _questionnaire_post(**question):
    data = {
        "title": "Анкета после флеш-встреч",
        "for_role": "mentee",
        "description": "",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-0-order": "1",
        "questions-0-text": "Что было полезно?",
        "questions-0-kind": "single",
        "questions-0-choices": "Уроки\nБеседы",
        "questions-0-required": "on",
        "questions-0-measure": "",
    }
    data.update({f"questions-0-{key}": value for key, value in question.items()})
    return data


def test_curator_builds_a_questionnaire_with_questions(world, client_for):
    response = client_for("curator").post(
        reverse("monitoring:questionnaire_create"), _questionnaire_post()
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.questionnaire.organisation == world.school
    assert question.choice_list() == ["Уроки", "Беседы"]


def test_choice_question_needs_two_choices_and_nothing_is_saved(world, client_for):
    response = client_for("curator").post(
        reverse("monitoring:questionnaire_create"), _questionnaire_post(choices="Уроки")
    )
    assert response.status_code == 200
    assert "не меньше двух вариантов" in response.content.decode()
    assert not Questionnaire.objects.exists()


def test_only_a_scale_question_goes_into_the_indicators(world, client_for):
    response = client_for("curator").post(
        reverse("monitoring:questionnaire_create"),
        _questionnaire_post(kind="text", choices="", measure="satisfaction"),
    )
    assert response.status_code == 200
    assert not Questionnaire.objects.exists()


def test_questions_are_frozen_once_a_campaign_ran(world, client_for, mentee_campaign):
    url = reverse("monitoring:questionnaire_edit", args=[mentee_campaign.questionnaire_id])
    response = client_for("curator").get(url)
    assert response.status_code == 302
    assert mentee_campaign.questionnaire.is_editable is False


def test_curator_starts_a_campaign_for_chosen_people(world, client_for):
    questionnaire = standard_questionnaire(world.school)
    mentee = world.people["mentee"]
    response = client_for("curator").post(
        reverse("monitoring:campaign_create", args=[questionnaire.pk]),
        {
            "starts_on": "01.10.2025",
            "ends_on": "20.10.2025",
            "audience": "chosen",
            "people": [mentee.pk],
            "anonymous": "on",
        },
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert (campaign.starts_on, campaign.ends_on) == (date(2025, 10, 1), date(2025, 10, 20))
    assert campaign.anonymous
    assert list(campaign.invitations.values_list("person", flat=True)) == [mentee.pk]


def test_campaign_period_must_be_in_order(world, client_for):
    questionnaire = standard_questionnaire(world.school)
    response = client_for("curator").post(
        reverse("monitoring:campaign_create", args=[questionnaire.pk]),
        {"starts_on": "20.10.2025", "ends_on": "01.10.2025", "audience": "mentors"},
    )
    assert response.status_code == 200
    assert "раньше даты начала" in response.content.decode()
    assert not Campaign.objects.exists()


def test_audience_of_mentees_is_active_pairs_and_the_mentee_role(world):
    in_pair = PersonFactory(organisation=world.school)
    in_proposed_pair = PersonFactory(organisation=world.school)
    make_pair(world.school, mentees=[in_pair])
    make_pair(world.school, mentees=[in_proposed_pair], status="proposed")
    other_school_pair_mentee = PersonFactory(organisation=world.other_school)
    make_pair(world.other_school, mentees=[other_school_pair_mentee])
    people = set(audience_people(organisation=world.school, audience="mentees"))
    assert people == {in_pair, world.people["mentee"]}


def test_audience_leaves_out_a_withdrawn_consent(world):
    mentor = world.people["mentor"]
    ConsentFactory(person=mentor, withdrawn_on=date(2025, 10, 1))
    assert Consent.objects.withdrawn().filter(person=mentor).exists()
    assert mentor not in set(audience_people(organisation=world.school, audience="mentors"))


def test_curator_closes_a_campaign(world, client_for, mentee_campaign):
    response = client_for("curator").post(
        reverse("monitoring:campaign_close", args=[mentee_campaign.pk])
    )
    mentee_campaign.refresh_from_db()
    assert response.status_code == 302
    assert mentee_campaign.is_open() is False


@pytest.mark.parametrize("count", [3, 30])
def test_questionnaire_list_costs_the_same_for_few_and_many(
    world, client_for, django_assert_num_queries, count
):
    for _ in range(count):
        standard_questionnaire(world.school)
    client = client_for("curator")
    client.get(reverse("monitoring:questionnaire_list"))  # warm the session
    # session, user, memberships, the bell, questionnaires, campaigns; the session is not written
    with django_assert_num_queries(6):
        response = client.get(reverse("monitoring:questionnaire_list"))
    assert response.status_code == 200


def test_invitations_list_who_answered(world, client_for, mentee_campaign):
    Invitation.objects.filter(campaign=mentee_campaign).update(answered=True)
    page = client_for("curator").get(
        reverse("monitoring:campaign_detail", args=[mentee_campaign.pk])
    )
    assert "ответил" in page.content.decode()
    assert world.people["mentee"].short_name in page.content.decode()
