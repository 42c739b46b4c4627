"""Scrutiny pages over 2,000 actions, against a bare Django view on the same machine.

The bare view is the floor: a signed-in request through the same middleware that
returns a short response without touching the plan. Each page is asked for up to 20 times
(at least 3, stopping after 5 s) after a warm-up; the median and the query count are printed.
"""

import datetime as dt
import random
import statistics
import time

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import override_settings
from django.urls import include, path
from django.utils import timezone

from improvement.models import (
    Action,
    ActionStatus,
    Authority,
    ImprovementPlan,
    Inspection,
    Measure,
    MeasureValue,
    Meeting,
    Owner,
    ProgressUpdate,
    Recommendation,
    Theme,
    User,
)

ACTIONS = 2000
REPEAT = 20


@login_required
def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-bare/", bare), path("", include("tracker.urls"))]


def _build(count: int) -> User:
    rng = random.Random(5)
    today = timezone.localdate()
    authority = Authority.objects.create(name="Bench Pages Council", slug="bench-pages")
    inspection = Inspection.objects.create(
        authority=authority,
        kind="ilacs_standard",
        start_date=today - dt.timedelta(days=400),
        report_published=today - dt.timedelta(days=340),
        overall_judgement="inadequate",
    )
    Inspection.objects.create(
        authority=authority, kind="monitoring_visit", start_date=today + dt.timedelta(days=40), focus="Care leavers"
    )
    plan = ImprovementPlan.objects.create(authority=authority, title="Bench plan", inspection=inspection)
    themes = [Theme.objects.create(plan=plan, number=n, title=f"Theme {n}") for n in range(1, 9)]
    owners = [Owner.objects.create(authority=authority, role_title=f"Head of Service {n}") for n in range(40)]
    recs = [
        Recommendation.objects.create(
            authority=authority, inspection=inspection, reference=str(n), text=f"Recommendation {n}"
        )
        for n in range(1, 31)
    ]
    measures = [
        Measure.objects.create(authority=authority, name=f"Measure {n}", target=80, tolerance=10) for n in range(20)
    ]
    MeasureValue.objects.bulk_create(
        [
            MeasureValue(measure=m, date=today - dt.timedelta(days=30 * k), value=rng.randint(30, 95))
            for m in measures
            for k in range(12)
        ]
    )
    statuses = [s for s, _ in ActionStatus.choices]
    actions = Action.objects.bulk_create(
        [
            Action(
                authority=authority,
                plan=plan,
                theme=themes[i % len(themes)],
                owner=owners[i % len(owners)],
                title=f"Action {i}",
                due_date=today + dt.timedelta(days=rng.randint(-120, 240)),
                status=(status := statuses[i % len(statuses)]),
                progress=rng.randint(0, 100),
                evidence_url="https://example.org/e" if status == "evidenced" else "",
            )
            for i in range(count)
        ]
    )
    Action.recommendations.through.objects.bulk_create(
        [
            Action.recommendations.through(action_id=a.pk, recommendation_id=recs[i % len(recs)].pk)
            for i, a in enumerate(actions)
        ]
    )
    Action.measures.through.objects.bulk_create(
        [
            Action.measures.through(action_id=a.pk, measure_id=measures[i % len(measures)].pk)
            for i, a in enumerate(actions[::3])
        ]
    )
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                action=a,
                kind="change",
                status=a.status,
                progress=a.progress,
                changes={"status": ["not_started", a.status]},
                reason="Bench",
            )
            for a in actions[::2]
        ]
    )
    Meeting.objects.create(authority=authority, committee="Scrutiny", date=today - dt.timedelta(days=30))
    return User.objects.create_user(username="bench-councillor", password="x" * 20, authority=authority)


def _time(client: Client, url: str) -> tuple[float, int, int]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, params, many, context: queries.append(sql) or execute(sql, params, many, context)
    ):
        client.get(url)
    timings = []
    while len(timings) < REPEAT and (len(timings) < 3 or sum(timings) < 5):
        started = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000, len(queries), len(response.content)


def run() -> None:
    user = _build(ACTIONS)
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False):
        client = Client()
        client.force_login(user)
        floor, floor_queries, _ = _time(client, "/bench-bare/")
        print(f"   bare Django view: {floor:7.1f} ms median, {floor_queries} queries")
        for label, url in [
            ("plan dashboard", "/dashboard/"),
            ("recommendations coverage", "/recommendations/"),
            ("measures", "/measures/"),
            ("since the last committee", "/changes/"),
            ("inspection journey", "/inspections/"),
            ("committee pack (page)", "/pack/"),
            ("action list CSV", "/exports/actions.csv"),
        ]:
            ms, queries, size = _time(client, url)
            print(
                f"   {label:26s} {ms:7.1f} ms median ({ms / floor:5.1f}x bare), {queries} queries, "
                f"{size // 1024} KiB, {ACTIONS} actions"
            )
