"""Template helpers shared by every page: GOV.UK dates, BRAG tags, "due in 3 days", query strings."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html

from improvement import formats, rag

register = template.Library()


@register.filter
def govuk_date(value) -> str:
    """11 June 2019 (a datetime is shown in Europe/London, the settings' time zone)."""
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return f"{value.day} {value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


@register.filter
def govuk_datetime(value) -> str:
    """11 June 2019 at 3:04pm, in Europe/London."""
    if value in (None, ""):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    hour = value.hour % 12 or 12
    return f"{value.day} {value:%B %Y} at {hour}:{value:%M}{'am' if value.hour < 12 else 'pm'}"


@register.filter
def days(n: int) -> str:
    """1 day, 3 days."""
    return f"{n} day" if n == 1 else f"{n} days"


@register.simple_tag(takes_context=True)
def due_relative(context, due_date, today=None) -> str:
    """ "due in 3 days", "due today", "due 2 days ago" ("" without a date)."""
    if not due_date:
        return ""
    today = today or context.get("today") or timezone.localdate()
    left = (due_date - today).days
    if left == 0:
        return "due today"
    if left > 0:
        return f"due in {days(left)}"
    return f"due {days(-left)} ago"


@register.simple_tag
def rag_tag(value, label=None):
    """A BRAG rating (a rag.Rag or a rating string) as a GOV.UK tag; the word is always shown."""
    rating = getattr(value, "rating", value)
    if not rating:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', label or "No rating")
    return format_html(
        '<strong class="govuk-tag tracker-rag tracker-rag--{}">{}</strong>',
        rating,
        label or rag.LABELS.get(rating, rating),
    )


@register.filter
def percent(value) -> str:
    """The one format for a percentage (improvement/formats.py): 62 -> "62%", 62.50 -> "62.5%"."""
    return formats.percent(value)


STATUS_TAG_COLOURS = {
    "not_started": "grey",
    "on_track": "turquoise",
    "at_risk": "yellow",
    "off_track": "pink",
    "complete": "light-blue",
    "evidenced": "purple",
}


@register.simple_tag
def status_tag(status: str):
    """An action's status as a GOV.UK tag, in colours apart from the BRAG ones; the words are always shown."""
    from improvement.models import ActionStatus

    label = dict(ActionStatus.choices).get(status, status)
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', STATUS_TAG_COLOURS.get(status, "grey"), label
    )


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one): for pagination links."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else None
    if params is None:
        from django.http import QueryDict

        params = QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def page_links(page) -> list[int | None]:
    """The page numbers the pagination shows: the first, the last and two either side of the
    current page, with None for the ellipsis just beyond those two (GOV.UK pagination). Worked
    out here rather than in a template loop over every page number, which a 2,000-row list made slow."""
    number, last = page.number, page.paginator.num_pages
    shown: list[int | None] = []
    for n in sorted({1, last, *range(number - 3, number + 4)}):
        if not 1 <= n <= last:
            continue
        if n in (1, last) or number - 2 <= n <= number + 2:
            shown.append(n)
        elif n in (number - 3, number + 3):
            shown.append(None)
    return shown


@register.filter
def field_type(bound_field) -> str:
    """The kind of GOV.UK control a form field needs: text, textarea, select, radios, checkbox,
    checkboxes, date, file."""
    widget = bound_field.field.widget
    name = type(widget).__name__
    return {
        "Textarea": "textarea",
        "Select": "select",
        "SelectMultiple": "checkboxes",
        "CheckboxSelectMultiple": "checkboxes",
        "RadioSelect": "radios",
        "CheckboxInput": "checkbox",
        "DateInput": "date",
        "GovukDateWidget": "dateparts",
        "GovukMonthOrDateWidget": "dateparts",
        "ClearableFileInput": "file",
        "FileInput": "file",
        "HiddenInput": "hidden",
        "NullBooleanSelect": "select",
    }.get(name, "text")


_ERROR_CLASS = {
    "text": "govuk-input--error",
    "date": "govuk-input--error",
    "dateparts": "govuk-input--error",
    "select": "govuk-select--error",
    "textarea": "govuk-textarea--error",
    "file": "govuk-file-upload--error",
}
_BASE_CLASS = {
    "text": "govuk-input",
    "date": "govuk-input govuk-input--width-10",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "file": "govuk-file-upload",
}


@register.simple_tag
def govuk_widget(bound_field):
    """The field's control with GOV.UK classes, and aria-describedby naming its hint and error message."""
    kind = field_type(bound_field)
    attrs = {}
    existing = bound_field.field.widget.attrs.get("class", "")
    classes = existing or _BASE_CLASS.get(kind, "")
    if bound_field.errors and kind in _ERROR_CLASS:
        classes = f"{classes} {_ERROR_CLASS[kind]}"
    if classes:
        attrs["class"] = classes
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}-error")
    if described and kind != "dateparts":  # a date's fieldset carries its hint and error
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


@register.filter
def slash_date(value) -> str:
    """31/3/2026: how a date is typed into a single box."""
    from improvement.forms.dates import slash_date as shown

    return shown(value)


@register.filter
def field_label(name: str) -> str:
    """due_date -> Due date, as the action history names fields."""
    from improvement.selectors.actions import FIELD_LABELS

    return FIELD_LABELS.get(name, str(name).replace("_", " ").capitalize())


@register.filter
def inspection_dates(inspection) -> str:
    """ "15 to 17 October 2019", "October 2019" (a month alone), or "" when undated."""
    from improvement.models import Inspection
    from improvement.selectors.documents import plain_date_range

    if inspection.start_date is None:
        return ""
    month_only = inspection.date_precision == Inspection.DatePrecision.MONTH
    start = f"{inspection.start_date:%Y-%m}" if month_only else inspection.start_date.isoformat()
    end = inspection.end_date.isoformat() if inspection.end_date else None
    return plain_date_range(start, end)


@register.filter
def manage_url(record) -> str:
    """Where the improvement lead changes or deletes a record the importer can make ("" if nowhere)."""
    from django.urls import reverse

    from improvement import models

    kinds = {
        models.Recommendation: "recommendations",
        models.Owner: "owners",
        models.Measure: "measures",
        models.Decision: "decisions",
        models.ImprovementPlan: "plans",
        models.Theme: "themes",
    }
    if isinstance(record, models.Inspection):
        return reverse("plan_admin_inspection_edit", args=[record.pk])
    if isinstance(record, models.Action):
        return reverse("action_edit", args=[record.pk])
    if isinstance(record, models.MeasureValue):
        return reverse("plan_admin_value_edit", args=[record.pk])
    kind = kinds.get(type(record))
    return reverse("plan_admin_edit", args=[kind, record.pk]) if kind else ""
