"""«Главная» for each role: the panels and the menu fit the role."""

import pytest
from django.test import Client

from conftest import PERSONA_ROLES
from mentoring_portal import navigation
from participants.models import Role
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", [*PERSONA_ROLES, "coordinator"])
def test_every_role_has_a_home_page(persona, world, client_for):
    response = client_for(persona).get("/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in content and "Главная" in content
    for role in PERSONA_ROLES.get(persona, [Role.COORDINATOR]):
        assert Role(role).label in content
    assert world.school.full_name in content  # footer


def test_home_is_only_for_logged_in_users(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_coordinator_sees_the_schools_of_the_district(world, client):
    client.force_login(world.user("coordinator"))
    content = client.get("/").content.decode()
    assert "Школы района" in content
    assert world.school.short_name in content
    assert world.other_school.short_name not in content


def test_user_without_roles_is_told_what_to_do(db):
    client = Client()
    client.force_login(UserFactory())
    content = client.get("/").content.decode()
    assert "пока нет ролей" in content


def test_menu_shows_only_the_items_of_the_users_roles(monkeypatch):
    monkeypatch.setattr(navigation, "_registry", {})
    navigation.register("Банк наставников", "home", roles=[Role.CURATOR], order=2)
    navigation.register("Мои анкеты", "login", roles=[Role.MENTOR, Role.MENTEE], order=1)
    assert [i.label for i in navigation.menu_for({Role.CURATOR})] == ["Банк наставников"]
    assert [i.label for i in navigation.menu_for({Role.MENTEE, Role.CURATOR})] == [
        "Мои анкеты",
        "Банк наставников",
    ]
    assert navigation.menu_for({Role.DIRECTOR}) == []


def _queries_for_home(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/")  # warm up the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def test_coordinator_home_costs_the_same_for_1_or_10_schools(world, client):
    client.force_login(world.user("coordinator"))
    with_one = _queries_for_home(client)
    OrganisationFactory.create_batch(9, parent=world.department)
    assert _queries_for_home(client) == with_one


def test_personal_pages_go_to_the_user_menu(monkeypatch, world, client):
    monkeypatch.setattr(navigation, "_registry", {})
    navigation.register("Банк наставников", "home", roles=[Role.CURATOR])
    navigation.register("Мои мероприятия", "login", roles=[Role.CURATOR], personal=True)
    client.force_login(world.user("curator"))
    response = client.get("/")
    assert [i["label"] for i in response.context["menu"]] == ["Банк наставников"]
    assert [i["label"] for i in response.context["personal_menu"]] == ["Мои мероприятия"]
    assert (
        'class="dropdown-item" href="/accounts/login/">Мои мероприятия' in response.content.decode()
    )
