"""The statutory clock: working days in England, and when an action plan is due.

After an ILACS inspection the council sends Ofsted its action plan within 70 working
days of the report's publication; where a focused visit found areas for priority
action, a plan is due within 20 working days. Working days exclude weekends and the
bank holidays of England and Wales (from the maintained `holidays` package).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

PLAN_WORKING_DAYS = 70
PRIORITY_ACTION_WORKING_DAYS = 20


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself is day 0)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def action_plan_due(*, report_published: date | None, areas_for_priority_action: bool = False) -> date | None:
    if report_published is None:
        return None
    days = PRIORITY_ACTION_WORKING_DAYS if areas_for_priority_action else PLAN_WORKING_DAYS
    return add_working_days(report_published, days)
