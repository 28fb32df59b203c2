import pytest

from participants.tests.factories import ConsentFactory, ConsentTextFactory


@pytest.fixture(autouse=True)
def import_dir(tmp_path, settings):
    """Uploaded staff files (and every other stored file) go to a storage of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media" / "imports"


@pytest.fixture
def consent_text(world):
    return ConsentTextFactory(organisation=world.school)


@pytest.fixture
def give_consent(consent_text):
    def give(person, **fields):
        return ConsentFactory(person=person, text=consent_text, **fields)

    return give
