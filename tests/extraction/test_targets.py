"""A figure that is only the measure's target, said as a goal, is not a reading."""

import pytest

from improvement.extraction import MeasureItem
from improvement.extraction.targets import is_target_only


def measure(quote, value, target):
    return MeasureItem(quote=quote, quote_start=0, quote_end=len(quote), name="Audits", value=value, target=target)


@pytest.mark.parametrize("quote", ["The target is 85%.", "Our ambition is 85%.", "It should be 85%.", "The GOAL: 85%"])
def test_the_target_said_as_a_goal_is_target_only(quote):
    assert is_target_only(measure(quote, 85, 85.0))


@pytest.mark.parametrize(
    "quote, value, target",
    [
        ("Audits stood at 64% against a target of 85%.", 64, 85),  # a reading beside its target
        ("Audits reached 85%.", 85, None),  # no target
        ("Audits reached 85%, the same as last year.", 85, 85),  # equal, but not said as a goal
    ],
)
def test_a_reading_is_not_target_only(quote, value, target):
    assert not is_target_only(measure(quote, value, target))
