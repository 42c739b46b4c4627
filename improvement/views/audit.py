"""The Audit log: every change to the council's records, who made it, when, and why."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from improvement import permissions
from improvement.filters.audit import AuditLogFilterSet
from improvement.filters.common import bind
from improvement.selectors import audit as selectors

PAGE_SIZE = 50


@require_safe
@login_required
def audit_log(request):
    user = request.user
    if not permissions.can_read_audit_log(user):
        raise PermissionDenied("Only an improvement lead can read the audit log")
    filterset = bind(
        AuditLogFilterSet, data=request.GET, queryset=selectors.audit_entries(user=user), authority=user.authority
    )
    page = Paginator(selectors.audit_log_page(entries=filterset.qs), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "improvement/audit/log.html",
        {"filterset": filterset, "page": page, "rows": selectors.describe(page.object_list)},
    )
