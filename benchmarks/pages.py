"""Scrutiny pages over 2,000 actions, against a bare Django view on the same machine.

The bare view is the floor: a signed-in request through the same middleware that
returns a short response without touching the plan. Each page is asked for up to 20 times
(at least 3, stopping after 5 s) after a warm-up; the median and the query count are printed.
"""

import statistics
import time

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import override_settings
from django.urls import include, path

from improvement import roles
from improvement.models import Authority, User
from improvement.services.demo_data import demo_authority_fill

ACTIONS = 2000
REPEAT = 20


@login_required
def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-bare/", bare), path("", include("tracker.urls"))]


def _build(count: int) -> User:
    """A council from the one generator of plan data, and its scrutiny member."""
    authority = Authority.objects.create(name="Bench Pages Council", slug="bench-pages")
    demo_authority_fill(authority=authority, actions=count, seed=5)
    return authority.users.filter(groups__name=roles.SCRUTINY_MEMBER).order_by("pk").first()


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
