"""Filters for the scrutiny pages: every list is filtered by GET parameters in the URL.

Each filter set takes the authority so that its choices (themes, owners,
recommendations) never offer another council's records. Invalid input (a date
that is not a date, a theme from elsewhere) becomes a form error on the page and
that one filter is ignored; it is never a server error.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet

from improvement.forms.dates import DATE_HINT, GovukDateField
from improvement.models import (
    Action,
    ActionStatus,
    Inspection,
    Measure,
    Meeting,
    Owner,
    Recommendation,
    Theme,
)

class DateFilter(django_filters.DateFilter):
    field_class = GovukDateField


def _select():
    return forms.Select(attrs={"class": "govuk-select"})


class _ScopedFilterSet(django_filters.FilterSet):
    """A filter set whose choice fields list only the authority's own records."""

    def __init__(self, data=None, queryset=None, *, authority, **kwargs):
        self.authority = authority
        super().__init__(data=data, queryset=queryset, **kwargs)
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

    @property
    def used(self) -> list[tuple[str, str]]:
        """The filters in force, as (label, value) pairs, for stamping exports."""
        if not self.is_bound or not hasattr(self.form, "cleaned_data"):
            self.form.is_valid()
        out = []
        for name, value in getattr(self.form, "cleaned_data", {}).items():
            if value in (None, "", [], ()):
                continue
            field = self.form.fields[name]
            if isinstance(value, date):
                shown = f"{value:%-d %B %Y}"
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                shown = str(dict(field.choices).get(value, value))
            else:
                shown = str(value)
            out.append((str(field.label), shown))
        return out

    @property
    def has_errors(self) -> bool:
        return self.is_bound and not self.form.is_valid()


class ActionFilterSet(_ScopedFilterSet):
    """Theme, owner, status, recommendation and due-date range, for any list of actions."""

    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.all(), label="Theme", widget=_select())
    owner = django_filters.ModelChoiceFilter(queryset=Owner.objects.all(), label="Owner", widget=_select())
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices, label="Status", empty_label="All", widget=_select())
    recommendation = django_filters.ModelChoiceFilter(
        queryset=Recommendation.objects.all(), label="Recommendation", method="filter_recommendation", widget=_select()
    )
    due_from = DateFilter(field_name="due_date", lookup_expr="gte", label="Due from", help_text=DATE_HINT)
    due_to = DateFilter(field_name="due_date", lookup_expr="lte", label="Due by", help_text=DATE_HINT)

    class Meta:
        model = Action
        fields: ClassVar[list[str]] = []

    def filter_recommendation(self, queryset, name, value):
        if not value:
            return queryset
        link = Action.recommendations.through.objects.filter(action_id=OuterRef("pk"), recommendation_id=value.pk)
        return queryset.filter(Exists(link))


def _validate_range(filterset, first: str, second: str, message: str) -> None:
    if filterset.is_bound and filterset.form.is_valid():
        start, end = filterset.form.cleaned_data.get(first), filterset.form.cleaned_data.get(second)
        if start and end and end < start:
            filterset.form.add_error(second, message)


class RecommendationFilterSet(_ScopedFilterSet):
    """Recommendations by theme or inspection, or by what their actions are (owner, status, due)."""

    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.all(), label="Theme", method="filter_theme", widget=_select())
    inspection = django_filters.ModelChoiceFilter(queryset=Inspection.objects.all(), label="Inspection or visit", widget=_select())
    owner = django_filters.ModelChoiceFilter(queryset=Owner.objects.all(), label="Owner", method="filter_action", widget=_select())
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices, label="Action status", empty_label="All", method="filter_action", widget=_select())
    recommendation = django_filters.ModelChoiceFilter(
        queryset=Recommendation.objects.all(), label="Recommendation", field_name="pk", widget=_select()
    )
    due_from = DateFilter(label="Actions due from", method="filter_action", help_text=DATE_HINT)
    due_to = DateFilter(label="Actions due by", method="filter_action", help_text=DATE_HINT)

    class Meta:
        model = Recommendation
        fields: ClassVar[list[str]] = []

    def filter_theme(self, queryset, name, value):
        if not value:
            return queryset
        via_action = Action.objects.filter(recommendations=OuterRef("pk"), theme=value)
        return queryset.filter(Q(theme=value) | Exists(via_action))

    def filter_action(self, queryset, name, value):
        if value in (None, ""):
            return queryset
        lookup = {"owner": "owner", "status": "status", "due_from": "due_date__gte", "due_to": "due_date__lte"}[name]
        return queryset.filter(Exists(Action.objects.filter(recommendations=OuterRef("pk"), **{lookup: value})))


