import pytest

from pairs.tests.factories import ready_mentee, ready_mentor


@pytest.fixture
def mentor(world):
    return ready_mentor(world.school, subjects="математика")


@pytest.fixture
def mentee(world):
    return ready_mentee(world.school, subjects="математика")
