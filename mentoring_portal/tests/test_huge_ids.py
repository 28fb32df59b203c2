"""An id no database column can hold is «no such record», never a 500 (OverflowError on SQLite)."""

import pytest
from django import forms

from pairs.models import Pair, PairMember
from participants.models import Person

HUGE = 10**30

pytestmark = pytest.mark.django_db


def test_an_id_list_with_a_huge_id_matches_nothing(world):
    teacher = world.people["teacher"]
    assert list(Person.objects.filter(pk__in=[HUGE])) == []
    assert list(Person.objects.filter(pk__in=[str(HUGE), teacher.pk])) == [teacher]
    assert Person.objects.in_bulk([HUGE, -HUGE]) == {}
    assert list(PairMember.objects.filter(person_id__in=[HUGE])) == []
    assert list(PairMember.objects.filter(person__in=[HUGE])) == []
    assert list(Pair.objects.filter(members__person__in=[HUGE])) == []


def test_a_huge_id_in_a_multiple_choice_is_a_form_error(world):
    field = forms.ModelMultipleChoiceField(queryset=Person.objects.all())
    with pytest.raises(forms.ValidationError):
        field.clean([str(HUGE)])


def test_a_huge_id_in_a_people_field_is_a_form_error(world, client_for):
    client = client_for("curator")
    response = client.post(
        "/pairs/new/",
        {
            "form": "",
            "mentors": [str(HUGE)],
            "mentees": [str(world.people["mentee"].pk)],
            "period_start": "01.09.2026",
            "period_end": "31.05.2027",
            "goal": "Адаптация",
        },
    )
    assert response.status_code == 200
    assert "Этого человека нельзя выбрать в это поле." in response.content.decode()
    assert not Pair.objects.exists()


def test_a_huge_id_in_a_link_to_the_pair_form_is_ignored(world, client_for):
    response = client_for("curator").get(f"/pairs/new/?mentors={HUGE}&mentees={HUGE}")
    assert response.status_code == 200


def test_a_huge_id_in_a_proposal_is_ignored(world, client_for):
    from pairs.models import MentoringForm

    response = client_for("curator").post(
        "/pairs/proposal/accept/",
        {
            "form": MentoringForm.objects.filter(group="form").first().pk,
            "period_start": "01.09.2026",
            "period_end": "31.05.2027",
            "choice": [f"{HUGE}:{HUGE}"],
        },
    )
    assert response.status_code == 302
    assert not Pair.objects.exists()
