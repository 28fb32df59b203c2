import pytest
from django.urls import reverse

from mentoring_portal.errors import ServiceError
from participants import services
from participants.models import Difficulty, MenteeRequest, MentorProfile
from participants.tests.factories import MenteeRequestFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db


def request_data(**overrides):
    data = {
        "difficulties": [Difficulty.objects.get(name="Дисциплина на уроке").pk],
        "other_difficulty": "",
        "subjects": "начальные классы",
        "preferred_kind": "traditional",
        "preferred_format": "mixed",
        "expected_result": "Выстроить дисциплину в 2А классе",
    }
    data.update(overrides)
    return data


def test_difficulties_are_seeded():
    names = set(Difficulty.objects.values_list("name", flat=True))
    assert {"Работа с родителями (законными представителями)", "Требования ФГОС"} <= names


def test_teacher_saves_a_draft_then_submits(world, client_for):
    client = client_for("teacher")
    client.post(reverse("participants:my_request"), request_data(expected_result=""))
    request = MenteeRequest.objects.get(person=world.people["teacher"])
    assert request.status == MenteeRequest.Status.DRAFT
    client.post(reverse("participants:my_request_submit"), request_data())
    request.refresh_from_db()
    assert request.status == MenteeRequest.Status.SUBMITTED
    assert request.submitted_at is not None
    assert list(request.difficulties.values_list("name", flat=True)) == ["Дисциплина на уроке"]


def test_submit_needs_a_difficulty_and_a_result(world, client_for):
    response = client_for("teacher").post(
        reverse("participants:my_request_submit"),
        request_data(difficulties=[], expected_result=""),
    )
    errors = response.context["form"].errors
    assert "Отметьте хотя бы одно затруднение" in errors["difficulties"][0]
    assert "Опишите ожидаемый результат" in errors["expected_result"][0]
    assert not MenteeRequest.objects.exists()


def test_submitted_request_cannot_be_changed(world, client_for):
    request = MenteeRequestFactory(person=world.people["teacher"], expected_result="было")
    client_for("teacher").post(
        reverse("participants:my_request_submit"), request_data(expected_result="стало")
    )
    request.refresh_from_db()
    assert request.expected_result == "было"


def test_returned_request_shows_the_comment_and_can_be_resubmitted(world, client_for):
    MenteeRequestFactory(
        person=world.people["teacher"],
        status=MenteeRequest.Status.RETURNED,
        curator_comment="Уточните класс",
    )
    client = client_for("teacher")
    assert "Уточните класс" in client.get(reverse("participants:my_request")).content.decode()
    assert "Уточните класс" in client.get(reverse("participants:my_documents")).content.decode()
    client.post(reverse("participants:my_request_submit"), request_data())
    assert MenteeRequest.objects.get().status == MenteeRequest.Status.SUBMITTED


def test_teacher_sees_only_own_forms(world, client_for):
    MenteeRequestFactory(person=world.people["mentee"], expected_result="Чужой запрос")
    page = client_for("teacher").get(reverse("participants:my_request")).content.decode()
    assert "Чужой запрос" not in page
    # and cannot open the curator's view of it
    other = MenteeRequest.objects.get()
    response = client_for("teacher").get(
        reverse("participants:request_detail", kwargs={"pk": other.pk})
    )
    assert response.status_code == 403


def test_mentor_questionnaire_draft_and_submit(world, client_for):
    client = client_for("mentor")
    data = {
        "competencies": [Difficulty.objects.get(name="Проектирование урока").pk],
        "subjects": "математика",
        "experience": "22 года",
        "kinds_offered": ["traditional", "flash"],
        "work_format": "in_person",
        "max_mentees": "2",
        "availability": "вторник",
    }
    client.post(reverse("participants:my_questionnaire"), {**data, "max_mentees": "0"})
    assert not MentorProfile.objects.exists()
    client.post(reverse("participants:my_questionnaire_submit"), data)
    profile = MentorProfile.objects.get(person=world.people["mentor"])
    assert profile.status == MentorProfile.Status.SUBMITTED
    assert profile.kinds_offered == ["traditional", "flash"]


def test_submitted_questionnaire_is_read_only(world, client_for):
    MentorProfileFactory(person=world.people["mentor"])
    page = client_for("mentor").get(reverse("participants:my_questionnaire")).content.decode()
    assert "изменить его нельзя" in page


def test_save_and_submit_are_one_transaction(world, client_for, monkeypatch):
    """A refused submission leaves no half-saved draft (nor its difficulties) behind."""

    def refuse(form):
        raise ServiceError("Этот документ уже подан.", code="not_editable")

    monkeypatch.setattr(services, "_submit", refuse)
    response = client_for("teacher").post(reverse("participants:my_request_submit"), request_data())
    assert response.status_code == 200
    assert "Этот документ уже подан." in response.content.decode()
    assert not MenteeRequest.objects.filter(person=world.people["teacher"]).exists()
    assert not MenteeRequest.difficulties.through.objects.exists()


def test_submitting_says_what_happens_next_and_by_when(world, client_for):
    """Issue 17, point 9: «куратор рассмотрит … до ДД.ММ.ГГГГ»."""
    from datetime import timedelta

    from django.utils import timezone

    from participants.models import MenteeRequest, MentorProfile
    from participants.views.my import REVIEW_DAYS, _next_step

    by = (timezone.localdate() + timedelta(days=REVIEW_DAYS)).strftime("%d.%m.%Y")
    assert f"Куратор рассмотрит его до {by}" in _next_step(MenteeRequest)
    assert f"Куратор рассмотрит её до {by}" in _next_step(MentorProfile)
