"""The people pickers: each field offers only the people who fit it, of this school only."""

import pytest
from django.urls import reverse

from pairs.forms import PairForm
from pairs.tests.factories import mentee_in_bank, mentor_in_bank
from participants.models import Person
from participants.pickers import label
from participants.tests.factories import ConsentFactory, MenteeRequestFactory
from tests.factories import PersonFactory, make_member


def pick(client, kind, q=""):
    response = client.get(reverse("participants:people_pick", args=[kind]), {"q": q})
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


@pytest.fixture
def banks(world):
    """A mentor and a mentee in the banks, a pupil and a parent outside them, and the same
    surname in the other school's banks."""
    school, other = world.school, world.other_school
    mentor = PersonFactory(organisation=school, last_name="Кравцова", first_name="Елена")
    mentor_in_bank(mentor)
    mentee = PersonFactory(organisation=school, last_name="Кравец", first_name="Ольга")
    mentee_in_bank(mentee)
    pupil = PersonFactory(
        organisation=school, last_name="Краснов", category=Person.Category.STUDENT
    )
    parent = PersonFactory(organisation=school, last_name="Крамер", category=Person.Category.PARENT)
    candidate = PersonFactory(organisation=school, last_name="Кравченко")  # request not accepted
    ConsentFactory(person=candidate)
    MenteeRequestFactory(person=candidate)
    foreign_mentor = PersonFactory(organisation=other, last_name="Кравцов", first_name="Иван")
    mentor_in_bank(foreign_mentor)
    foreign_mentee = PersonFactory(organisation=other, last_name="Кравцева")
    mentee_in_bank(foreign_mentee)
    make_member(other, "other_teacher", "teacher", last_name="Кравчук")
    return {
        "mentor": mentor,
        "mentee": mentee,
        "pupil": pupil,
        "parent": parent,
        "foreign_mentor": foreign_mentor,
    }


def test_mentors_come_from_the_mentor_bank_of_this_school(client_for, banks):
    client = client_for("curator")
    names = pick(client, "mentors", "крав")
    assert names == [label(banks["mentor"])]


def test_mentees_come_from_the_mentee_bank_of_this_school(client_for, banks):
    names = pick(client_for("curator"), "mentees", "КРАВ")
    assert names == [label(banks["mentee"])]


def test_staff_are_people_with_a_login_and_a_staff_post(client_for, world, banks):
    make_member(world.school, "pupil_login", "mentee", category=Person.Category.STUDENT)
    names = pick(client_for("working_group"), "staff")
    expected = sorted(
        p.full_name for k, p in world.people.items() if k not in {"coordinator", "outsider"}
    )
    assert sorted(n.split(" — ")[0] for n in names) == expected


def test_campaign_audience_is_everybody_of_this_school(client_for, world, banks):
    names = pick(client_for("director"), "people", "кра")
    surnames = sorted(n.split()[0] for n in names)
    assert surnames == ["Кравец", "Кравцова", "Кравченко", "Крамер", "Краснов"]


def test_several_words_narrow_the_search(client_for, banks):
    assert pick(client_for("curator"), "people", "крав ел") == [label(banks["mentor"])]
    assert pick(client_for("curator"), "people", "Крав Ирина") == []


def test_outsider_sees_only_own_school(client_for, world, banks):
    names = pick(client_for("outsider"), "mentors", "крав")
    assert names == [label(banks["foreign_mentor"])]
    assert all("Кравцова" not in n for n in pick(client_for("outsider"), "people", ""))


def test_unknown_kind_is_404_and_forbidden_roles_403(client_for, banks):
    assert client_for("curator").get("/people/pick/users/").status_code == 404
    url = reverse("participants:people_pick", args=["people"])
    assert client_for("teacher").get(url).status_code == 403
    assert client_for("mentor").get(url).status_code == 403


def test_pupil_is_described_by_class(client_for, world):
    PersonFactory(
        organisation=world.school,
        last_name="Зайцев",
        category=Person.Category.STUDENT,
        school_class="7 «А»",
        position="",
    )
    assert pick(client_for("curator"), "people", "зай")[0].endswith("обучающийся 7 «А» класса")


@pytest.mark.parametrize("rows", [5, 30])
def test_search_is_one_query_whatever_the_number_of_people(
    client_for, world, django_assert_num_queries, rows
):
    for _ in range(rows):
        mentor_in_bank(PersonFactory(organisation=world.school))
    client = client_for("curator")
    url = reverse("participants:people_pick", args=["mentors"])
    client.get(url)  # the session and the access are read once per request: warm nothing
    with django_assert_num_queries(4):
        response = client.get(url, {"q": ""})
    assert len(response.json()["results"]) == min(rows, 20)


def test_pair_form_takes_only_bank_people_and_renders_only_the_chosen(world, banks):
    form = PairForm(
        data={
            "mentors": [banks["pupil"].pk],
            "mentees": [banks["parent"].pk],
            "period_start": "01.09.2026",
            "period_end": "31.05.2027",
            "goal": "Цель",
        },
        organisation=world.school,
    )
    assert not form.is_valid()
    assert form.errors["mentors"] == ["Этого человека нельзя выбрать в это поле."]
    assert form.errors["mentees"] == ["Этого человека нельзя выбрать в это поле."]
    html = str(form["mentors"])
    assert 'data-picker-url="/people/pick/mentors/"' in html
    assert "<option" not in html  # nothing chosen that fits: no option at all
    chosen = PairForm(initial={"mentors": [banks["mentor"]]}, organisation=world.school)
    html = str(chosen["mentors"])
    assert html.count("<option") == 1 and banks["mentor"].full_name in html
