"""A person leaves the school: banks, pairs, responsibilities, and no picker offers them."""

from datetime import date

import pytest
from django.urls import reverse

from monitoring.forms import CampaignForm
from pairs.forms import PairForm
from pairs.models import Pair
from participants.models import MentorProfile, Person
from roadmap.forms import ActivityForm
from roadmap.models import Activity
from school_year.forms import LeaveForm, ReassignForm
from school_year.staff import activities_to_reassign

pytestmark = pytest.mark.django_db

URL = reverse("school_year:staff")


def _leave(client, person, **overrides):
    data = {"leave-person": person.pk, "leave-left_on": "20.12.2026", "leave-reason": "увольнение"}
    data.update(overrides)
    return client.post(URL, data)


def test_leaving_ends_pairs_and_empties_banks(world, client_for, last_year):
    mentor = world.people["mentor"]
    response = _leave(client_for("curator"), mentor)
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.left_on == date(2026, 12, 20)
    assert MentorProfile.objects.get(person=mentor).status == MentorProfile.Status.EXCLUDED
    pair = Pair.objects.get(pk=last_year["pair"].pk)
    assert pair.status == Pair.Status.ENDED_EARLY
    assert pair.ended_on == date(2026, 12, 20)
    assert "из организации: увольнение" in pair.end_reason
    # The program's open items are listed for the pair's mentee to get another mentor.
    page = client_for("curator").get(URL).content.decode()
    assert reverse("pairs:program_detail", args=[pair.pk]) in page


def test_activities_listed_and_given_to_another_in_bulk(world, client_for, last_year):
    client = client_for("curator")
    _leave(client, world.people["working_group"])
    activities = list(activities_to_reassign(world.school))
    assert len(activities) == 4
    page = client.get(URL).content.decode()
    for activity in activities:
        assert reverse("roadmap:activity_detail", args=[activity.pk]) in page
    curator = world.people["curator"]
    response = client.post(
        reverse("school_year:staff_reassign"),
        {"give-activities": [a.pk for a in activities[:3]], "give-person": curator.pk},
    )
    assert response.status_code == 302
    for activity in Activity.objects.filter(pk__in=[a.pk for a in activities[:3]]):
        assert list(activity.responsible_people.all()) == [curator]
    assert list(activities_to_reassign(world.school)) == activities[3:]


def test_bad_input_saves_nothing(world, client_for, last_year):
    client = client_for("curator")
    mentor = world.people["mentor"]
    for overrides, message in (
        ({"leave-reason": " "}, "Укажите причину выбытия."),
        ({"leave-left_on": "32.13.2026"}, "Введите дату в формате ДД.ММ.ГГГГ"),
        ({"leave-person": "999999"}, "Выберите участника из списка."),
    ):
        response = _leave(client, mentor, **overrides)
        assert response.status_code == 400
        assert message in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.left_on is None
    assert last_year["pair"].__class__.objects.get(pk=last_year["pair"].pk).status == "active"
    response = client.post(reverse("school_year:staff_reassign"), {"give-person": mentor.pk})
    assert response.status_code == 400
    assert "Отметьте мероприятия, которые передать." in response.content.decode()


def test_leaving_twice_is_refused(world, client_for, last_year):
    client = client_for("curator")
    teacher = world.people["teacher"]
    _leave(client, teacher)
    response = _leave(client, teacher)
    assert response.status_code == 400  # not in the list any more


def test_a_person_who_left_is_in_no_picker(world, client_for, last_year):
    gone = world.people["teacher"]
    _leave(client_for("curator"), gone)
    school = world.school
    querysets = {
        "ответственные мероприятия": ActivityForm(organisation=school)
        .fields["responsible_people"]
        .queryset,
        "наставники пары": PairForm(organisation=school).fields["mentors"].queryset,
        "наставляемые пары": PairForm(organisation=school).fields["mentees"].queryset,
        "участники анкетирования": CampaignForm(organisation=school).fields["people"].queryset,
        "выбытие": LeaveForm(organisation=school).fields["person"].queryset,
        "назначить другого": ReassignForm(organisation=school, activities=Activity.objects.none())
        .fields["person"]
        .queryset,
    }
    for name, queryset in querysets.items():
        assert gone not in queryset, name
        assert queryset.exists(), name  # the list is not empty: somebody else is offered
    client = client_for("curator")
    for url in (reverse("pairs:pair_create"), URL):
        page = client.get(url).content.decode()
        assert gone.short_name not in page
    assert Person.objects.present().filter(pk=gone.pk).count() == 0


@pytest.mark.parametrize("rows", [1, 6])
def test_staff_page_query_count(world, client_for, rows, django_assert_num_queries):
    from roadmap.models import Roadmap
    from roadmap.tests.factories import make_roadmap
    from tests.factories import PersonFactory

    gone = [
        PersonFactory(organisation=world.school, left_on=date(2026, 11, 1)) for _ in range(rows)
    ]
    make_roadmap(world.school, status=Roadmap.Status.APPROVED, activities=rows, responsible=gone)
    client = client_for("curator")
    with django_assert_num_queries(QUERIES):
        client.get(URL)


QUERIES = 10
