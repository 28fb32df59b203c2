"""Personas shared by every app's tests: one school with a person per role, and an outsider.

``school`` is the main school; ``other_school`` has its own curator (``outsider``), who must never
see the main school's records. Log a persona in with ``client_for("curator")``.
"""

from dataclasses import dataclass

import pytest

from participants.models import Organisation, Person, Role
from tests.factories import DepartmentFactory, OrganisationFactory, make_member

# persona -> roles in the main school
PERSONA_ROLES = {
    "director": [Role.DIRECTOR],
    "curator": [Role.CURATOR],
    "working_group": [Role.WORKING_GROUP, Role.TEACHER],
    "teacher": [Role.TEACHER],
    "mentor": [Role.MENTOR, Role.TEACHER],
    "mentee": [Role.MENTEE, Role.TEACHER],
}
PERSONAS = [*PERSONA_ROLES, "coordinator", "outsider"]


@dataclass
class World:
    department: Organisation
    school: Organisation
    other_school: Organisation
    people: dict[str, Person]

    def user(self, persona: str):
        return self.people[persona].user


@pytest.fixture
def world(db) -> World:
    department = DepartmentFactory(short_name="Управление образования Асиновского района")
    school = OrganisationFactory(parent=department, short_name="МАОУ гимназия № 2")
    other_school = OrganisationFactory(short_name="МБОУ СОШ № 5")
    people = {
        persona: make_member(school, persona, *roles) for persona, roles in PERSONA_ROLES.items()
    }
    people["coordinator"] = make_member(department, "coordinator", Role.COORDINATOR)
    people["outsider"] = make_member(other_school, "outsider", Role.CURATOR, Role.DIRECTOR)
    return World(department, school, other_school, people)


@pytest.fixture
def school(world):
    return world.school


@pytest.fixture
def client_for(world, client):
    """Log in as a persona (or anonymous with None) and return the test client."""

    def login(persona: str | None):
        client.logout()
        if persona is not None:
            client.force_login(world.user(persona))
            if persona == "coordinator":
                # A coordinator reads a school of the district after choosing it.
                session = client.session
                session["organisation_id"] = world.school.pk
                session.save()
        return client

    return login


@pytest.fixture(scope="session", autouse=True)
def flush_parents_before_children():
    """A test that commits is emptied with one ``DELETE FROM`` per table on SQLite, in no set
    order. The trigger on a signed order's list of pairs refuses to empty that list while the
    order is there (PostgreSQL's TRUNCATE fires no row trigger): empty the tables in name order,
    which puts ``pairs_order`` before ``pairs_order_pairs`` (Django names a many-to-many table
    after its model's table)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        yield
        return
    from django.db.backends.sqlite3.base import DatabaseOperations

    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, **kwargs):
        return original(self, style, sorted(tables), **kwargs)

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = original
