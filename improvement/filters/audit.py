"""Filters for the Audit log: kind of record, who, a date range and words to look for."""

from __future__ import annotations

from typing import ClassVar

import django_filters
from auditlog.models import LogEntry
from django.db.models import Q, QuerySet

from improvement.filters.common import DATE_HINT, DateFilter, ScopedFilterSet, search_box, select
from improvement.models import User
from improvement.selectors.audit import audited_kinds


class AuditLogFilterSet(ScopedFilterSet):
    kind = django_filters.ChoiceFilter(
        label="Kind of record", field_name="content_type_id", choices=audited_kinds, empty_label="All", widget=select()
    )
    who = django_filters.ModelChoiceFilter(
        queryset=User.objects.all(), field_name="actor", label="Who", widget=select()
    )
    date_from = DateFilter(label="From", field_name="timestamp", lookup_expr="date__gte", help_text=DATE_HINT)
    date_to = DateFilter(label="To", field_name="timestamp", lookup_expr="date__lte", help_text=DATE_HINT)
    text = django_filters.CharFilter(
        label="Words in the record, the change or the reason", method="filter_text", widget=search_box()
    )

    date_range: ClassVar[tuple[str, str]] = ("date_from", "date_to")

    class Meta:
        model = LogEntry
        fields: ClassVar[list[str]] = []

    def _choices_for(self, name: str, queryset: QuerySet) -> QuerySet:
        if self.authority is None:  # a superuser with no council reads every council's entries
            return queryset.order_by("first_name", "last_name", "username")
        return queryset.filter(authority=self.authority).order_by("first_name", "last_name", "username")

    def filter_text(self, queryset, name, value):
        words = (value or "").strip()
        if not words:
            return queryset
        return queryset.filter(
            Q(object_repr__icontains=words) | Q(changes__icontains=words) | Q(additional_data__reason__icontains=words)
        )
