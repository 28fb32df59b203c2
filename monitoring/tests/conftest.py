import pytest

from monitoring.tests.district_fixtures import fill_school
from monitoring.tests.factories import open_campaign
from tests.factories import DepartmentFactory, OrganisationFactory, PersonFactory


@pytest.fixture
def mentee_campaign(world):
    """An open, named campaign of the standard mentee questionnaire for the mentee persona."""
    return open_campaign(world.school, people=[world.people["mentee"]])


@pytest.fixture
def district(world):
    """The world's department with its school filled, a second school with nothing but one
    person, and a school of another department (never shown)."""
    fill_school(world.school)
    empty = OrganisationFactory(parent=world.department, short_name="МБОУ ООШ № 9")
    PersonFactory(organisation=empty)
    foreign = OrganisationFactory(parent=DepartmentFactory(), short_name="Чужая СОШ")
    fill_school(foreign)
    return world
