"""Participants answer once, may keep a draft, and cannot change an answer; anonymous
answers cannot be traced to a person, also not in the database."""

import re
from datetime import timedelta

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from mentoring_portal.errors import ServiceError
from monitoring import services
from monitoring.models import Answer, Invitation, Question, Response, ResponseDraft
from monitoring.tests.factories import full_answers, open_campaign, post_data


def _url(campaign):
    return reverse("monitoring:campaign_answer", args=[campaign.pk])


def test_home_page_lists_questionnaires_to_answer(world, client_for, mentee_campaign):
    page = client_for("mentee").get(reverse("home")).content.decode()
    assert "Анкеты к заполнению" in page
    assert _url(mentee_campaign) in page
    assert "Анкеты к заполнению" not in client_for("mentor").get(reverse("home")).content.decode()


def test_mentee_answers_once(world, client_for, mentee_campaign):
    client = client_for("mentee")
    response = client.post(_url(mentee_campaign), post_data(mentee_campaign, scale=9))
    assert response.status_code == 302
    saved = Response.objects.get(campaign=mentee_campaign)
    assert saved.respondent == world.people["mentee"]
    scale_answers = Answer.objects.filter(response=saved, question__kind="scale")
    assert set(scale_answers.values_list("number", flat=True)) == {9}
    assert Invitation.objects.get(campaign=mentee_campaign).answered

    again = client.post(_url(mentee_campaign), post_data(mentee_campaign, scale=1), follow=True)
    assert "Вы уже ответили" in again.content.decode()
    assert Response.objects.count() == 1
    assert not Answer.objects.filter(number=1, question__kind="scale").exists()
    page = client.get(_url(mentee_campaign)).content.decode()
    assert "изменить его нельзя" in page
    assert "Отправить ответы" not in page


def test_required_questions_must_be_answered(world, client_for, mentee_campaign):
    data = post_data(mentee_campaign)
    first = mentee_campaign.questionnaire.questions.first()
    data.pop(f"q{first.pk}")
    response = client_for("mentee").post(_url(mentee_campaign), data)
    assert response.status_code == 200
    assert "Обязательное поле" in response.content.decode()
    assert not Response.objects.exists()


def test_draft_is_kept_and_finished_later(world, client_for, mentee_campaign):
    client = client_for("mentee")
    first = mentee_campaign.questionnaire.questions.first()
    response = client.post(_url(mentee_campaign), {f"q{first.pk}": "7", "save_draft": "1"})
    assert response.status_code == 302
    assert not Response.objects.exists()
    assert ResponseDraft.objects.get().data[f"q{first.pk}"] == ["7"]
    page = client.get(_url(mentee_campaign)).content.decode()
    assert "Черновик сохранён" in page
    assert re.search(rf'name="q{first.pk}" value="7"[^>]*checked', page)

    # A draft of every kind of answer comes back into the form.
    client.post(_url(mentee_campaign), {**post_data(mentee_campaign), "save_draft": "1"})
    page = client.get(_url(mentee_campaign)).content.decode()
    assert "Больше открытых уроков</textarea>" in page
    client.post(_url(mentee_campaign), post_data(mentee_campaign))
    assert Response.objects.count() == 1
    assert not ResponseDraft.objects.exists()


def test_no_answer_after_the_campaign_closes(world, client_for, mentee_campaign):
    services.campaign_close(campaign=mentee_campaign, by=None)
    client = client_for("mentee")
    response = client.post(_url(mentee_campaign), post_data(mentee_campaign), follow=True)
    assert "Анкетирование завершено" in response.content.decode()
    assert not Response.objects.exists()


def test_no_answer_after_the_end_date(world):
    today = timezone.localdate()
    campaign = open_campaign(
        world.school,
        people=[world.people["mentee"]],
        starts_on=today - timedelta(days=10),
        ends_on=today - timedelta(days=1),
    )
    try:
        services.response_submit(
            campaign=campaign, person=world.people["mentee"], answers=full_answers(campaign)
        )
    except ServiceError as error:
        assert error.code == "campaign_closed"
    else:
        raise AssertionError("an answer after the end date was accepted")
    assert not Response.objects.exists()


def test_mentee_cannot_see_other_peoples_answers(world, client_for):
    mentor = world.people["mentor"]
    campaign = open_campaign(world.school, people=[world.people["mentee"], mentor])
    services.response_submit(campaign=campaign, person=mentor, answers={**full_answers(campaign)})
    client = client_for("mentee")
    assert client.get(reverse("monitoring:campaign_detail", args=[campaign.pk])).status_code == 403
    page = client.get(_url(campaign)).content.decode()
    assert "Больше открытых уроков" not in page
    assert mentor.short_name not in page


def test_anonymous_answer_cannot_be_traced_to_the_person(world, client_for):
    mentee = world.people["mentee"]
    campaign = open_campaign(world.school, people=[mentee, world.people["mentor"]], anonymous=True)
    client_for("mentee").post(_url(campaign), post_data(campaign))
    response = Response.objects.get()
    assert response.respondent_id is None
    assert response.submitted_at is None
    assert Invitation.objects.get(campaign=campaign, person=mentee).answered
    # The stored row holds only its id and the campaign: no person, no time.
    with connection.cursor() as cursor:
        cursor.execute("SELECT campaign_id, respondent_id, submitted_at FROM monitoring_response")
        assert cursor.fetchall() == [(campaign.pk, None, None)]
    # Answers point only at the response and the question; the invitation at no response.
    answer_links = {f.related_model for f in Answer._meta.concrete_fields if f.is_relation}
    assert answer_links == {Response, Question}
    invitation_fields = {field.name for field in Invitation._meta.concrete_fields}
    assert invitation_fields == {"id", "campaign", "person", "answered"}
    # The answer cannot be given twice either.
    again = client_for("mentee").post(_url(campaign), post_data(campaign), follow=True)
    assert "Вы уже ответили" in again.content.decode()
    assert Response.objects.count() == 1
