"""Filters for the action lists, from GET parameters so a filtered list can be bookmarked.

Choices (themes, recommendations, owners) list only the user's authority's records; a bad
value (a date that is not a date, a theme from elsewhere) becomes a message on the page.
"""

from __future__ import annotations

from datetime import date

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from improvement.forms.dates import DATE_HINT, GovukDateField
from improvement.models import Action, ActionStatus, Owner, Recommendation, Theme



class _DateFilter(django_filters.DateFilter):
    field_class = GovukDateField


def _select():
    return forms.Select(attrs={"class": "govuk-select"})


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        widget=forms.TextInput(attrs={"class": "govuk-input", "type": "search", "spellcheck": "false"}),
        help_text="Words in the title, description or reference",
    )
    status = django_filters.ChoiceFilter(label="Status", choices=ActionStatus.choices, empty_label="All", widget=_select())
    theme = django_filters.ModelChoiceFilter(label="Theme", queryset=Theme.objects.none(), empty_label="All", widget=_select())
    recommendation = django_filters.ModelChoiceFilter(
        label="Recommendation",
        method="filter_recommendation",
        queryset=Recommendation.objects.none(),
        empty_label="All",
        widget=_select(),
    )
    owner = django_filters.ModelChoiceFilter(label="Owner", queryset=Owner.objects.none(), empty_label="All", widget=_select())
    due_after = _DateFilter(
        label="Due on or after", field_name="due_date", lookup_expr="gte", help_text=DATE_HINT
    )
    due_before = _DateFilter(
        label="Due on or before", field_name="due_date", lookup_expr="lte", help_text=DATE_HINT
    )
    overdue = django_filters.BooleanFilter(
        label="Overdue only", method="filter_overdue", widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"})
    )

    def __init__(self, data=None, queryset=None, *, authority_id, today: date, owners: QuerySet | None = None, **kwargs):
        self.today = today
        super().__init__(data=data, queryset=queryset, **kwargs)
        fields = self.form.fields
        fields["theme"].queryset = Theme.objects.filter(plan__authority_id=authority_id).order_by("plan_id", "number")
        fields["recommendation"].queryset = (
            Recommendation.objects.filter(authority_id=authority_id).order_by("inspection_id", "reference", "pk")
        )
        fields["recommendation"].label_from_instance = lambda r: str(r)
        fields["owner"].queryset = owners if owners is not None else Owner.objects.filter(authority_id=authority_id)

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
        links = Action.recommendations.through.objects.filter(recommendation=value).values("action_id")
        return queryset.filter(pk__in=links)

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(due_date__lt=self.today).exclude(status__in=ActionStatus.done())

    @property
    def filtered_queryset(self) -> QuerySet:
        """The filtered rows; a filter with a bad value is left out (its error is shown on the page)."""
        qs = self.queryset.all()
        if not self.is_bound:
            return qs
        self.form.is_valid()
        for name, value in self.form.cleaned_data.items():
            qs = self.filters[name].filter(qs, value)
        return qs

    @property
    def has_errors(self) -> bool:
        return self.is_bound and bool(self.form.errors)

    @property
    def used(self) -> list[tuple[str, str]]:
        if not self.is_bound:
            return []
        self.form.is_valid()
        out = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", False):
                continue
            field = self.form.fields[name]
            if isinstance(value, date):
                shown = f"{value.day} {value:%B %Y}"
            elif value is True:
                shown = "yes"
            elif name == "status":
                shown = ActionStatus(value).label
            else:
                shown = str(value)
            out.append((str(field.label), shown))
        return out
