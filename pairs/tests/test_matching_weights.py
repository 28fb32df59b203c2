"""The school's weights of the suggestions: the page, its preview that saves nothing, and the
suggestions and the proposal that follow the saved weights."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pairs import matching
from pairs.models import MatchingWeights, school_weights
from pairs.tests.factories import mentee_in_bank, mentor_in_bank
from participants.models import Difficulty
from tests.factories import PersonFactory

URL = reverse("pairs:matching_weights")
SUBJECT_FIRST = {
    "difficulties": 10,
    "experience": 5,
    "subject": 70,
    "kind": 5,
    "format": 5,
    "free_places": 5,
}


@pytest.fixture
def bank(world):
    """The case of issue 17: a mentee of informatics with three difficulties; an engineer of
    her subject who never taught and covers one; a teacher of 24 years who covers two."""
    difficulties = [
        Difficulty.objects.create(name=name)
        for name in ("Тишина в классе", "Урок по ФГОС", "Письма родителям")
    ]
    engineer = PersonFactory(organisation=world.school, last_name="Инженеров",
                             subjects="информатика", experience_years=None)  # fmt: skip
    mentor_in_bank(engineer, competencies=difficulties[:1])
    teacher = PersonFactory(organisation=world.school, last_name="Учителева",
                            subjects="математика", experience_years=24)  # fmt: skip
    mentor_in_bank(teacher, competencies=difficulties[:2])
    person = PersonFactory(organisation=world.school, last_name="Новикова", first_name="Мария",
                           middle_name="Петровна", subjects="информатика")  # fmt: skip
    request = mentee_in_bank(person, difficulties=difficulties)
    return {"engineer": engineer, "teacher": teacher, "request": request}


def _order(response):
    return [row.mentor.person_id for row in response.context["preview"]["rows"]]


def test_the_page_shows_the_defaults(world, client_for):
    response = client_for("curator").get(URL)
    assert response.status_code == 200
    assert response.context["preview"] is None
    page = response.content.decode()
    assert "Сейчас действуют веса по умолчанию" in page
    assert 'name="difficulties" value="40"' in page
    assert 'name="subject" value="15"' in page


@pytest.mark.parametrize("persona", ["director", "teacher", "working_group", "mentor"])
def test_only_the_curator_adjusts_the_weights(world, client_for, persona):
    client = client_for(persona)
    assert client.get(URL).status_code == 403
    assert client.post(URL, SUBJECT_FIRST).status_code == 403
    assert not MatchingWeights.objects.exists()


def test_the_preview_shows_the_new_order_and_saves_nothing(world, client_for, bank):
    engineer, teacher = bank["engineer"].pk, bank["teacher"].pk
    client = client_for("curator")
    response = client.get(URL, {**SUBJECT_FIRST, "mentee": bank["request"].pk, "preview": "1"})
    assert response.status_code == 200
    assert _order(response) == [engineer, teacher]
    rows = {row.mentor.person_id: row for row in response.context["preview"]["rows"]}
    assert (rows[engineer].place_before, rows[engineer].place_after) == (2, 1)
    assert (rows[teacher].place_before, rows[teacher].place_after) == (1, 2)
    assert rows[teacher].before.score > rows[teacher].after.score
    page = response.content.decode()
    assert "Наставники для Новиковой Марии Петровны: сейчас → с этими весами" in page
    assert "↑ выше на 1" in page
    assert "↓ ниже на 1" in page
    assert "Покрывает 2 из 3 трудностей: Тишина в классе; Урок по ФГОС" in page
    assert "Педагогический стаж 24 года" in page
    assert "Предпросмотр: веса ещё не сохранены" in page
    assert not MatchingWeights.objects.exists()
    assert school_weights(world.school) == matching.DEFAULT_WEIGHTS


def test_the_suggestion_page_opens_the_preview_for_its_mentee(world, client_for, bank):
    client = client_for("curator")
    suggest = client.get(reverse("pairs:suggest_for", kwargs={"request_pk": bank["request"].pk}))
    link = f"{URL}?mentee={bank['request'].pk}"
    assert link in suggest.content.decode()
    response = client.get(link)
    assert _order(response) == [bank["teacher"].pk, bank["engineer"].pk]
    assert response.context["preview"]["changed"] is False
    assert "порядок не меняется" in response.content.decode()
    assert URL in client.get(reverse("pairs:suggest_index")).content.decode()


def test_saved_weights_rank_the_suggestions_and_the_proposal(world, client_for, bank):
    client = client_for("curator")
    response = client.post(URL, {**SUBJECT_FIRST, "mentee": bank["request"].pk})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?mentee={bank['request'].pk}"
    saved = MatchingWeights.objects.get(organisation=world.school)
    assert saved.as_weights() == matching.Weights(**SUBJECT_FIRST)
    assert saved.updated_by == world.user("curator")
    suggest = client.get(reverse("pairs:suggest_for", kwargs={"request_pk": bank["request"].pk}))
    assert suggest.context["ranked"][0].mentor.person_id == bank["engineer"].pk
    [assignment] = client.get(reverse("pairs:proposal")).context["assignments"]
    assert assignment.match.mentor.person_id == bank["engineer"].pk
    # Saved again with the defaults, the teacher comes first again (the row is updated).
    client.post(URL, matching.DEFAULT_WEIGHTS.__dict__)
    assert MatchingWeights.objects.count() == 1
    suggest = client.get(reverse("pairs:suggest_for", kwargs={"request_pk": bank["request"].pk}))
    assert suggest.context["ranked"][0].mentor.person_id == bank["teacher"].pk


def test_another_schools_weights_change_nothing_here(world, client_for, bank):
    client_for("outsider").post(URL, SUBJECT_FIRST)
    assert MatchingWeights.objects.get().organisation == world.other_school
    assert school_weights(world.school) == matching.DEFAULT_WEIGHTS
    suggest = client_for("curator").get(
        reverse("pairs:suggest_for", kwargs={"request_pk": bank["request"].pk})
    )
    assert suggest.context["ranked"][0].mentor.person_id == bank["teacher"].pk


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"subject": 150}, "subject", "меньше либо равно 100"),
        ({"subject": -5}, "subject", "больше либо равно 0"),
        ({"subject": "много"}, "subject", "Введите целое число"),
        ({"subject": ""}, "subject", "Обязательное поле"),
        (dict.fromkeys(SUBJECT_FIRST, 0), None, "Хотя бы один вес должен быть больше нуля"),
    ],
)
def test_bad_weights_are_refused_in_russian(world, client_for, change, field, message):
    client = client_for("curator")
    for method in (client.post, client.get):
        response = method(URL, {**SUBJECT_FIRST, **change})
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert message in " ".join(errors[field or "__all__"])
        assert message in response.content.decode()
        assert response.context["preview"] is None
    assert not MatchingWeights.objects.exists()


def test_another_schools_mentee_cannot_be_previewed(world, client_for, bank):
    theirs = mentee_in_bank(PersonFactory(organisation=world.other_school, last_name="Чужова"))
    response = client_for("curator").get(URL, {"mentee": theirs.pk})
    assert response.status_code == 200
    assert response.context["preview"] is None
    assert "mentee" in response.context["form"].errors
    assert "Чужова" not in response.content.decode()


def test_the_preview_costs_the_same_queries_for_a_bigger_bank(world, client_for, bank):
    client = client_for("curator")
    query = {**SUBJECT_FIRST, "mentee": bank["request"].pk}
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(URL, query).context["preview"]["rows"]) == 2
    difficulty = Difficulty.objects.first()
    for i in range(10):
        mentor_in_bank(PersonFactory(organisation=world.school, subjects="физика",
                                     experience_years=i), competencies=[difficulty])  # fmt: skip
        mentee_in_bank(PersonFactory(organisation=world.school), difficulties=[difficulty])
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(URL, query).context["preview"]["rows"]) == 12
    assert len(many) == len(few)


def test_suggestion_pages_cost_one_query_more_for_the_weights_and_stay_flat(
    world, client_for, bank
):
    """The weights are read once per page, whatever the bank's size."""
    client = client_for("curator")
    MatchingWeights.objects.create(organisation=world.school, **SUBJECT_FIRST)
    suggest = reverse("pairs:suggest_for", kwargs={"request_pk": bank["request"].pk})
    counts = []
    for _round in range(2):
        with CaptureQueriesContext(connection) as pages:
            client.get(suggest)
            client.get(reverse("pairs:proposal"))
        counts.append(len(pages))
        for _i in range(10):
            mentor_in_bank(PersonFactory(organisation=world.school, subjects="физика"))
            mentee_in_bank(PersonFactory(organisation=world.school))
    assert counts[0] == counts[1]


