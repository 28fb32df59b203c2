"""The list pages' fast paths render what the slow ones did: the filter bar's fields built in
Python are crispy's Bootstrap 5 fields, a row's link is reverse()'s URL, and the menu's cached
URLs follow the script prefix."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.test.html import parse_html
from django.urls import reverse, set_script_prefix

from mentoring_portal.navigation import menu_for
from mentoring_portal.templatetags.portal import filter_field, row_url
from participants.filters import BankFilter, PersonFilter
from participants.models import Person, Role


@pytest.mark.parametrize(
    "data",
    [{}, {"q": "Крав <ел>", "category": "student", "consent": "valid"}, {"consent": "nope"}],
    ids=["empty", "chosen", "bad choice"],
)
@pytest.mark.parametrize("filter_class", [PersonFilter, BankFilter])
def test_filter_fields_are_crispy_fields(db, filter_class, data):
    form = filter_class(data, queryset=Person.objects.none()).form
    form.is_valid()
    for field in form:
        assert parse_html(filter_field(field)) == parse_html(as_crispy_field(field)), field.name


def test_a_bad_choice_still_shows_its_error(db):
    form = PersonFilter({"consent": "nope"}, queryset=Person.objects.none()).form
    assert not form.is_valid()
    assert "invalid-feedback" in filter_field(form["consent"])


def test_row_url_is_the_reversed_url():
    for pk in (1, 42, 2147483646):
        assert row_url("participants:person_detail", pk) == reverse(
            "participants:person_detail", args=[pk]
        )
    set_script_prefix("/portal/")
    try:
        assert row_url("participants:person_detail", 7) == "/portal/people/7/"
        assert {item.url for item in menu_for({Role.CURATOR})} == {
            reverse(item.url_name) for item in menu_for({Role.CURATOR})
        }
        assert all(item.url.startswith("/portal/") for item in menu_for({Role.CURATOR}))
    finally:
        set_script_prefix("/")
    assert row_url("participants:person_detail", 7) == "/people/7/"
