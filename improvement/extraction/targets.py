"""Whether a figure found in the text is a measure's target rather than a reading of it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .model import MeasureItem

TARGET_WORDS = ("goal", "target", "aim", "ambition", "should be")


def is_target_only(measure: MeasureItem) -> bool:
    """True when the value found is the target itself, said as a goal ("the target is 85%"): no reading to record."""
    value, target = _number(measure.value), _number(measure.target)
    if value is None or target is None or value != target:
        return False
    quote = (measure.quote or "").lower()
    return any(word in quote for word in TARGET_WORDS)


def _number(value: float | int | str | None) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
