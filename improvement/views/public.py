"""A plan's public pages for the council's website: no sign-in, only what the lead published.

Each page is cacheable by anyone (a council's press release may send thousands of readers
at once): `Cache-Control: public, max-age=PUBLIC_MAX_AGE`. For someone signed in the
middleware still makes it private, as every signed-in response is.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from improvement import charts
from improvement.selectors import public as public_selectors
from improvement.services import open_data

PUBLIC_MAX_AGE = 900  # 15 minutes: fresh enough for a plan updated monthly, cheap under a rush
public_cache = cache_control(public=True, max_age=PUBLIC_MAX_AGE)


def _plan_or_404(authority: str, pk: int):
    plan = public_selectors.published_plan(authority_slug=authority, pk=pk)
    if plan is None:
        raise Http404("No such public plan.")
    return plan


def _context(request, plan, page: str, **extra):
    return {
        "plan": plan,
        "authority": plan.authority,
        "page": page,
        "today": timezone.localdate(),
        "licence": public_selectors.LICENCE,
        "licence_url": public_selectors.LICENCE_URL,
        **extra,
    }


@require_safe
@public_cache
def council(request, authority: str):
    found, plans = public_selectors.published_plans(authority_slug=authority)
    if found is None or not plans:
        raise Http404("No public plan for this council.")
    return render(request, "improvement/public/council.html", {"authority": found, "plans": plans})


@require_safe
@public_cache
def plan(request, authority: str, pk: int):
    found = _plan_or_404(authority, pk)
    today = timezone.localdate()
    data = public_selectors.public_plan(plan=found, today=today)
    return render(request, "improvement/public/plan.html", _context(request, found, "plan", data=data))


def _charted(measures):
    for m in measures:
        m.chart = charts.line_chart(
            points=[(v.date, v.value) for v in m.values if v.value is not None],
            title=f"{m.name}: values over time",
            unit=m.unit,
            target=m.target,
            chart_id=f"measure-{m.pk}-chart",
        )
    return measures


@require_safe
@public_cache
def measures(request, authority: str, pk: int):
    found = _plan_or_404(authority, pk)
    rows = public_selectors.public_measures(plan=found, today=timezone.localdate())
    return render(
        request, "improvement/public/measures.html", _context(request, found, "measures", measures=_charted(rows))
    )


@require_safe
@public_cache
def inspections(request, authority: str, pk: int):
    found = _plan_or_404(authority, pk)
    rows = public_selectors.public_inspections(plan=found, today=timezone.localdate())
    return render(
        request, "improvement/public/inspections.html", _context(request, found, "inspections", inspections=rows)
    )


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{public_selectors.LICENCE_URL}>; rel="license"'
    return response


@require_safe
@public_cache
def actions_csv(request, authority: str, pk: int):
    found = _plan_or_404(authority, pk)
    data = public_selectors.public_plan(plan=found, today=timezone.localdate())
    return _download(open_data.actions_csv(plan=data), "text/csv; charset=utf-8", f"{authority}-plan-{pk}-actions.csv")


@require_safe
@public_cache
def measures_csv(request, authority: str, pk: int):
    found = _plan_or_404(authority, pk)
    rows = public_selectors.public_measures(plan=found, today=timezone.localdate())
    return _download(
        open_data.measures_csv(measures=rows), "text/csv; charset=utf-8", f"{authority}-plan-{pk}-measures.csv"
    )


@require_safe
@public_cache
def plan_json(request, authority: str, pk: int):
    found = _plan_or_404(authority, pk)
    today = timezone.localdate()
    body = open_data.plan_json(
        plan=public_selectors.public_plan(plan=found, today=today),
        measures=public_selectors.public_measures(plan=found, today=today),
        inspections=public_selectors.public_inspections(plan=found, today=today),
        url=request.build_absolute_uri(reverse("public_plan", args=[authority, pk])),
        today=today,
    )
    return _download(body, "application/json", f"{authority}-plan-{pk}.json")
