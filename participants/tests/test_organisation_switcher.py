"""The coordinator's organisation switcher: a search field over the department's schools, not a
button per school. A page loads and renders only the current organisation (and those of the
user's own roles), whatever the number of schools; the search answers only schools the
coordinator may act in."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.access import SESSION_KEY
from participants.models import Membership, Organisation, Role
from tests.factories import DepartmentFactory, OrganisationFactory

PICK = reverse("participants:organisation_pick")
SWITCH = reverse("participants:switch_organisation")


def add_schools(department, count):
    for number in range(count):
        OrganisationFactory(
            parent=department,
            short_name=f"МБОУ СОШ № {100 + number}",
            full_name=f"Средняя общеобразовательная школа № {100 + number}",
        )


def switcher_options(page: str) -> list[str]:
    form = re.search(r'<select id="organisation-switch".*?</select>', page, re.S)
    assert form, "no organisation switcher on the page"
    return re.findall(r"<option[^>]*>([^<]*)</option>", form.group(0))


def cost(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("in_school", [False, True], ids=["department", "school"])
def test_page_weight_and_queries_do_not_grow_with_the_schools(world, client, in_school):
    client.force_login(world.user("coordinator"))
    if in_school:
        session = client.session
        session[SESSION_KEY] = world.school.pk
        session.save()
    add_schools(world.department, 2)  # 3 schools
    queries_3, page_3 = cost(client, "/notifications/")
    add_schools(world.department, 27)  # 30 schools
    queries_30, page_30 = cost(client, "/notifications/")
    assert Organisation.objects.filter(parent=world.department).count() == 30
    assert queries_3 == queries_30
    assert len(page_3) == len(page_30)
    current = world.school if in_school else world.department
    # Only what the switcher shows: the current organisation (and the user's own department).
    assert switcher_options(page_30) == (
        [world.school.short_name, world.department.short_name]
        if in_school
        else [world.department.short_name]
    )
    assert f"selected>{current.short_name}</option>" in page_30
    assert "МБОУ СОШ № 1" not in page_30


def test_search_finds_the_department_schools_by_any_word_in_any_case(world, client):
    add_schools(world.department, 30)
    client.force_login(world.user("coordinator"))
    found = client.get(PICK, {"q": "сош 112"}).json()["results"]
    assert [r["text"] for r in found] == ["МБОУ СОШ № 112"]
    assert client.get(PICK, {"q": "ГИМНАЗИЯ"}).json()["results"] == [
        {"value": world.school.pk, "text": "МАОУ гимназия № 2"}
    ]
    # Nothing typed: the department first, then the schools by name, one page of them.
    first = client.get(PICK).json()["results"]
    assert first[0] == {"value": world.department.pk, "text": world.department.short_name}
    assert len(first) == 20
    assert "no-store" in client.get(PICK)["Cache-Control"]


def test_search_costs_the_same_for_3_and_30_schools(world, client, django_assert_num_queries):
    client.force_login(world.user("coordinator"))
    add_schools(world.department, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(PICK, {"q": "сош"})
    add_schools(world.department, 27)
    with django_assert_num_queries(len(few)):
        client.get(PICK, {"q": "сош"})


def test_another_department_school_never_appears_nor_switches(world, client):
    far = DepartmentFactory(short_name="Управление образования Томского района")
    far_school = OrganisationFactory(parent=far, short_name="МАОУ СОШ № 112 г. Томска")
    add_schools(world.department, 15)
    client.force_login(world.user("coordinator"))
    for query in ("", "томск", "сош 112", "управление", far_school.short_name):
        texts = [r["text"] for r in client.get(PICK, {"q": query}).json()["results"]]
        assert far_school.short_name not in texts
        assert far.short_name not in texts
    # The school with no department (the world's other school) is nobody's district either.
    found = client.get(PICK, {"q": world.other_school.short_name}).json()["results"]
    assert world.other_school.pk not in [r["value"] for r in found]
    assert client.post(SWITCH, {"organisation": far_school.pk}).status_code == 404
    assert client.post(SWITCH, {"organisation": world.other_school.pk}).status_code == 404
    assert client.session.get(SESSION_KEY) is None


def test_a_school_found_is_switched_to_and_its_pages_are_read(world, client):
    add_schools(world.department, 30)
    client.force_login(world.user("coordinator"))
    school = Organisation.objects.get(short_name="МБОУ СОШ № 117")
    [found] = client.get(PICK, {"q": "сош 117"}).json()["results"]
    response = client.post(SWITCH, {"organisation": found["value"], "next": "/"})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == school.pk
    page = client.get("/notifications/")
    assert page.context["access"].organisation == school
    assert page.context["access"].roles == {Role.COORDINATOR}
    assert switcher_options(page.content.decode()) == [
        school.short_name,
        world.department.short_name,
    ]


def test_a_school_member_searches_only_own_organisations(world, client):
    client.force_login(world.user("curator"))
    page = client.get("/notifications/").content.decode()
    assert 'id="organisation-switch"' not in page
    assert client.get(PICK).json()["results"] == [
        {"value": world.school.pk, "text": world.school.short_name}
    ]
    assert client.get(PICK, {"q": "СОШ"}).json()["results"] == []
    # A teacher with a second school keeps the short list of buttons (bounded by their roles).
    teacher = world.people["teacher"]
    Membership.objects.create(user=teacher.user, organisation=world.other_school, role=Role.MENTOR)
    client.force_login(teacher.user)
    page = client.get("/notifications/").content.decode()
    assert f'name="organisation" value="{world.other_school.pk}"' in page
    assert {r["text"] for r in client.get(PICK).json()["results"]} == {
        world.school.short_name,
        world.other_school.short_name,
    }


def test_pick_needs_a_login(db, client):
    response = client.get(PICK)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
