"""A pair opened from a suggestion starts filled in: one click «Создать пару» saves it."""

from django.urls import reverse
from django.utils import timezone

from pairs.models import Pair
from pairs.tests.factories import mentee_in_bank, ready_mentor
from participants.models import Difficulty, Person
from roadmap.models import Roadmap
from roadmap.tests.factories import make_roadmap
from tests.factories import PersonFactory


def _request(world, **fields):
    mentee = PersonFactory(organisation=world.school, category=Person.Category.YOUNG_SPECIALIST)
    difficulties = list(Difficulty.objects.order_by("order")[:2])
    request = mentee_in_bank(mentee, kind=fields.get("kind", ""), difficulties=difficulties)
    request.expected_result = "Уверенно вести урок по ФГОС."
    request.save()
    return request, difficulties


def _url(mentor, request):
    return (
        reverse("pairs:pair_create")
        + f"?mentors={mentor.pk}&mentees={request.person_id}&request={request.pk}"
    )


def test_suggestion_fills_form_kind_period_and_goal(world, client_for):
    mentor = ready_mentor(world.school)
    request, difficulties = _request(world, kind="virtual")
    form = client_for("curator").get(_url(mentor, request)).context["form"]
    assert form.initial["form"].name == "учитель – учитель"
    assert form.initial["kind"].kind_code == "virtual"
    assert form.initial["period_start"] == timezone.localdate()
    assert form.initial["period_end"] > form.initial["period_start"]
    goal = form.initial["goal"]
    assert goal.startswith("Преодоление профессиональных затруднений: ")
    assert all(d.name in goal for d in difficulties)
    assert goal.endswith("Ожидаемый результат: Уверенно вести урок по ФГОС.")


def test_one_post_of_what_the_form_shows_creates_the_pair(world, client_for):
    mentor = ready_mentor(world.school)
    request, _ = _request(world)
    client = client_for("curator")
    form = client.get(_url(mentor, request)).context["form"]
    data = {
        "form": form.initial["form"].pk,
        "kind": form.initial["kind"].pk,  # traditional when the mentee asked for nothing
        "mentors": [mentor.pk],
        "mentees": [request.person_id],
        "period_start": form.initial["period_start"].isoformat(),  # what type="date" sends
        "period_end": form.initial["period_end"].isoformat(),
        "goal": form.initial["goal"],
    }
    assert form.initial["kind"].kind_code == "traditional"
    response = client.post(reverse("pairs:pair_create"), data)
    assert response.status_code == 302
    pair = Pair.objects.get()
    assert pair.goal == form.initial["goal"] and pair.kind.kind_code == "traditional"


def test_pupil_mentee_gets_a_pupil_form(world, client_for):
    pupil = PersonFactory(organisation=world.school, category=Person.Category.STUDENT)
    request = mentee_in_bank(pupil)
    tutor = ready_mentor(world.school, category=Person.Category.STUDENT)
    form = client_for("curator").get(_url(tutor, request)).context["form"]
    assert form.initial["form"].name == "ученик – ученик"
    assert form.initial["goal"] == "Адаптация и профессиональное развитие наставляемого."


def test_another_schools_request_prefills_nothing(world, client_for):
    mentor = ready_mentor(world.other_school)
    foreign = mentee_in_bank(PersonFactory(organisation=world.other_school))
    form = client_for("curator").get(_url(mentor, foreign)).context["form"]
    assert "goal" not in form.initial and "form" not in form.initial
    assert "mentors" in form.initial and not form.initial["mentors"]  # scoped: nobody


def test_period_calendar_is_bounded_by_the_roadmap(world, client_for):
    make_roadmap(world.school, status=Roadmap.Status.APPROVED)
    html = client_for("curator").get(reverse("pairs:pair_create")).content.decode()
    assert 'type="date"' in html and 'min="2026-09-01"' in html and 'max="2027-08-31"' in html
