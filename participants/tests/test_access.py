"""The access layer: which organisation a user acts in and with which roles."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from participants.access import access_for, require_role
from participants.models import Membership, Role
from tests.factories import OrganisationFactory, UserFactory, make_member

pytestmark = pytest.mark.django_db


def test_roles_of_the_current_organisation(world):
    access = access_for(world.user("mentor"))
    assert access.organisation == world.school
    assert access.roles == {Role.MENTOR, Role.TEACHER}
    assert access.has_role(Role.MENTOR)
    assert not access.has_role(Role.CURATOR, Role.DIRECTOR)


def test_user_without_membership_has_no_access(db):
    access = access_for(UserFactory())
    assert access.organisation is None
    assert not access.has_role()


def test_session_choice_of_another_users_organisation_is_ignored(world):
    access = access_for(world.user("teacher"), organisation_id=world.other_school.pk)
    assert access.organisation == world.school


def test_person_with_roles_in_two_schools_switches_between_them(world):
    person = world.people["teacher"]
    Membership.objects.create(user=person.user, organisation=world.other_school, role=Role.MENTOR)
    first = access_for(person.user)
    second = access_for(person.user, organisation_id=world.other_school.pk)
    assert first.organisation == world.school and first.roles == {Role.TEACHER}
    assert second.organisation == world.other_school and second.roles == {Role.MENTOR}


def test_coordinator_reads_schools_of_the_district_only(world):
    far_school = OrganisationFactory()
    access = access_for(world.user("coordinator"))
    assert access.organisation == world.department
    assert set(access.switchable()) == {world.department, world.school}
    assert far_school not in access.switchable()
    # Only the organisations of the user's roles are loaded, not the district's schools.
    assert access.organisations == (world.department,)
    in_school = access_for(world.user("coordinator"), organisation_id=world.school.pk)
    assert in_school.roles == {Role.COORDINATOR}
    assert in_school.organisation == world.school
    assert access_for(world.user("coordinator"), organisation_id=far_school.pk).organisation == (
        world.department
    )


def test_disabled_account_has_no_access(world):
    user = world.user("curator")
    user.is_active = False
    user.save()
    assert access_for(user).organisation is None


def test_access_costs_one_query_for_a_school_member(world, django_assert_num_queries):
    user = world.user("curator")
    with django_assert_num_queries(1):
        access_for(user)


def test_the_current_person_is_looked_up_once_and_only_when_asked(world, django_assert_num_queries):
    access = access_for(world.user("mentor"))
    with django_assert_num_queries(1):
        first = access.person
        again = access.person
    assert first == again == world.people["mentor"]
    with django_assert_num_queries(0):
        assert first.organisation == world.school


def test_the_current_person_is_the_one_of_the_current_school(world):
    person = world.people["teacher"]
    Membership.objects.create(user=person.user, organisation=world.other_school, role=Role.MENTOR)
    assert access_for(person.user).person == person
    assert access_for(person.user, organisation_id=world.other_school.pk).person is None
    assert access_for(UserFactory()).person is None


@pytest.fixture
def view():
    @require_role(Role.CURATOR)
    def curator_only(request):
        return "ok"

    return curator_only


def _request(user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    request.access = access_for(user)
    return request


def test_require_role_lets_the_role_in(world, view):
    assert view(_request(world.user("curator"))) == "ok"


def test_require_role_refuses_other_roles_and_logs(world, view, caplog):
    with pytest.raises(PermissionDenied):
        view(_request(world.user("teacher")))
    assert "access refused: user=teacher" in caplog.text


def test_require_role_sends_anonymous_to_login(db, view):
    response = view(_request(AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_switch_organisation(world, client):
    person = world.people["teacher"]
    Membership.objects.create(user=person.user, organisation=world.other_school, role=Role.MENTOR)
    client.force_login(person.user)
    response = client.post("/organisation/switch/", {"organisation": world.other_school.pk})
    assert response.status_code == 302
    response = client.get("/")
    assert response.context["access"].organisation == world.other_school
    assert world.other_school.full_name in response.content.decode()


def test_switch_to_a_foreign_organisation_is_404(world, client):
    client.force_login(world.user("teacher"))
    response = client.post("/organisation/switch/", {"organisation": world.other_school.pk})
    assert response.status_code == 404
    response = client.post("/organisation/switch/", {"organisation": "abc"})
    assert response.status_code == 404


def test_switch_only_by_post(world, client):
    client.force_login(world.user("teacher"))
    assert client.get("/organisation/switch/").status_code == 405


def test_make_member_helper_creates_roles(db):
    school = OrganisationFactory()
    person = make_member(school, "both", Role.MENTOR, Role.MENTEE)
    assert access_for(person.user).roles == {Role.MENTOR, Role.MENTEE}
