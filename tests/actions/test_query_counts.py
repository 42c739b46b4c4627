"""Every list runs the same number of SQL queries for 10 actions as for 500."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from improvement.models import Action, MeasureValue
from improvement.services.demo_data import demo_authority_fill
from tests.actions.conftest import TODAY
from tests.factories import MeasureFactory, RecommendationFactory


def _make(n, *, authority):
    """n more actions in a realistic plan (links, measures, history) from the one generator of plan data; the
    manager's owner (Head of Service, Front Door) owns some of them."""
    demo_authority_fill(authority=authority, actions=n, today=TODAY)


# Each page's query budget: a ceiling (a little above what it runs today) as well as a constant.
BUDGET = {
    "my_actions": 12,  # 11 as a manager
    "action_list": 11,  # 10
    "action_detail": 11,  # 10, signed off or not
    "plan_admin": 14,  # 13 with inspections, their judgements and grades, and decisions
    "actions_xlsx_download": 7,
    "actions_xlsx_upload": 6,
}


def _count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["my_actions", "action_list"])
@pytest.mark.parametrize("params", [{}, {"overdue": "true", "q": "Action"}, {"page": "2"}])
def test_lists_run_a_constant_number_of_queries(client, authority, plan, owners, manager, today, url_name, params):
    client.force_login(manager)
    _make(10, authority=authority)
    small = _count(client, reverse(url_name), params)
    _make(490, authority=authority)
    assert Action.objects.filter(owner=owners["manager"]).count() > 50  # the manager's list is long
    large = _count(client, reverse(url_name), params)
    assert small == large, f"{small} queries at 10 actions, {large} at 500"
    assert large <= BUDGET[url_name], f"{large} queries, over the page's budget of {BUDGET[url_name]}"


def test_the_action_page_runs_a_constant_number_of_queries(client, authority, plan, owners, manager, actions, today):
    client.force_login(manager)
    action = actions["soon"]
    url = reverse("action_detail", args=[action.pk])
    first = _count(client, url)
    for n in range(20):
        m = MeasureFactory(authority=authority)
        MeasureValue.objects.create(measure=m, date=TODAY, value=n)
        action.measures.add(m)
        action.recommendations.add(RecommendationFactory(authority=authority))
    from improvement.services.actions import action_record_update

    for n in range(20):
        action_record_update(
            action=Action.objects.get(pk=action.pk), by=manager, status="on_track", progress=n, expected_version=n + 1
        )
    assert _count(client, url) == first
    Action.objects.filter(pk=action.pk).update(
        signed_off_by=manager, signed_off_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    )
    assert _count(client, url) == first  # the signer comes with the action
    assert first <= BUDGET["action_detail"], f"{first} queries, over the page's budget of {BUDGET['action_detail']}"


@pytest.mark.parametrize("url_name", ["action_list", "plan_admin", "actions_xlsx_download", "actions_xlsx_upload"])
def test_the_leads_pages_run_a_constant_number_of_queries(client, authority, plan, owners, lead, today, url_name):
    client.force_login(lead)
    _make(10, authority=authority)
    small = _count(client, reverse(url_name))
    _make(490, authority=authority)
    large = _count(client, reverse(url_name))
    assert small == large, f"{small} queries at 10 actions, {large} at 500"
    assert large <= BUDGET[url_name], f"{large} queries, over the page's budget of {BUDGET[url_name]}"


def test_manage_plan_runs_a_constant_number_of_queries_for_inspections(client, authority, lead):
    from improvement.models import Decision, InspectionJudgement
    from tests.factories import InspectionFactory

    def add(n):
        for i in range(n):
            inspection = InspectionFactory(authority=authority, start_date=dt.date(2019, 1, 1) + dt.timedelta(days=i))
            InspectionJudgement.objects.create(inspection=inspection, area="Leaders", grade="good")
            RecommendationFactory(authority=authority, inspection=inspection)
            Decision.objects.create(authority=authority, text=f"That report {i} be noted")

    client.force_login(lead)
    add(1)
    small = _count(client, reverse("plan_admin"))
    add(10)
    large = _count(client, reverse("plan_admin"))
    assert small == large, f"{small} queries for 1 inspection, {large} for 11"
    assert large <= BUDGET["plan_admin"], f"{large} queries, over the page's budget of {BUDGET['plan_admin']}"
