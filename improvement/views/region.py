"""The region view: every council a regional adviser may read (all of them for a superuser), one row each."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from improvement import permissions
from improvement.filters.common import bind
from improvement.filters.region import RegionFilterSet
from improvement.selectors import dashboards as dashboard_selectors
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
        {"today": today, "filterset": filterset, "rows": rows, "rag_key": dashboard_selectors.rag_key()},
    )
