"""The one way a percentage is written on every page, chart and export: at most one decimal place, no trailing zero.

62 -> "62%", 62.50 -> "62.5%", 33.333 -> "33.3%". Templates use the `percent` filter (tracker_tags)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def percent(value) -> str:
    if value is None or value == "":
        return ""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    if text.endswith(".0"):
        text = text[:-2]
    return f"{text}%"
