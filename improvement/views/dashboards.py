"""The scrutiny pages: plan dashboard, recommendations coverage, measures, changes, inspection journey.

Read only, for every role. Each view parses the GET filters, calls one selector and
renders; the data is always the signed-in user's own authority.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from improvement import charts, permissions, rag
from improvement.filters import dashboards as filters
from improvement.models import Action, Authority, Inspection, Measure, Recommendation
from improvement.selectors import audit as audit_selectors
from improvement.selectors import changes as changes_selectors
from improvement.selectors import coverage as coverage_selectors
from improvement.selectors import dashboards as dashboard_selectors
from improvement.selectors import journey as journey_selectors
from improvement.selectors import measures as measure_selectors
from improvement.selectors import plan_cache

VIEWING_KEY = "viewing_authority"  # the council a superuser or an adviser last chose, kept for the next page


def authority_for(request, *, record: tuple[type, int] | None = None) -> Authority:
    """The user's own council; a superuser (any council) or a regional adviser (those granted) with
    none picks one with ?authority=<slug>, remembered for the next pages; a council not theirs is not found.

    ``record`` (model, pk): a page of one record is that record's council, when the user may see it, so a
    link followed from another council's page (another tab, a list read before switching) still leads to it.
    """
    user = request.user
    if user.authority_id is not None:
        return user.authority
    choices = permissions.viewable_authorities(user).order_by("name")
    asked = request.GET.get("authority")
    remembered = request.session.get(VIEWING_KEY) if hasattr(request, "session") else None
    found = None
    if record is not None and not asked:
        model, pk = record
        owner = permissions.scope_to_user(model.objects.filter(pk=pk), user).values("authority_id")
        found = choices.filter(pk__in=owner).first()
    if found is None and (asked or remembered):
        found = choices.filter(slug=asked or remembered).first()
    if found is None and asked:
        raise Http404("No such council, or not one you may see.")
    found = found or choices.first()
    if found is None:
        raise Http404("Your account is not linked to a council.")
    if hasattr(request, "session") and remembered != found.slug:
        request.session[VIEWING_KEY] = found.slug
    return found


def scoped(model, request, authority: Authority):
    """The model's rows for this authority, through the permission module's scoping."""
    return permissions.scope_to_user(model.objects.all(), request.user).filter(authority=authority)


def stable_query(request) -> str:
    """The filters, in a stable order, without the council (which the keys hold)."""
    return urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values if k != "authority"))


def page_cache(
    request, page: str, authority: Authority | None, today, *, per_viewer: bool = False, stamp: str | None = None
) -> plan_cache.Entry:
    """This page's entry in the plan cache, for the viewer's council, role, filters and day; with
    `per_viewer`, for this user alone (a page that shows what is theirs, or what they may do). Without a
    council (a superuser's or an adviser's lists span councils) an entry that is never kept. `stamp`: the
    plan's state already read for this request (another part of the same page), not read again."""
    if authority is None:
        return plan_cache.Entry(key=None)
    query = stable_query(request)
    if per_viewer:
        query = f"{query}|user={request.user.pk}"
    return plan_cache.plan_content(
        page=page, authority=authority, user=request.user, query=query, today=today, stamp=stamp
    )


def filters_cache(request, authority: Authority | None, today, *, stamp: str | None = None) -> plan_cache.Entry:
    """The page's filter form as rendered for this viewer and query (`partials/filters.html` keeps it):
    its choices are the council's themes, recommendations and owners, so it is kept until the plan
    changes, per viewer (My actions offers only the owners they manage)."""
    return page_cache(request, f"filters:{request.path}", authority, today, per_viewer=True, stamp=stamp)


def cached_page(
    request, page: str, authority: Authority, today, *, per_viewer: bool = False, **context
) -> tuple[plan_cache.Entry, dict]:
    """A page the plan cache keeps: its entry, and the context every such page starts from (the council, the
    day, the entry and the kept filter form, looked up under the same stamp)."""
    entry = page_cache(request, page, authority, today, per_viewer=per_viewer)
    kept_filters = filters_cache(request, authority, today, stamp=entry.stamp)
    base = {"authority": authority, "today": today, "plan_cache": entry, "filters_cache": kept_filters}
    return entry, {**base, **context}


def action_filterset(request, authority, today, filterset_class=filters.ActionFilterSet):
    return filters.bind(
        filterset_class, data=request.GET, queryset=scoped(Action, request, authority), authority=authority, today=today
    )


def recommendation_filterset(request, authority):
    return filters.bind(
        filters.RecommendationFilterSet,
        data=request.GET,
        queryset=scoped(Recommendation, request, authority),
        authority=authority,
    )


