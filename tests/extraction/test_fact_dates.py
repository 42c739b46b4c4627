"""Fact dates read back: a day is itself, a month alone starts (or, when due, ends) that month."""

from datetime import date

import pytest

from improvement.extraction.fact_dates import due_date, is_month_only, parse_fact_date


@pytest.mark.parametrize(
    "value, parsed, due",
    [
        ("2024-03-14", date(2024, 3, 14), date(2024, 3, 14)),
        ("2024-06", date(2024, 6, 1), date(2024, 6, 30)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-12", date(2024, 12, 1), date(2024, 12, 31)),
        (date(2024, 5, 2), date(2024, 5, 2), date(2024, 5, 2)),
        (None, None, None),
        ("", None, None),
        ("soon", None, None),
    ],
)
def test_fact_dates(value, parsed, due):
    assert parse_fact_date(value) == parsed
    assert due_date(value) == due


def test_only_a_year_and_month_is_month_only():
    assert is_month_only("2024-06") and not is_month_only("2024-06-01") and not is_month_only(None)
