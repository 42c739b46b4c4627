"""The GOV.UK date input: day, month and year boxes, with errors that say which part is wrong.

`GovukDateField` also accepts one value in the form 2026-03-31 or 31/03/2026 under the
field's own name, so links and bookmarks written with ISO dates (?due_before=2026-03-31)
keep working beside the three boxes.
"""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.utils.html import format_html, format_html_join

from improvement.extraction.fact_dates import is_month_only

PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))
DATE_HINT = "For example, 31 3 2026"


class GovukDateWidget(forms.Widget):
    """Three inputs named <name>-day, <name>-month and <name>-year; the first has the field's id."""

    def value_from_datadict(self, data, files, name):
        parts = [data.get(f"{name}-{part}") for part, _, _ in PARTS]
        if any(p is not None for p in parts):
            return tuple((p or "").strip() for p in parts)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}-{part}" in data for part, _, _ in PARTS)

    def _parts(self, value) -> tuple[str, str, str]:
        if isinstance(value, (tuple, list)) and len(value) == 3:
            return tuple("" if v is None else str(v) for v in value)
        if isinstance(value, date):
            return str(value.day), str(value.month), str(value.year)
        if isinstance(value, str) and value:
            parsed = parse_date_text(value)
            if parsed:
                return str(parsed.day), str(parsed.month), str(parsed.year)
        return "", "", ""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        base_id = attrs.get("id") or f"id_{name}"  # the fieldset around the boxes carries the hint and error
        error = "govuk-input--error" in attrs.get("class", "")
        items = []
        for (part, label, width), shown in zip(PARTS, self._parts(value), strict=True):
            input_id = base_id if part == "day" else f"{base_id}-{part}"
            classes = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
            if error:
                classes += " govuk-input--error"
            items.append((input_id, label, classes, f"{name}-{part}", shown))
        inputs = format_html_join(
            "",
            '<div class="govuk-date-input__item"><div class="govuk-form-group">'
            '<label class="govuk-label govuk-date-input__label" for="{}">{}</label>'
            '<input class="{}" id="{}" name="{}" type="text" inputmode="numeric" value="{}"></div></div>',
            (
                (input_id, label, classes, input_id, field_name, shown)
                for input_id, label, classes, field_name, shown in items
            ),
        )
        return format_html('<div class="govuk-date-input" id="{}-parts">{}</div>', base_id, inputs)


def slash_date(value) -> str:
    """31/3/2026 for a date or an ISO day; an ISO month ("2026-03") or anything else as it is."""
    if not value:
        return ""
    day = value if isinstance(value, date) else (parse_date_text(str(value)) if len(str(value)) == 10 else None)
    return f"{day.day}/{day.month}/{day.year}" if day else str(value)


def parse_date_text(value: str) -> date | None:
    """2026-03-31, 31/03/2026, 31-3-2026 or 31 3 2026; None when it is none of those or not a real date."""
    value = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if m:
        year, month, day = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})[/\-. ](\d{1,2})[/\-. ](\d{4})", value)
        if not m:
            return None
        day, month, year = (int(g) for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


class GovukDateField(forms.Field):
    widget = GovukDateWidget
    default_error_messages = {
        "required": "Enter the date",
        "invalid": "The date must be a real date, for example 31 3 2026",
        "year": "The year must have 4 numbers, for example 2026",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", DATE_HINT)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in (None, "", ()) or (isinstance(value, (tuple, list)) and not any(value)):
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, (tuple, list)):
            day, month, year = value
            missing = [name for name, part in (("a day", day), ("a month", month), ("a year", year)) if not part]
            if missing:
                raise forms.ValidationError(f"The date must include {' and '.join(missing)}", code="incomplete")
            if not (day.isdigit() and month.isdigit() and year.isdigit()):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            if len(year) != 4:
                raise forms.ValidationError(self.error_messages["year"], code="year")
            try:
                return date(int(year), int(month), int(day))
            except ValueError:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        parsed = parse_date_text(str(value))
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


MONTH_HINT = "For example, 15 10 2019. For a month alone, leave the day empty: 10 2019"


class GovukMonthOrDateWidget(GovukDateWidget):
    """The three boxes, where a month alone ("2019-10") shows with the day box empty."""

    def _parts(self, value) -> tuple[str, str, str]:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = value.split("-")
            return "", str(int(month)), year
        return super()._parts(value)


class GovukMonthOrDateField(GovukDateField):
    """A GOV.UK date input that also takes a month alone (the day left empty), as facts give dates:
    cleans to "2019-10-15" for a day, "2019-10" for a month, None when all three boxes are empty."""

    widget = GovukMonthOrDateWidget
    default_error_messages = {
        **GovukDateField.default_error_messages,
        "invalid": "The date must be a real date, for example 15 10 2019, or a month, for example 10 2019",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", MONTH_HINT)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, (tuple, list)) and len(value) == 3 and not value[0] and value[1] and value[2]:
            _, month, year = value
            if not (month.isdigit() and year.isdigit()) or not 1 <= int(month) <= 12:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            if len(year) != 4:
                raise forms.ValidationError(self.error_messages["year"], code="year")
            return f"{int(year):04d}-{int(month):02d}"
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value.strip()):
            return value.strip()
        day = super().to_python(value)
        return day.isoformat() if day else None


def date_range_check(form: forms.Form, data: dict, start_field: str = "start", end_field: str = "end") -> None:
    """The rules for a start and an end given by two `GovukMonthOrDateField`s (a visit's days), as
    errors on the form's fields: an end needs a start, it is not before the start, and an end given
    as a month alone needs a start given as a month alone (a day's visit cannot end in "May")."""
    start, end = data.get(start_field), data.get(end_field)
    if end and not start:
        form.add_error(start_field, "Enter the start date, or leave the end date empty")
    elif start and end and end[: len(start)] < start[: len(end)]:
        form.add_error(end_field, "The end date must be the same as or after the start date")
    elif start and end and is_month_only(end) and not is_month_only(start):
        form.add_error(end_field, "Enter the end date with its day, or leave it empty")
