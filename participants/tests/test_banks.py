from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from participants.models import Difficulty, MenteeRequest, MentorProfile
from participants.services import consent_withdraw
from participants.tests.factories import (
    MenteeRequestFactory,
    MentorProfileFactory,
    MentorTrainingFactory,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_curator_accepts_a_request_with_a_valid_consent(world, client_for, give_consent):
    teacher = world.people["teacher"]
    request = MenteeRequestFactory(person=teacher)
    client = client_for("curator")
    url = reverse("participants:request_accept", kwargs={"pk": request.pk})
    client.post(url)
    request.refresh_from_db()
    assert request.status == MenteeRequest.Status.SUBMITTED  # no consent yet
    give_consent(teacher)
    client.post(url)
    request.refresh_from_db()
    assert request.status == MenteeRequest.Status.ACCEPTED
    assert request.reviewed_by == world.user("curator")
    assert list(MenteeRequest.objects.in_bank()) == [request]


def test_curator_returns_with_a_comment(world, client_for):
    request = MenteeRequestFactory(person=world.people["teacher"])
    url = reverse("participants:request_return", kwargs={"pk": request.pk})
    response = client_for("curator").post(url, {"comment": ""})
    assert "Напишите, что нужно исправить" in response.content.decode()
    client_for("curator").post(url, {"comment": "Уточните предметы"})
    request.refresh_from_db()
    assert (request.status, request.curator_comment) == ("returned", "Уточните предметы")


def test_mentor_accepted_then_trained(world, client_for, give_consent):
    mentor = world.people["mentor"]
    give_consent(mentor)
    profile = MentorProfileFactory(person=mentor)
    client = client_for("curator")
    client.post(reverse("participants:profile_accept", kwargs={"pk": profile.pk}))
    profile.refresh_from_db()
    assert profile.status == MentorProfile.Status.IN_BANK
    response = client.post(
        reverse("participants:profile_training", kwargs={"pk": profile.pk}),
        {"title": "Школа наставника", "finished_on": "32.01.2025", "hours": "0"},
    )
    assert "ДД.ММ.ГГГГ" in response.content.decode()
    assert not profile.trainings.exists()
    client.post(
        reverse("participants:profile_training", kwargs={"pk": profile.pk}),
        {"title": "Школа наставника", "finished_on": "20.01.2025", "hours": "36"},
    )
    profile.refresh_from_db()
    assert profile.status == MentorProfile.Status.TRAINED
    assert profile.get_status_display() == "Прошёл обучение"
    assert list(MentorProfile.objects.in_bank()) == [profile]


def test_other_schools_curator_gets_404(world, client_for):
    request = MenteeRequestFactory(person=world.people["teacher"])
    response = client_for("outsider").get(
        reverse("participants:request_detail", kwargs={"pk": request.pk})
    )
    assert response.status_code == 404
    page = client_for("outsider").get(reverse("participants:mentee_bank"))
    assert page.context["page"].paginator.count == 0


def _bank_people(world, count, give_consent):
    difficulty = Difficulty.objects.first()
    for index in range(count):
        person = PersonFactory(organisation=world.school, birth_date=date(1990 + index % 10, 1, 1))
        give_consent(person)
        request = MenteeRequestFactory(person=person, status="accepted")
        request.difficulties.add(difficulty)
        profile = MentorProfileFactory(person=person, status="trained")
        profile.competencies.add(difficulty)
        MentorTrainingFactory(profile=profile)


@pytest.mark.parametrize(
    "url_name", ["mentee_bank", "mentor_bank", "mentee_bank_export", "mentor_bank_export"]
)
def test_bank_pages_cost_the_same_for_5_and_50(world, client_for, give_consent, url_name):
    client = client_for("curator")
    url = reverse(f"participants:{url_name}")
    client.get(url)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _bank_people(world, 5, give_consent)
    five = queries()
    _bank_people(world, 45, give_consent)
    assert queries() == five


def test_withdrawn_consent_vanishes_from_lists_and_exports(world, client_for, give_consent):
    teacher = world.people["teacher"]
    consent = give_consent(teacher)
    MenteeRequestFactory(person=teacher, status="accepted")
    client = client_for("curator")

    def names_in_export():
        response = client.get(reverse("participants:mentee_bank_export"))
        sheet = load_workbook(__import__("io").BytesIO(response.content)).active
        return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]

    assert names_in_export() == [teacher.full_name]
    consent_withdraw(
        consent=consent, by=world.user("curator"), date=timezone.localdate(), reason=""
    )
    assert names_in_export() == []
    page = client.get(reverse("participants:mentee_bank"))
    assert teacher.full_name not in page.content.decode()
    # A new request from the same person stays out until they consent again.
    MenteeRequestFactory(person=teacher)
    assert names_in_export() == []
    assert not MenteeRequest.objects.in_bank().exists()


def test_bank_filters(world, client_for, give_consent):
    parents = Difficulty.objects.get(name__startswith="Работа с родителями")
    young = PersonFactory(organisation=world.school, birth_date=date(2000, 1, 1), subjects="физика")
    old = PersonFactory(organisation=world.school, birth_date=date(1970, 1, 1), subjects="химия")
    for person in (young, old):
        give_consent(person)
    MenteeRequestFactory(person=young, status="accepted", subjects="физика").difficulties.add(
        parents
    )
    MenteeRequestFactory(person=old, status="paired", subjects="химия")
    client = client_for("curator")
    url = reverse("participants:mentee_bank")

    def found(**params):
        page = client.get(url, params).context["page"]
        return {item.person for item in page}

    assert found(under_35="yes") == {young}
    assert found(difficulty=parents.pk) == {young}
    assert found(subject="хим") == {old}
    assert found(has_pair="yes") == {old}
    assert found(status="accepted") == {young}
    assert found(consent="valid") == {young, old}
