"""Every scrutiny page runs the same number of queries for 10 actions as for 200."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from improvement.models import Action, ActionStatus, MeasureValue, ProgressUpdate
from tests.dashboards.conftest import TODAY, build_plan
from tests.factories import AuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db

# Each page's query budget: a ceiling (a little above what it runs today) as well as a constant.
PAGES = [
    ("plan_dashboard", "", 15),
    ("recommendations_coverage", "", 14),
    ("measures", "", 11),
    ("changes_since", "?since=2026-01-01", 15),
    ("inspection_journey", "", 10),
    ("committee_pack", "", 30),  # the exceptions add the red actions and the measures (5)
    ("actions_export_csv", "", 7),
    ("actions_export_xlsx", "", 7),
]
MEASURE_DETAIL_BUDGET = 9
STATUSES = [s for s, _ in ActionStatus.choices]


def grow(built, n):
    """Add n actions of every status and date, linked to recommendations and measures, with history."""
    authority = built["plan"].authority
    themes = built["themes"]
    actions = Action.objects.bulk_create(
        [
            Action(
                authority=authority,
                plan=built["plan"],
                theme=themes[i % 2],
                owner=built["owner"] if i % 5 else None,
                title=f"Generated action {i}",
                due_date=TODAY + dt.timedelta(days=(i % 90) - 45),
                status=STATUSES[i % len(STATUSES)],
                progress=i % 100,
                evidence_url="https://example.org/evidence" if STATUSES[i % len(STATUSES)] == "evidenced" else "",
            )
            for i in range(n)
        ]
    )
    through = Action.recommendations.through
    through.objects.bulk_create(
        [through(action_id=a.pk, recommendation_id=built["rec_covered"].pk) for a in actions[::2]]
        + [through(action_id=a.pk, recommendation_id=built["rec_gap"].pk) for a in actions[1::3]]
    )
    Action.measures.through.objects.bulk_create(
        [Action.measures.through(action_id=a.pk, measure_id=built["measure"].pk) for a in actions[::4]]
    )
    updates = ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                action=a,
                kind="change",
                status=a.status,
                progress=a.progress,
                changes={"status": ["not_started", a.status], "due_date": ["2026-10-01", str(a.due_date)]},
                reason="moved",
            )
            for a in actions
        ]
    )
    ProgressUpdate.objects.filter(pk__in=[u.pk for u in updates]).update(
        created_at=dt.datetime(2026, 10, 5, 9, tzinfo=timezone.get_current_timezone())
    )
    MeasureValue.objects.bulk_create(
        [
            MeasureValue(measure=built["measure"], date=dt.date(2025, 1, 1) + dt.timedelta(days=7 * i), value=i % 100)
            for i in range(n // 10)
        ]
    )


def count_queries(client, user, url):
    client.force_login(user)
    client.get(url)  # warm caches (content types, permissions) so both sizes start equal
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name,query,budget", PAGES)
def test_page_queries_do_not_grow_with_the_number_of_actions(client, today, name, query, budget):
    small, large = AuthorityFactory(name="Small Council"), AuthorityFactory(name="Large Council")
    small_plan, large_plan = build_plan(small, n_actions=10, tag="Small"), build_plan(large, n_actions=10, tag="Large")
    grow(small_plan, 10)
    grow(large_plan, 200)
    assert Action.objects.filter(authority=large).count() == 210
    url = reverse(name) + query
    small_user = UserFactory(authority=small, role="Scrutiny member")
    large_user = UserFactory(authority=large, role="Scrutiny member")
    small_count, large_count = count_queries(client, small_user, url), count_queries(client, large_user, url)
    assert small_count == large_count
    assert large_count <= budget, f"{large_count} queries, over the page's budget of {budget}"


def test_measure_detail_queries_do_not_grow(client, today):
    small, large = AuthorityFactory(name="Small Council"), AuthorityFactory(name="Large Council")
    small_plan, large_plan = build_plan(small, n_actions=10, tag="Small"), build_plan(large, n_actions=10, tag="Large")
    grow(small_plan, 10)
    grow(large_plan, 200)
    a = count_queries(client, UserFactory(authority=small), reverse("measure_detail", args=[small_plan["measure"].pk]))
    b = count_queries(client, UserFactory(authority=large), reverse("measure_detail", args=[large_plan["measure"].pk]))
    assert a == b
    assert b <= MEASURE_DETAIL_BUDGET, f"{b} queries, over the page's budget of {MEASURE_DETAIL_BUDGET}"


def test_dashboard_query_budget(client, today, scrutiny, plan):
    """A ceiling as well as a constant: the dashboard is a handful of queries."""
    assert count_queries(client, scrutiny, reverse("plan_dashboard")) <= 15
