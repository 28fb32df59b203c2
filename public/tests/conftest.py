import pytest


@pytest.fixture(autouse=True)
def empty_cache():
    """The pages are cached by the section's id and stamp: a rolled-back test's ids come again."""
    from public.views.pages import cache

    cache.clear()
    yield
    cache.clear()
