"""Filters for the scrutiny pages: every list is filtered by GET parameters in the URL.

The shared parts (widgets, authority scoping, `bind`) are in `filters.common`; the action
filters, which the dashboard and the committee pack share with the action lists, are
`filters.actions.ActionFilterSet`.
"""

from __future__ import annotations

from typing import ClassVar

import django_filters
from django.db.models import Exists, OuterRef, Q

from improvement.filters.actions import ActionFilterSet
from improvement.filters.common import DATE_HINT, DateFilter, ScopedFilterSet, bind, select
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

__all__ = [
    "ActionFilterSet",
    "ChangesFilterSet",
    "JourneyFilterSet",
    "MeasureFilterSet",
    "RecommendationFilterSet",
    "bind",
]


class RecommendationFilterSet(ScopedFilterSet):
    """Recommendations by theme or inspection, or by what their actions are (owner, status, due)."""

    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(), label="Theme", method="filter_theme", widget=select()
    )
    inspection = django_filters.ModelChoiceFilter(
        queryset=Inspection.objects.all(), label="Inspection or visit", widget=select()
    )
    owner = django_filters.ModelChoiceFilter(
        queryset=Owner.objects.all(), label="Owner", method="filter_action", widget=select()
    )
    status = django_filters.ChoiceFilter(
        choices=ActionStatus.choices, label="Action status", empty_label="All", method="filter_action", widget=select()
    )
    recommendation = django_filters.ModelChoiceFilter(
        queryset=Recommendation.objects.all(), label="Recommendation", field_name="pk", widget=select()
    )
    due_from = DateFilter(label="Actions due from", method="filter_action", help_text=DATE_HINT)
    due_to = DateFilter(label="Actions due by", method="filter_action", help_text=DATE_HINT)

    date_range: ClassVar[tuple[str, str]] = ("due_from", "due_to")

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


class MeasureFilterSet(ScopedFilterSet):
    """Measures linked to a theme's, an owner's or a recommendation's actions; values within a date range."""

    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(), label="Theme", method="filter_action", widget=select()
    )
    owner = django_filters.ModelChoiceFilter(
        queryset=Owner.objects.all(), label="Owner", method="filter_action", widget=select()
    )
    recommendation = django_filters.ModelChoiceFilter(
        queryset=Recommendation.objects.all(), label="Recommendation", method="filter_action", widget=select()
    )
    date_from = DateFilter(label="Values from", method="filter_nothing", help_text=DATE_HINT)
    date_to = DateFilter(label="Values to", method="filter_nothing", help_text=DATE_HINT)

    date_range: ClassVar[tuple[str, str]] = ("date_from", "date_to")

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

    committee = django_filters.ChoiceFilter(
        label="Committee", empty_label="Any committee", method="filter_nothing", widget=select()
    )
    since = DateFilter(label="Changes since", method="filter_nothing", help_text=DATE_HINT)

    def __init__(self, data=None, queryset=None, *, authority, **kwargs):
        super().__init__(data=data, queryset=queryset, authority=authority, **kwargs)
        committees = (
            Meeting.objects.filter(authority=authority)
            .order_by("committee")
            .values_list("committee", flat=True)
            .distinct()
        )
        self.form.fields["committee"].choices = [(c, c) for c in committees]
        # Put the date and committee first on the form, then the action filters.
        order = ["since", "committee", *ActionFilterSet.base_filters]
        self.form.fields = {name: self.form.fields[name] for name in order}

    def filter_nothing(self, queryset, name, value):
        return queryset


class JourneyFilterSet(ScopedFilterSet):
    """Inspections and visits by kind, date range, and the theme of their recommendations."""

    kind = django_filters.ChoiceFilter(
        choices=Inspection.Kind.choices, label="Kind", empty_label="All", widget=select()
    )
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(), label="Theme", method="filter_theme", widget=select()
    )
    date_from = DateFilter(field_name="start_date", lookup_expr="gte", label="From", help_text=DATE_HINT)
    date_to = DateFilter(field_name="start_date", lookup_expr="lte", label="To", help_text=DATE_HINT)

    date_range: ClassVar[tuple[str, str]] = ("date_from", "date_to")

    class Meta:
        model = Inspection
        fields: ClassVar[list[str]] = []

    def filter_theme(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Recommendation.objects.filter(inspection=OuterRef("pk"), theme=value)))
