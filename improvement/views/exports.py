"""Committee packs: the printable page, its PDF, and the action list as XLSX and CSV.

The pack (dashboard, recommendations coverage, changes since the last committee) is
rendered from the same partial templates as the pages, filtered by the same GET
parameters, and stamped with the authority, the date and the filters used.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from improvement.selectors import coverage as coverage_selectors
from improvement.selectors import dashboards as dashboard_selectors
from improvement.services import exports
from improvement.views.dashboards import (
    action_filterset,
    authority_for,
    changes_context,
    recommendation_filterset,
)


def _pack_context(request):
    authority = authority_for(request)
    today = timezone.localdate()
    changes = changes_context(request, authority, today)
    filterset = changes["filterset"]
    dashboard = dashboard_selectors.dashboard_for_authority(
        authority=authority, today=today, actions=filterset.qs, limit=None
    )
    rows = coverage_selectors.recommendations_coverage(
        authority=authority, today=today, recommendations=recommendation_filterset(request, authority).qs
    )
    return {
        "authority": authority,
        "today": today,
        "filterset": filterset,
        "filters_used": filterset.used,
        "dashboard": dashboard,
        "rows": rows,
        "summary": coverage_selectors.coverage_summary(rows),
        "changes": changes["changes"],
        "query": request.GET.urlencode(),
    }


def _filename(authority, today, kind: str) -> str:
    return f"{authority.slug}-{kind}-{today:%Y-%m-%d}"


@require_safe
@login_required
def committee_pack(request):
    return render(request, "improvement/exports/pack.html", _pack_context(request))


@require_safe
@login_required
def committee_pack_pdf(request):
    context = _pack_context(request)
    context["absolute_base"] = request.build_absolute_uri("/").rstrip("/")
    html = render_to_string("improvement/exports/pack_pdf.html", context, request=request)
    title = f"Committee pack: {context['authority']}"
    pdf = exports.pack_pdf(html=html, base_url=request.build_absolute_uri("/"), title=title)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = _filename(context["authority"], context["today"], "committee-pack")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


def _action_export(request):
    authority = authority_for(request)
    today = timezone.localdate()
    filterset = action_filterset(request, authority, today)
    actions = dashboard_selectors.actions_for_export(actions=filterset.qs, today=today)
    rows = exports.action_rows(actions=actions, today=today)
    stamp = exports.Stamp(
        title="Improvement plan actions", authority=authority.name, made_on=today, filters=filterset.used
    )
    return authority, today, rows, stamp


@require_safe
@login_required
def actions_export_xlsx(request):
    authority, today, rows, stamp = _action_export(request)
    response = HttpResponse(
        exports.actions_xlsx(rows=rows, stamp=stamp),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(authority, today, "actions")}.xlsx"'
    return response


@require_safe
@login_required
def actions_export_csv(request):
    authority, today, rows, stamp = _action_export(request)
    response = HttpResponse(exports.actions_csv(rows=rows, stamp=stamp), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(authority, today, "actions")}.csv"'
    return response
