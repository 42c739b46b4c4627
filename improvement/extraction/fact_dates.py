"""Reading back the dates extraction writes into facts: "2024-03-14" for a day, "2024-06" for a month alone."""

from __future__ import annotations

from datetime import date

from .dates import month_end


def parse_fact_date(value: date | str | None) -> date | None:
    """The date a fact gives: a day as itself, a month alone as its first day; None when there is none."""
    if not value:
        return None
    if isinstance(value, date):
        return value
    value = str(value)
    try:
        if len(value) == 7:
            return date.fromisoformat(value + "-01")
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def is_month_only(value: date | str | None) -> bool:
    """True for a fact date that names a month but no day ("2024-06")."""
    return bool(value) and len(str(value)) == 7


def due_date(value: date | str | None) -> date | None:
    """An action's due date; a month alone (due "in June") is the end of that month, not its first day."""
    day = parse_fact_date(value)
    if day and is_month_only(value):
        return date.fromisoformat(month_end(day.year, day.month))
    return day
