"""Every scrutiny page runs the same number of queries for 10 actions as for 200."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from improvement.models import Action
from improvement.services.demo_data import demo_authority_fill
from tests.dashboards.conftest import TODAY, build_plan
from tests.factories import AuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db

# Each page's query budget: a ceiling (a little above what it runs today) as well as a constant.
PAGES = [
    ("plan_dashboard", "", 21),  # 15, the charts (3 for the red and overdue history, 2 for the measures), the stamp
    ("recommendations_coverage", "", 14),
    ("measures", "", 11),
    ("changes_since", "?since=2026-01-01", 15),
    ("inspection_journey", "", 10),
    ("committee_pack", "", 30),  # the exceptions add the red actions and the measures (5)
    ("actions_export_csv", "", 7),
    ("actions_export_xlsx", "", 7),
]
MEASURE_DETAIL_BUDGET = 9
CACHED = {"plan_dashboard", "recommendations_coverage", "changes_since", "committee_pack"}
CACHED |= {"actions_export_csv", "actions_export_xlsx"}


def grow(built, n):
    """Add a realistic plan of n actions (every status and date, links, history, measures) from the one generator."""
    demo_authority_fill(authority=built["plan"].authority, actions=n, today=TODAY)


def count_queries(client, user, url, *, warm=False):
    """The queries of one request: cold (the plan cache empty, as after any change), or `warm` (a repeat)."""
    client.force_login(user)
    client.get(url)  # warm caches (content types, permissions) so both sizes start equal
    if not warm:
        cache.clear()
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


# A repeat visit, the plan unchanged: the sign-in, the filters, the plan's change stamp and the cached content.
WARM_BUDGET = 9


@pytest.mark.parametrize("name,query", [(name, query) for name, query, _ in PAGES if name in CACHED])
def test_a_repeat_visit_reads_the_cache_not_the_plan(client, today, name, query):
    authority = AuthorityFactory(name="Large Council")
    grow(build_plan(authority, n_actions=10, tag="Large"), 200)
    count = count_queries(
        client, UserFactory(authority=authority, role="Scrutiny member"), reverse(name) + query, warm=True
    )
    assert count <= WARM_BUDGET, f"{count} queries on a repeat visit, over {WARM_BUDGET}"


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
    """A ceiling as well as a constant: the dashboard is a handful of queries (the charts' included)."""
    assert count_queries(client, scrutiny, reverse("plan_dashboard")) <= 21
