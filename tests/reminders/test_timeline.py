"""The deadline timeline, without a database: which occasion is the latest on a given day."""

import datetime as dt

import pytest

from improvement.models import ReminderKind as K
from improvement.selectors.reminders import Policy, parse_reminder_days
from improvement.services.reminders import reminder_occasion, when_phrase

DUE = dt.date(2026, 6, 11)
DEFAULT = Policy(1, "Northshire", (14, 3, 0), 7, 7, 30)


def on(offset):
    return reminder_occasion(due=DUE, today=DUE + dt.timedelta(days=offset), policy=DEFAULT)


def at(offset):
    return DUE + dt.timedelta(days=offset)


@pytest.mark.parametrize(
    "offset, expected",
    [
        (-30, None),
        (-15, None),
        (-14, (K.BEFORE, at(-14))),
        (
            -4,
            (K.BEFORE, at(-14)),
        ),  # still the 14-day occasion: claimed once, whichever day it is swept
        (-3, (K.BEFORE, at(-3))),
        (-1, (K.BEFORE, at(-3))),
        (0, (K.DUE, DUE)),
        (1, (K.DUE, DUE)),  # a missed due date is caught up the next day
        (6, (K.DUE, DUE)),
        (7, (K.OVERDUE, at(7))),  # weekly while overdue
        (8, (K.ESCALATION, at(8))),  # overdue by more than 7 days: escalate
        (14, (K.ESCALATION, at(8))),
        (15, (K.ESCALATION, at(15))),  # then weekly
        (100, (K.ESCALATION, at(99))),
    ],
)
def test_latest_occasion_on_each_day(offset, expected):
    assert on(offset) == expected


def test_policy_is_per_authority():
    policy = Policy(1, "Eastshire", (7,), 14, 20, 30)
    assert reminder_occasion(due=DUE, today=at(-8), policy=policy) is None
    assert reminder_occasion(due=DUE, today=at(-7), policy=policy) == (K.BEFORE, at(-7))
    assert reminder_occasion(due=DUE, today=at(0), policy=policy) == (
        K.BEFORE,
        at(-7),
    )  # no 0: no due-day reminder
    assert reminder_occasion(due=DUE, today=at(3), policy=policy) is None
    assert reminder_occasion(due=DUE, today=at(14), policy=policy) == (
        K.OVERDUE,
        at(14),
    )
    assert reminder_occasion(due=DUE, today=at(21), policy=policy) == (
        K.ESCALATION,
        at(21),
    )
    assert reminder_occasion(due=DUE, today=at(34), policy=policy) == (
        K.ESCALATION,
        at(21),
    )
    assert reminder_occasion(due=DUE, today=at(35), policy=policy) == (
        K.ESCALATION,
        at(35),
    )


def test_no_repeat_escalates_once():
    policy = Policy(1, "Westshire", (0,), 0, 7, 30)
    assert reminder_occasion(due=DUE, today=at(5), policy=policy) == (K.DUE, DUE)
    assert reminder_occasion(due=DUE, today=at(8), policy=policy) == (
        K.ESCALATION,
        at(8),
    )
    assert reminder_occasion(due=DUE, today=at(80), policy=policy) == (
        K.ESCALATION,
        at(8),
    )


def test_policy_days_parse_leniently():
    assert parse_reminder_days("14,3,0") == (14, 3, 0)
    assert parse_reminder_days(" 3, 14 ,x,,0,3") == (14, 3, 0)
    assert parse_reminder_days("") == ()


def test_dates_in_plain_english():
    today = dt.date(2019, 6, 8)
    assert when_phrase(date=dt.date(2019, 6, 11), today=today) == "11 June 2019, in 3 days"
    assert when_phrase(date=dt.date(2019, 6, 9), today=today) == "9 June 2019, tomorrow"
    assert when_phrase(date=today, today=today) == "8 June 2019, today"
    assert when_phrase(date=dt.date(2019, 6, 7), today=today) == "7 June 2019, yesterday"
    assert when_phrase(date=dt.date(2019, 5, 30), today=today) == "30 May 2019, 9 days ago"


def test_the_timeline_is_pure_python_and_speaks_the_models_kinds():
    import ast
    import inspect

    from improvement.models import ReminderKind
    from improvement.services.reminders import timeline

    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(ast.parse(inspect.getsource(timeline)))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert imported <= {"__future__", "datetime", "typing"}, imported
    kinds = (timeline.BEFORE, timeline.DUE, timeline.OVERDUE, timeline.ESCALATION)
    assert kinds == (ReminderKind.BEFORE, ReminderKind.DUE, ReminderKind.OVERDUE, ReminderKind.ESCALATION)
