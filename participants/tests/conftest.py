import pytest

from participants.tests.factories import ConsentFactory, ConsentTextFactory


@pytest.fixture
def consent_text(world):
    return ConsentTextFactory(organisation=world.school)


@pytest.fixture
def give_consent(consent_text):
    def give(person, **fields):
        return ConsentFactory(person=person, text=consent_text, **fields)

    return give
