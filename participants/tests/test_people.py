from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from mentoring_portal.errors import ServiceError
from participants import services
from participants.models import Membership, Person, Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def person_data(**overrides):
    data = {
        "last_name": "Сидорова",
        "first_name": "Алла",
        "middle_name": "Борисовна",
        "category": "teacher",
        "position": "Учитель химии",
        "subjects": "химия",
        "experience_years": "4",
        "birth_date": "12.05.1995",
        "email": "sidorova@example.ru",
        "phone": "",
        "contacts": "",
    }
    data.update(overrides)
    return data


def test_curator_creates_a_person_with_fio_apart(world, client_for):
    response = client_for("curator").post(reverse("participants:person_create"), person_data())
    person = Person.objects.get(last_name="Сидорова")
    assert response.status_code == 302
    assert person.organisation == world.school
    assert (person.first_name, person.middle_name) == ("Алла", "Борисовна")
    assert person.birth_date == date(1995, 5, 12)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"birth_date": "31.02.1990"}, "birth_date", "ДД.ММ.ГГГГ"),
        ({"last_name": ""}, "last_name", "Обязательное поле"),
        ({"category": "student", "school_class": ""}, "school_class", "Укажите класс"),
        (
            {"category": "student", "school_class": "7А", "birth_date": "01.09.2013"},
            "legal_representative",
            "законного представителя",
        ),
        ({"email": "не-почта"}, "email", "адрес электронной почты"),
    ],
)
def test_bad_person_input_is_refused_next_to_the_field(
    world, client_for, overrides, field, message
):
    before = Person.objects.count()
    response = client_for("curator").post(
        reverse("participants:person_create"), person_data(**overrides)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Person.objects.count() == before


def test_a_minor_is_linked_to_a_representative(world, client_for):
    parent = PersonFactory(organisation=world.school, category=Person.Category.PARENT)
    client_for("curator").post(
        reverse("participants:person_create"),
        person_data(
            category="student",
            school_class="7А",
            birth_date="01.09.2013",
            legal_representative=parent.pk,
        ),
    )
    pupil = Person.objects.get(last_name="Сидорова")
    assert pupil.legal_representative == parent
    assert pupil.is_minor()


def test_representative_of_another_school_is_refused(world, client_for):
    stranger = PersonFactory(organisation=world.other_school, category=Person.Category.PARENT)
    response = client_for("curator").post(
        reverse("participants:person_create"),
        person_data(legal_representative=stranger.pk),
    )
    assert "legal_representative" in response.context["form"].errors


def test_edit_and_delete_with_confirmation(world, client_for):
    person = PersonFactory(organisation=world.school)
    client = client_for("curator")
    client.post(
        reverse("participants:person_edit", kwargs={"pk": person.pk}),
        person_data(last_name="Новикова"),
    )
    person.refresh_from_db()
    assert person.last_name == "Новикова"
    url = reverse("participants:person_delete", kwargs={"pk": person.pk})
    assert "Удалить участника" in client.get(url).content.decode()
    assert Person.objects.filter(pk=person.pk).exists()
    client.post(url)
    assert not Person.objects.filter(pk=person.pk).exists()


def test_a_person_with_a_consent_is_not_deleted(world, client_for, give_consent):
    person = PersonFactory(organisation=world.school)
    give_consent(person)
    client_for("curator").post(reverse("participants:person_delete", kwargs={"pk": person.pk}))
    assert Person.objects.filter(pk=person.pk).exists()


def test_the_delete_rules_live_in_one_atomic_service(world, client_for, give_consent):
    guardian = PersonFactory(organisation=world.school)
    PersonFactory(organisation=world.school, legal_representative=guardian)
    with pytest.raises(ServiceError) as refused:
        services.person_delete(person=guardian)
    assert refused.value.code == "represents_minor"
    page = client_for("curator").get(
        reverse("participants:person_delete", kwargs={"pk": guardian.pk})
    )
    assert "законным представителем" in page.content.decode()
    give_consent(guardian)
    with pytest.raises(ServiceError) as refused:
        services.person_delete(person=guardian)
    assert refused.value.code == "has_consent"
    assert Person.objects.filter(pk=guardian.pk).exists()


def test_give_login_creates_account_and_a_one_time_link(world, client_for, mailoutbox):
    person = PersonFactory(organisation=world.school, email="")
    response = client_for("curator").post(
        reverse("participants:person_give_login", kwargs={"pk": person.pk}),
        {"username": "sidorova", "email": "sidorova@example.ru", "roles": ["teacher", "mentee"]},
    )
    person.refresh_from_db()
    user = person.user
    assert user.username == "sidorova"
    assert not user.has_usable_password()
    assert set(Membership.objects.filter(user=user).values_list("role", flat=True)) == {
        Role.TEACHER,
        Role.MENTEE,
    }
    link = response.context["url"]
    assert link in mailoutbox[0].body
    # The link opens Django's set-password form, and sets the password once.
    client = client_for(None)
    form_page = client.get(link, follow=True)
    assert "new_password1" in form_page.content.decode()
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Sekret-Parol-2026", "new_password2": "Sekret-Parol-2026"},
    )
    user.refresh_from_db()
    assert user.check_password("Sekret-Parol-2026")
    assert client.get(link, follow=True).context["validlink"] is False


def test_give_login_refuses_a_taken_username(world, client_for):
    person = PersonFactory(organisation=world.school)
    response = client_for("curator").post(
        reverse("participants:person_give_login", kwargs={"pk": person.pk}),
        {"username": "curator", "email": "", "roles": ["teacher"]},
    )
    assert "Такой логин уже занят" in response.content.decode()
    assert get_user_model().objects.filter(username="curator").count() == 1


def test_people_list_filters_and_costs_the_same_for_5_and_50(
    world, client_for, give_consent, django_assert_num_queries
):
    client = client_for("curator")
    url = reverse("participants:person_list")
    client.get(url)  # warm the session and the caches

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count()
    for index in range(45):
        person = PersonFactory(organisation=world.school)
        if index % 2:
            give_consent(person)
    assert count() == small
    response = client.get(url, {"consent": "valid"})
    assert response.context["page"].paginator.count == 22


def test_under_35(world):
    young = PersonFactory(organisation=world.school, birth_date=date(1991, 6, 2))
    PersonFactory(organisation=world.school, birth_date=date(1991, 6, 1))
    PersonFactory(organisation=world.school, birth_date=None)
    assert list(Person.objects.under_35(on=date(2026, 6, 1))) == [young]


def test_curator_panel_counts_match_the_linked_pages(world, client_for, give_consent):
    from participants.tests.factories import MenteeRequestFactory

    give_consent(world.people["mentor"])
    MenteeRequestFactory(person=world.people["mentor"])
    client = client_for("curator")
    panel = dict(client.get(reverse("home")).context["panels"])["participants/_panel_curator.html"]
    missing = client.get(reverse("participants:person_list"), {"consent": "missing"})
    to_review = client.get(reverse("participants:mentee_bank"), {"status": "submitted"})
    assert panel["consents_missing"] == missing.context["page"].paginator.count == 5
    assert panel["requests_to_review"] == to_review.context["page"].paginator.count == 1