class MeasureFilterSet(_ScopedFilterSet):
    """Measures linked to a theme's, an owner's or a recommendation's actions; values within a date range."""

    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.all(), label="Theme", method="filter_action", widget=_select())
    owner = django_filters.ModelChoiceFilter(queryset=Owner.objects.all(), label="Owner", method="filter_action", widget=_select())
    recommendation = django_filters.ModelChoiceFilter(
        queryset=Recommendation.objects.all(), label="Recommendation", method="filter_action", widget=_select()
    )
    date_from = DateFilter(label="Values from", method="filter_nothing", help_text=DATE_HINT)
    date_to = DateFilter(label="Values to", method="filter_nothing", help_text=DATE_HINT)

    class Meta:
        model = Measure
        fields: ClassVar[list[str]] = []

    def filter_action(self, queryset, name, value):
        if not value:
            return queryset
        lookup = {"theme": "theme", "owner": "owner", "recommendation": "recommendations"}[name]
        return queryset.filter(Exists(Action.objects.filter(measures=OuterRef("pk"), **{lookup: value})))

    def filter_nothing(self, queryset, name, value):
        # The date range limits which values are shown, not which measures: the selector applies it.
        return queryset


class ChangesFilterSet(ActionFilterSet):
    """What changed since a date (or since the last meeting of a committee), for the actions filtered."""

    committee = django_filters.ChoiceFilter(label="Committee", empty_label="Any committee", method="filter_nothing", widget=_select())
    since = DateFilter(label="Changes since", method="filter_nothing", help_text=DATE_HINT)

    def __init__(self, data=None, queryset=None, *, authority, **kwargs):
        super().__init__(data=data, queryset=queryset, authority=authority, **kwargs)
        committees = (
            Meeting.objects.filter(authority=authority).order_by("committee").values_list("committee", flat=True).distinct()
        )
        self.form.fields["committee"].choices = [(c, c) for c in committees]
        # Put the date and committee first on the form.
        order = ["since", "committee", "theme", "owner", "status", "recommendation", "due_from", "due_to"]
        self.form.fields = {name: self.form.fields[name] for name in order}

    def filter_nothing(self, queryset, name, value):
        return queryset


class JourneyFilterSet(_ScopedFilterSet):
    """Inspections and visits by kind, date range, and the theme of their recommendations."""

    kind = django_filters.ChoiceFilter(choices=Inspection.Kind.choices, label="Kind", empty_label="All", widget=_select())
    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.all(), label="Theme", method="filter_theme", widget=_select())
    date_from = DateFilter(field_name="start_date", lookup_expr="gte", label="From", help_text=DATE_HINT)
    date_to = DateFilter(field_name="start_date", lookup_expr="lte", label="To", help_text=DATE_HINT)

    class Meta:
        model = Inspection
        fields: ClassVar[list[str]] = []

    def filter_theme(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Recommendation.objects.filter(inspection=OuterRef("pk"), theme=value)))


RANGES = {
    ActionFilterSet: ("due_from", "due_to"),
    RecommendationFilterSet: ("due_from", "due_to"),
    MeasureFilterSet: ("date_from", "date_to"),
    ChangesFilterSet: ("due_from", "due_to"),
    JourneyFilterSet: ("date_from", "date_to"),
}


def bind(filterset_class, *, data, queryset, authority):
    """Build and validate a filter set; a range whose end is before its start is a form error."""
    filterset = filterset_class(data or None, queryset=queryset, authority=authority)
    if filterset.is_bound:
        filterset.form.is_valid()
        first, second = RANGES[filterset_class]
        _validate_range(filterset, first, second, "The end date must be the same as or after the start date")
    return filterset
