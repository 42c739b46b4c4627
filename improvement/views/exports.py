"""Committee packs: the printable page, its PDF, and the action list as XLSX and CSV.

The PDF is never laid out in a web request: `committee_pack_pdf` serves the stored file
when it is ready and otherwise sends the user to `committee_pack_pdf_status`, which says it
is being prepared (services/packs.py queues the Celery task).

The pack (dashboard, recommendations coverage, changes since the last committee) is
rendered from the same partial templates as the pages, filtered by the same GET
parameters, and stamped with the authority, the date and the filters used.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from improvement import charts
from improvement.filters import dashboards as filters
from improvement.models import CommitteePackFile, Measure
from improvement.selectors import dashboards as dashboard_selectors
from improvement.selectors import packs as pack_selectors
from improvement.services import exports, pack_docx, packs
from improvement.views.dashboards import (
    action_filterset,
    authority_for,
    cached_page,
    changes_context,
    page_cache,
    recommendation_filterset,
    scoped,
    stable_query,
)


def _pack_context(request):
    authority = authority_for(request)
    today = timezone.localdate()
    changes = changes_context(request, authority, today)
    filterset = changes["filterset"]
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    measures = scoped(Measure, request, authority)
    if any(data.get(k) for k in filters.ActionFilterSet.base_filters):  # the measures of the actions chosen
        measures = measures.filter(actions__in=filterset.qs.values("pk")).distinct()
    pack = pack_selectors.committee_pack_content(
        authority=authority,
        today=today,
        actions=filterset.qs,
        recommendations=recommendation_filterset(request, authority).qs,
        measures=measures,
        changes=changes["changes"],
    )
    for m in pack.measures_off_target.rows[: pack_selectors.CHART_CAP]:
        m.chart = charts.line_chart(
            points=[(v.date, v.value) for v in m.trend if v.value is not None],  # suppressed: no point
            title=f"{m.name}: values over time",
            unit=m.unit,
            target=m.target,
            chart_id=f"pack-measure-{m.pk}-chart",
        )
    return {
        "authority": authority,
        "today": today,
        "filterset": filterset,
        "filters_used": filterset.used,
        "contents": pack,
        "brag_chart": charts.brag_of_dashboard(pack.dashboard, chart_id="pack-brag-chart"),
        "dashboard": pack.dashboard,
        "changes": pack.changes,
        "annex_cap": pack_selectors.ANNEX_CAP,
        "query": request.GET.urlencode(),
    }


def _filename(authority, today, kind: str) -> str:
    return f"{authority.slug}-{kind}-{today:%Y-%m-%d}"


@require_safe
@login_required
def committee_pack(request):
    authority = authority_for(request)
    today = timezone.localdate()
    entry, context = cached_page(request, "pack", authority, today)
    if entry.hit:  # only what the page shows around the pack itself
        context["filterset"] = action_filterset(request, authority, today, filters.ChangesFilterSet)
        context["query"] = request.GET.urlencode()
    else:
        context.update(_pack_context(request))
    return render(request, "improvement/exports/pack.html", context)


def _pack_pdf_html(request) -> str:
    context = _pack_context(request)
    context["absolute_base"] = request.build_absolute_uri("/").rstrip("/")
    context["pdf"] = True
    return render_to_string("improvement/exports/pack_pdf.html", context, request=request)


def _pack_docx_bytes(request) -> bytes:
    context = _pack_context(request)
    return pack_docx.pack_docx(
        contents=context["contents"],
        authority=context["authority"].name,
        today=context["today"],
        filters_used=context["filters_used"],
    )


@require_safe
@login_required
def committee_pack_docx(request):
    """The pack as a Word document, made in the request (no layout engine: well under a second)."""
    authority = authority_for(request)
    response = HttpResponse(
        _pack_docx_bytes(request),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    filename = _filename(authority, timezone.localdate(), "committee-pack")
    response["Content-Disposition"] = f'attachment; filename="{filename}.docx"'
    return response


def _pack_file(request):
    """The stored PDF for this council, these filters, today and the plan as it is now: asked for if missing."""
    authority = authority_for(request)
    today = timezone.localdate()
    query = stable_query(request)
    key = pack_selectors.pack_key(
        authority=authority, query=query, today=today, stamp=pack_selectors.plan_change_stamp(authority=authority)
    )
    return packs.committee_pack_request(
        authority=authority,
        key=key,
        query=query,
        filename=_filename(authority, today, "committee-pack") + ".pdf",
        title=f"Committee pack: {authority}",
        base_url=request.build_absolute_uri("/"),
        html=lambda: _pack_pdf_html(request),
    )


@require_safe
@login_required
def committee_pack_pdf(request):
    """The PDF when it is ready; until then, the page that says it is being prepared."""
    pack = _pack_file(request)
    if pack.state != CommitteePackFile.State.READY:
        return redirect(_with_query(reverse("committee_pack_pdf_status"), request))
    pack = pack_selectors.pack_file(key=pack.key, with_data=True)
    response = HttpResponse(bytes(pack.data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
    return response


@require_safe
@login_required
def committee_pack_pdf_status(request):
    """Being prepared (the page checks again every few seconds), ready to download, or failed.

    Asked for JSON (`Accept: application/json`, by static/pack-status.js) it answers the state only."""
    pack = _pack_file(request)
    download = _with_query(reverse("committee_pack_pdf"), request)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"state": pack.state, "download": download, "size": filesizeformat(pack.size)})
    return render(
        request,
        "improvement/exports/pack_pdf_status.html",
        {"pack": pack, "download": download, "status_url": _with_query(request.path, request)},
    )


def _with_query(path: str, request) -> str:
    return f"{path}?{request.GET.urlencode()}" if request.GET else path


def _action_export(request, kind: str):
    """The action list file (`kind`: "xlsx" or "csv") and its name, from the plan cache when it holds it."""
    authority = authority_for(request)
    today = timezone.localdate()
    filterset = action_filterset(request, authority, today)
    filename = exports.export_filename(kind="actions", slug=authority.slug, made_on=today, filters=filterset.used)
    entry = page_cache(request, f"actions.{kind}", authority, today)
    if entry.hit:
        return entry.value, filename
    rows = exports.action_rows(
        actions=dashboard_selectors.actions_for_export(actions=filterset.qs, today=today), today=today
    )
    if kind == "csv":
        data = exports.actions_csv(rows=rows)
    else:
        stamp = exports.Stamp(
            title="Improvement plan actions", authority=authority.name, made_on=today, filters=filterset.used
        )
        data = exports.actions_xlsx(rows=rows, stamp=stamp)
    entry.store(data)
    return data, filename


@require_safe
@login_required
def actions_export_xlsx(request):
    data, filename = _action_export(request, "xlsx")
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


@require_safe
@login_required
def actions_export_csv(request):
    data, filename = _action_export(request, "csv")
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
