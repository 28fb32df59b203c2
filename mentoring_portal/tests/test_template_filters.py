from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from mentoring_portal.russian import plural_count
from mentoring_portal.templatetags.portal import date_doc, date_form
from tests.factories import PersonFactory


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2021, 11, 12), "12\u00a0ноября 2021\u00a0г."),
        (date(2024, 3, 1), "1\u00a0марта 2024\u00a0г."),
        (date(2025, 5, 31), "31\u00a0мая 2025\u00a0г."),
        # 21:30 UTC is already the next day in Moscow.
        (datetime(2024, 8, 31, 21, 30, tzinfo=UTC), "1\u00a0сентября 2024\u00a0г."),
        (None, ""),
    ],
)
def test_date_doc(value, expected):
    assert date_doc(value) == expected


def test_date_form():
    assert date_form(date(2024, 3, 1)) == "01.03.2024"
    assert date_form(None) == ""


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "1 год"), (21, "21 год"), (24, "24 года"), (11, "11 лет"), (12, "12 лет"), (5, "5 лет")]
    + [(112, "112 лет"), (101, "101 год"), (0, "0 лет")],
)
def test_numbers_meet_nouns_in_one_rule(number, expected):
    assert plural_count(number, "год", "года", "лет") == expected
    assert (
        Template('{% load portal %}{{ n|plural:"год,года,лет" }}').render(Context({"n": number}))
        == expected
    )


def test_person_card_says_24_years_and_21_years_of_experience(world, client_for):
    # Born on 1 January 24 years ago: 24 years old on any day of this year.
    born = date(timezone.localdate().year - 24, 1, 1)
    person = PersonFactory(organisation=world.school, experience_years=21, birth_date=born)
    page = client_for("curator").get(reverse("participants:person_detail", args=[person.pk]))
    text = page.content.decode()
    assert "21 год<" in text and "21 лет" not in text
    assert "(24 года)" in text