def changes_context(request, authority, today):
    filterset = action_filterset(request, authority, today, filters.ChangesFilterSet)
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    since = changes_selectors.since_default(
        authority=authority, today=today, committee=data.get("committee") or None, chosen=data.get("since")
    )
    action_filters_used = any(data.get(k) for k in filters.ActionFilterSet.base_filters)
    result = changes_selectors.changes_since(
        authority=authority, since=since, today=today, actions=filterset.qs, measure_filtered=action_filters_used
    )
    return {"filterset": filterset, "changes": result}


@require_safe
@login_required
def plan_dashboard(request):
    authority = authority_for(request)
    today = timezone.localdate()
    filterset = action_filterset(request, authority, today)
    entry, context = cached_page(request, "dashboard", authority, today, filterset=filterset)
    if not entry.hit:
        dashboard = dashboard_selectors.dashboard_for_authority(authority=authority, today=today, actions=filterset.qs)
        history = dashboard_selectors.red_and_overdue_history(authority=authority, actions=filterset.qs, today=today)
        measure_rows = measure_selectors.measures_for_authority(
            authority=authority, today=today, measures=scoped(Measure, request, authority)
        )
        context["dashboard"] = dashboard
        context["charts"] = charts.plan_charts(dashboard=dashboard, history=history, measures=measure_rows)
    return render(request, "improvement/dashboards/dashboard.html", context)


@require_safe
@login_required
def recommendations_coverage(request):
    authority = authority_for(request)
    today = timezone.localdate()
    filterset = recommendation_filterset(request, authority)
    entry, context = cached_page(request, "coverage", authority, today, filterset=filterset)
    if not entry.hit:
        rows = coverage_selectors.with_shortlists(
            coverage_selectors.recommendations_coverage(authority=authority, today=today, recommendations=filterset.qs)
        )
        context["rows"] = rows
        context["summary"] = coverage_selectors.coverage_summary(rows)
        context["attention"] = coverage_selectors.needing_attention(rows)
    return render(request, "improvement/dashboards/coverage.html", context)


def _with_charts(measures):
    for m in measures:
        m.chart = charts.line_chart(
            points=[(v.date, v.value) for v in m.trend if v.value is not None],  # suppressed: no point
            title=f"{m.name}: values over time",
            unit=m.unit,
            target=m.target,
            chart_id=f"measure-{m.pk}-chart",
        )
    return measures


@require_safe
@login_required
def measures(request):
    authority = authority_for(request)
    today = timezone.localdate()
    filterset = filters.bind(
        filters.MeasureFilterSet, data=request.GET, queryset=scoped(Measure, request, authority), authority=authority
    )
    entry, context = cached_page(request, "measures", authority, today, filterset=filterset)
    if not entry.hit:
        data = filterset.form.cleaned_data if filterset.is_bound else {}
        rows = measure_selectors.measures_for_authority(
            authority=authority,
            today=today,
            measures=filterset.qs,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
        context["measures"] = _with_charts(rows)
        context["off_target"] = [m for m in rows if m.rating in (rag.RED, rag.AMBER)]
    return render(request, "improvement/dashboards/measures.html", context)


@require_safe
@login_required
def measure_detail(request, pk: int):
    authority = authority_for(request, record=(Measure, pk))
    today = timezone.localdate()
    measure = measure_selectors.measure_detail(authority=authority, pk=pk, today=today)
    if measure is None or not permissions.can_view(request.user, measure):
        raise Http404("No such measure.")
    _with_charts([measure])
    return render(
        request,
        "improvement/dashboards/measure_detail.html",
        {
            "authority": authority,
            "today": today,
            "measure": measure,
            "record_changes": audit_selectors.record_changes(user=request.user, record=measure)
            if permissions.can_read_audit_log(request.user)
            else None,
        },
    )


@require_safe
@login_required
def changes_since(request):
    authority = authority_for(request)
    today = timezone.localdate()
    entry, context = cached_page(request, "changes", authority, today)
    if entry.hit:
        context["filterset"] = action_filterset(request, authority, today, filters.ChangesFilterSet)
    else:
        context.update(changes_context(request, authority, today))
        changes = context["changes"]
        changes.by_theme, changes.by_theme_total = changes_selectors.changes_by_theme(changes)
        changes.shown = changes_selectors.CUT
    return render(request, "improvement/dashboards/changes.html", context)


@require_safe
@login_required
def inspection_journey(request):
    authority = authority_for(request)
    today = timezone.localdate()
    filterset = filters.bind(
        filters.JourneyFilterSet, data=request.GET, queryset=scoped(Inspection, request, authority), authority=authority
    )
    entry, context = cached_page(request, "journey", authority, today, filterset=filterset)
    if not entry.hit:
        context["journey"] = journey_selectors.inspection_journey(
            authority=authority, today=today, inspections=filterset.qs
        )
    return render(request, "improvement/dashboards/journey.html", context)
