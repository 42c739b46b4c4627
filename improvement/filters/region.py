"""The region view's filters: council name, latest judgement, overdue only, and the sort order."""

from __future__ import annotations

from typing import ClassVar

import django_filters

from improvement.filters.common import ScopedFilterSet, checkbox, search_box, select
from improvement.models import Authority, Judgement
from improvement.selectors.region import SORTS


class RegionFilterSet(ScopedFilterSet):
    """Name is filtered in SQL; the rest depend on each council's figures and are applied by the selector."""

    name = django_filters.CharFilter(lookup_expr="icontains", label="Council name contains", widget=search_box())
    judgement = django_filters.ChoiceFilter(
        choices=Judgement.choices, label="Latest judgement", empty_label="Any", method="filter_nothing", widget=select()
    )
    overdue = django_filters.BooleanFilter(
        label="Only councils with overdue actions", method="filter_nothing", widget=checkbox()
    )
    sort = django_filters.ChoiceFilter(
        choices=list(SORTS.items()), label="Sort by", empty_label=None, method="filter_nothing", widget=select()
    )

    class Meta:
        model = Authority
        fields: ClassVar[list[str]] = []

    def filter_nothing(self, queryset, name, value):
        return queryset

    def selector_options(self) -> dict:
        """The cleaned judgement, overdue and sort choices (a value in error is left out)."""
        data = self.form.cleaned_data if self.is_bound and hasattr(self.form, "cleaned_data") else {}
        return {
            "judgement": data.get("judgement") or "",
            "overdue_only": bool(data.get("overdue")),
            "sort": data.get("sort") or "name",
        }
