import pytest

from monitoring.tests.factories import open_campaign


@pytest.fixture
def mentee_campaign(world):
    """An open, named campaign of the standard mentee questionnaire for the mentee persona."""
    return open_campaign(world.school, people=[world.people["mentee"]])
