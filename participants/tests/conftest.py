import pytest

from participants.tests.factories import ConsentFactory, ConsentTextFactory


@pytest.fixture(autouse=True)
def import_dir(tmp_path, monkeypatch):
    """Uploaded staff files go to a temporary folder, not the portal's var/imports."""
    from participants import importing

    monkeypatch.setattr(importing, "IMPORT_DIR", tmp_path / "imports")


@pytest.fixture
def consent_text(world):
    return ConsentTextFactory(organisation=world.school)


@pytest.fixture
def give_consent(consent_text):
    def give(person, **fields):
        return ConsentFactory(person=person, text=consent_text, **fields)

    return give
