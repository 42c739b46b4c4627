"""What every filter set shares: GOV.UK widgets, the authority-scoped base class, and `bind`.

Filters come from GET parameters, so a filtered list can be bookmarked. Each filter set
takes the authority so that its choices (themes, owners, recommendations) never offer
another council's records. Invalid input (a date that is not a date, a theme from
elsewhere, a range that ends before it starts) becomes a form error on the page and that
one filter is ignored; it is never a server error. Every page renders the form with
`templates/partials/filters.html`.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

from improvement.formats import govuk_date
from improvement.forms.dates import DATE_HINT, GovukDateField
from improvement.models import Theme

__all__ = ["DATE_HINT", "DateFilter", "GovukSelect", "ScopedFilterSet", "bind", "checkbox", "search_box", "select"]

DATE_PARTS = ("", "-day", "-month", "-year")


class DateFilter(django_filters.DateFilter):
    """A date as the GOV.UK day, month and year boxes (or one ISO or 31/3/2026 value)."""

    field_class = GovukDateField


def _shown(value: object) -> str:
    """A value as Django's widget templates print it (`{{ value|stringformat:'s' }}`, autoescaped)."""
    return str(value) if isinstance(value, SafeData) else escape(f"{value}")


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False leaves an attribute out, True writes its name alone."""
    return "".join(
        f" {name}" if value is True else f' {name}="{_shown(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class GovukSelect(forms.Select):
    """Django's select, the same markup written in Python: its templates (one include per option,
    another per option's attributes) were most of the time a list page spends on its filters.
    tests/foundation/test_filters.py holds the output equal to Django's own templates."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        out = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                out.append(f'\n  <optgroup label="{_shown(group_name)}">')
            for option in group_choices:
                label = _shown(option["label"])
                out.append(f'\n  <option value="{_shown(option["value"])}"{_attrs(option["attrs"])}>{label}</option>\n')
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))  # noqa: S308 - every value above is escaped by _shown  # nosec B308 B703


def select() -> forms.Select:
    return GovukSelect(attrs={"class": "govuk-select"})


def search_box() -> forms.TextInput:
    return forms.TextInput(attrs={"class": "govuk-input", "type": "search", "spellcheck": "false"})


def checkbox() -> forms.CheckboxInput:
    return forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"})


def _renamed(data, aliases: dict[str, str]):
    """The GET data with old parameter names (and their -day/-month/-year boxes) read as the new ones."""
    if not data or not aliases:
        return data
    renamed = None
    for old, new in aliases.items():
        for part in DATE_PARTS:
            if old + part in data and new + part not in data:
                if renamed is None:
                    renamed = data.copy()
                if hasattr(renamed, "setlist"):
                    renamed.setlist(new + part, data.getlist(old + part))
                else:
                    renamed[new + part] = data[old + part]
    return data if renamed is None else renamed


class ScopedFilterSet(django_filters.FilterSet):
    """A filter set whose choice fields list only the authority's own records.

    `aliases` maps parameter names that saved links may still carry to today's names;
    `date_range` names the two date filters whose end must not be before their start.
    """

    aliases: ClassVar[dict[str, str]] = {}
    date_range: ClassVar[tuple[str, str] | None] = None

    def __init__(self, data=None, queryset=None, *, authority, today: date | None = None, **kwargs):
        self.authority = authority
        self.today = today
        super().__init__(data=_renamed(data, self.aliases), queryset=queryset, **kwargs)
        for name, filter_ in self.filters.items():
            field = self.form.fields[name]
            if isinstance(filter_, django_filters.ModelChoiceFilter):
                field.queryset = self._choices_for(name, field.queryset)
                field.empty_label = "All"

    def _choices_for(self, name: str, queryset: QuerySet) -> QuerySet:
        model = queryset.model
        if model is Theme:
            return Theme.objects.filter(plan__authority=self.authority).select_related(None)
        return queryset.filter(authority=self.authority)

    def validate_range(self) -> None:
        """A range whose end is before its start is an error on the end date (and that filter is ignored)."""
        if self.date_range is None or not (self.is_bound and self.form.is_valid()):
            return
        first, second = self.date_range
        start, end = self.form.cleaned_data.get(first), self.form.cleaned_data.get(second)
        if start and end and end < start:
            self.form.add_error(second, "The end date must be the same as or after the start date")

    @property
    def used(self) -> list[tuple[str, str]]:
        """The filters in force, as (label, value) pairs: shown above a list and stamped on exports."""
        if not self.is_bound:
            return []
        if not hasattr(self.form, "cleaned_data"):
            self.form.is_valid()
        out = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", False, [], ()):
                continue
            field = self.form.fields[name]
            if isinstance(value, date):
                shown = govuk_date(value)
            elif value is True:
                shown = "yes"
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                shown = str(dict(field.choices).get(value, value))
            else:
                shown = str(value)
            out.append((str(field.label), shown))
        return out

    @property
    def has_errors(self) -> bool:
        return self.is_bound and not self.form.is_valid()


def bind(filterset_class, *, data, queryset, authority, today: date | None = None, **kwargs):
    """Build and validate a filter set from GET data (empty data: unfiltered), checking its date range."""
    filterset = filterset_class(data or None, queryset=queryset, authority=authority, today=today, **kwargs)
    if filterset.is_bound:
        filterset.form.is_valid()
        filterset.validate_range()
    return filterset
