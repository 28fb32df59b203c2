import pytest

from roadmap.models import Roadmap
from roadmap.tests.factories import make_roadmap


@pytest.fixture
def draft(world):
    return make_roadmap(world.school, responsible=[world.people["working_group"]])


@pytest.fixture
def approved(world):
    return make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        responsible=[world.people["working_group"]],
    )