def test_a_colleagues_save_in_between_is_not_overwritten(world, client_for):
    """Two tabs loaded the saved weights (version 1); the second save is refused with what is
    saved now, and the first one's weights stay."""
    client = client_for("curator")
    client.post(URL, SUBJECT_FIRST)
    loaded = MatchingWeights.objects.get(organisation=world.school).version
    assert client.post(URL, {**SUBJECT_FIRST, "subject": 60, "version": loaded}).status_code == 302
    stale = client.post(URL, {**SUBJECT_FIRST, "subject": 20, "version": loaded})
    assert stale.status_code == 200
    text = stale.content.decode()
    assert "Пока вы редактировали, запись сохранил" in text
    assert "Ваши изменения не сохранены" in text
    assert MatchingWeights.objects.get(organisation=world.school).subject == 60


def test_a_first_save_racing_another_is_refused_on_the_form(world, client_for, monkeypatch):
    """The row is one per school: a first save that meets another's just-created row (the
    database's uniqueness) is shown that row, not an error page, and nothing is overwritten."""
    from pairs.views import weights as view

    client = client_for("curator")
    real_save = view.WeightsForm.save_versioned

    def colleague_first(form):
        # The colleague's row lands after this form was loaded and checked, before it saves.
        MatchingWeights.objects.create(organisation=world.school, **SUBJECT_FIRST)
        return real_save(form)

    monkeypatch.setattr(view.WeightsForm, "save_versioned", colleague_first)
    response = client.post(URL, matching.DEFAULT_WEIGHTS.__dict__)
    assert response.status_code == 200
    assert "Ваши изменения не сохранены" in response.content.decode()
    assert MatchingWeights.objects.get(organisation=world.school).as_weights() == matching.Weights(
        **SUBJECT_FIRST
    )
