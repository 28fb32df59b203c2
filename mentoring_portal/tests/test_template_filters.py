from datetime import UTC, date, datetime

import pytest

from mentoring_portal.templatetags.portal import date_doc, date_form


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2021, 11, 12), "12 ноября 2021 г."),
        (date(2024, 3, 1), "1 марта 2024 г."),
        (date(2025, 5, 31), "31 мая 2025 г."),
        # 21:30 UTC is already the next day in Moscow.
        (datetime(2024, 8, 31, 21, 30, tzinfo=UTC), "1 сентября 2024 г."),
        (None, ""),
    ],
)
def test_date_doc(value, expected):
    assert date_doc(value) == expected


def test_date_form():
    assert date_form(date(2024, 3, 1)) == "01.03.2024"
    assert date_form(None) == ""
