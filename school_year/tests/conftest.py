import pytest
from django.utils import timezone

from school_year.tests.factories import END_OF_YEAR, year_world


@pytest.fixture
def on_day(monkeypatch):
    """Move the portal's today (``timezone.localdate``) to a day of the test's choosing."""

    def move(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        return day

    return move


@pytest.fixture
def last_year(world):
    return year_world(world)


@pytest.fixture
def after_year(on_day):
    return on_day(END_OF_YEAR)
