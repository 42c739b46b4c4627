"""The one way a percentage and a date are written on every page, chart, email and export.

- A percentage: at most one decimal place, no trailing zero: 62 -> "62%", 62.50 -> "62.5%", 33.333 -> "33.3%".
- A date as GOV.UK writes it: "11 June 2019" (no leading zero, the month in full), "June 2019" for a month,
  "11 June 2019 at 3:04pm" for a moment; a moment is shown in Europe/London (the settings' time zone).

Templates use the `percent`, `govuk_date` and `govuk_datetime` filters (tracker_tags), which call these.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone


def percent(value) -> str:
    if value is None or value == "":
        return ""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    if text.endswith(".0"):
        text = text[:-2]
    return f"{text}%"


def _local(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def govuk_date(value: dt.date | None) -> str:
    """11 June 2019 ("" for none)."""
    if value in (None, ""):
        return ""
    value = _local(value)
    return f"{value.day} {value:%B %Y}"


def govuk_month(value: dt.date) -> str:
    """June 2019."""
    return f"{_local(value):%B %Y}"


def govuk_datetime(value: dt.datetime | None) -> str:
    """11 June 2019 at 3:04pm ("" for none)."""
    if value in (None, ""):
        return ""
    value = _local(value)
    return f"{govuk_date(value)} at {value.hour % 12 or 12}:{value:%M}{'am' if value.hour < 12 else 'pm'}"
