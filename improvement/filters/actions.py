"""The one filter set for lists of actions: the action lists, the spreadsheet download, the
plan dashboard, the committee pack and its exports all read the same GET parameters.

Parameters: q, status, theme, recommendation, owner, due_from, due_to, overdue. Links saved
before the lists shared one vocabulary used due_after and due_before; they are still read,
as due_from and due_to.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet

from improvement.filters.common import DATE_HINT, DateFilter, ScopedFilterSet, checkbox, search_box, select
from improvement.models import Action, ActionStatus, Owner, Recommendation, Theme


class ActionFilterSet(ScopedFilterSet):
    """Words, status, theme, recommendation, owner, due-date range and overdue, for any list of actions.

    `owners`, when given, narrows the owner choices (My actions offers only the people you manage).
    """

    aliases: ClassVar[dict[str, str]] = {"due_after": "due_from", "due_before": "due_to"}
    date_range: ClassVar[tuple[str, str]] = ("due_from", "due_to")

    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        widget=search_box(),
        help_text="Words in the title, description or reference",
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=ActionStatus.choices, empty_label="All", widget=select()
    )
    theme = django_filters.ModelChoiceFilter(label="Theme", queryset=Theme.objects.all(), widget=select())
    recommendation = django_filters.ModelChoiceFilter(
        label="Recommendation", queryset=Recommendation.objects.all(), method="filter_recommendation", widget=select()
    )
    owner = django_filters.ModelChoiceFilter(label="Owner", queryset=Owner.objects.all(), widget=select())
    due_from = DateFilter(label="Due on or after", field_name="due_date", lookup_expr="gte", help_text=DATE_HINT)
    due_to = DateFilter(label="Due on or before", field_name="due_date", lookup_expr="lte", help_text=DATE_HINT)
    overdue = django_filters.BooleanFilter(label="Overdue only", method="filter_overdue", widget=checkbox())

    class Meta:
        model = Action
        fields: ClassVar[list[str]] = []

    def __init__(self, data=None, queryset=None, *, authority, today: date, owners: QuerySet | None = None, **kwargs):
        if today is None:
            raise TypeError("ActionFilterSet needs today, for the overdue filter")
        self.owners = owners
        super().__init__(data=data, queryset=queryset, authority=authority, today=today, **kwargs)

    def _choices_for(self, name: str, queryset: QuerySet) -> QuerySet:
        if name == "owner" and self.owners is not None:
            return self.owners
        return super()._choices_for(name, queryset)

    def filter_text(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        q = Q()
        for word in value.split()[:8]:
            q &= Q(title__icontains=word) | Q(description__icontains=word) | Q(reference__iexact=word)
        return queryset.filter(q)

    def filter_recommendation(self, queryset, name, value):
        if not value:
            return queryset
        link = Action.recommendations.through.objects.filter(action_id=OuterRef("pk"), recommendation_id=value.pk)
        return queryset.filter(Exists(link))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(due_date__lt=self.today).exclude(status__in=ActionStatus.done())
