"""The region view: every council a regional adviser may read (all of them for a superuser), one row each."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from improvement import permissions
from improvement.filters.common import bind
from improvement.filters.region import RegionFilterSet
from improvement.selectors import dashboards as dashboard_selectors
from improvement.selectors import plan_cache
from improvement.selectors import region as region_selectors


@require_safe
@login_required
def region_overview(request):
    if not permissions.can_see_region(request.user):
        raise PermissionDenied("Only a regional adviser can see the region view")
    today = timezone.localdate()
    filterset = bind(
        RegionFilterSet, data=request.GET, queryset=permissions.viewable_authorities(request.user), authority=None
    )
    rows = region_selectors.region_rows(authorities=filterset.qs, today=today, **filterset.selector_options())
    return render(
        request,
        "improvement/region/overview.html",
        {
            "today": today,
            "filterset": filterset,
            "rows": rows,
            "row_htmls": _row_htmls(rows, today),
            "rag_key": dashboard_selectors.rag_key(),
        },
    )


def _row_htmls(rows: list, today) -> list[str]:
    """Each council's row of the table, in the rows' order: the same for anyone who may see it, so written
    once and kept per council until its plan (or its name) changes, like its figures; only the councils whose
    plan moved are written again. Over every council, writing all the rows was most of the page's time."""
    of = {row.authority.pk: row for row in rows}

    def write(ids: list[int]) -> dict[int, str]:
        return {pk: render_to_string("improvement/region/row.html", {"row": of[pk]}).strip() for pk in ids}

    written = plan_cache.per_council(name="region-row", authority_ids=list(of), today=today, compute=write)
    return [mark_safe(written[row.authority.pk]) for row in rows]  # nosec B308 B703 - template output, escaped
