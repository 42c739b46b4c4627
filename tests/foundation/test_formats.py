"""Dates as GOV.UK writes them, everywhere: one rule (improvement/formats.py) behind pages, emails and exports."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from improvement import formats
from improvement.models import Inspection, Meeting

UTC = dt.UTC


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (dt.date(2019, 6, 11), "11 June 2019"),
        (dt.date(2026, 3, 1), "1 March 2026"),  # no leading zero
        (None, ""),
        # a moment is the day in London: 11pm UTC in summer is already the next day there
        (dt.datetime(2026, 6, 30, 23, 30, tzinfo=UTC), "1 July 2026"),
        (dt.datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "31 December 2026"),  # GMT in winter
    ],
)
def test_a_date_is_written_day_month_year(value, shown):
    assert formats.govuk_date(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (dt.datetime(2026, 6, 11, 14, 4, tzinfo=UTC), "11 June 2026 at 3:04pm"),  # BST
        (dt.datetime(2026, 1, 11, 0, 5, tzinfo=UTC), "11 January 2026 at 12:05am"),
        (dt.datetime(2026, 1, 11, 12, 0, tzinfo=ZoneInfo("Europe/London")), "11 January 2026 at 12:00pm"),
        (None, ""),
    ],
)
def test_a_moment_is_written_with_its_london_time(value, shown):
    assert formats.govuk_datetime(value) == shown


def test_the_templates_filters_and_the_records_names_say_the_same():
    day = dt.date(2027, 2, 14)
    page = Template("{% load tracker_tags %}{{ d|govuk_date }}|{{ m|govuk_datetime }}").render(
        Context({"d": day, "m": dt.datetime(2027, 2, 14, 9, 30, tzinfo=UTC)})
    )
    assert page == "14 February 2027|14 February 2027 at 9:30am"
    assert (
        str(Meeting(committee="Corporate Parenting Board", date=day)) == "Corporate Parenting Board, 14 February 2027"
    )
    visit = Inspection(kind=Inspection.Kind.MONITORING_VISIT, ordinal=2, start_date=day)
    assert str(visit).endswith(", 14 February 2027")
    visit.date_precision = Inspection.DatePrecision.MONTH
    assert str(visit).endswith(", February 2027")
