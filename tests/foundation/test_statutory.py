from datetime import date

import pytest

from improvement.statutory import action_plan_due, add_working_days, is_working_day


def test_seventy_working_days_from_the_verified_example():
    assert action_plan_due(report_published=date(2023, 5, 9)) == date(2023, 8, 16)


def test_priority_action_plan_is_twenty_working_days():
    # 9 May 2023 + 20 working days, with the 29 May spring bank holiday skipped.
    assert action_plan_due(report_published=date(2023, 5, 9), areas_for_priority_action=True) == date(2023, 6, 7)


def test_christmas_and_boxing_day_and_new_year_are_skipped():
    # Friday 22 Dec 2023: 25, 26 Dec and 1 Jan are bank holidays, plus two weekends.
    assert add_working_days(date(2023, 12, 22), 1) == date(2023, 12, 27)
    assert add_working_days(date(2023, 12, 22), 3) == date(2023, 12, 29)
    assert add_working_days(date(2023, 12, 22), 4) == date(2024, 1, 2)


def test_easter_good_friday_and_easter_monday_are_skipped():
    # Easter 2024: Good Friday 29 March, Easter Monday 1 April.
    assert not is_working_day(date(2024, 3, 29))
    assert not is_working_day(date(2024, 4, 1))
    assert add_working_days(date(2024, 3, 28), 1) == date(2024, 4, 2)


def test_no_report_date_gives_no_plan_date():
    assert action_plan_due(report_published=None) is None


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2024, 1, 1), -1)
