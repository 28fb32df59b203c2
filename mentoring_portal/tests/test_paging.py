"""The one paginator and pager partial: one page size, links that keep the list's filters."""

import pytest
from django.urls import reverse

from mentoring_portal.paging import PAGE_SIZE
from participants.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_pager_keeps_the_filters_and_counts_the_whole_list(world, client_for):
    PersonFactory.create_batch(
        PAGE_SIZE + 1, organisation=world.school, category=Person.Category.STUDENT
    )
    url = reverse("participants:person_list")
    page = client_for("curator").get(url, {"category": "student"}).content.decode()
    assert "Страница 1 из 2" in page
    assert f"Всего: {PAGE_SIZE + 1}" in page
    assert 'href="?category=student&amp;page=2"' in page
    second = client_for("curator").get(url, {"category": "student", "page": 2}).content.decode()
    assert 'href="?category=student&amp;page=1"' in second
    assert "Страница 2 из 2" in second


def test_one_page_shows_no_pager_only_the_count(world, client_for):
    count = Person.objects.filter(organisation=world.school).count()
    page = client_for("curator").get(reverse("participants:person_list")).content.decode()
    assert "Страница" not in page
    assert f"Всего: {count}" in page
