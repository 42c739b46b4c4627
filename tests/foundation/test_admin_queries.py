"""The admin's lists run a small, fixed number of queries whatever the number of rows."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ActionFactory, OwnerFactory, PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db

BUDGET = 20  # sessions, user, permissions, the page of rows, its count, and one query per filter's choices
# The action list a lead opens again: session, user, role, the plan's version, the page of rows (its
# filters' choices, years and count are kept until the plan changes).
ACTION_LIST_KEPT = 5


@pytest.fixture
def staff_lead(lead):
    lead.is_staff = True
    lead.save()
    return lead


def add_actions(authority, n, start):
    plan = PlanFactory(authority=authority)
    theme = ThemeFactory(plan=plan, number=start // 10 + 1)
    for i in range(start, start + n):
        owner = OwnerFactory(authority=authority, role_title=f"Head of service {i}")
        ActionFactory(
            authority=authority,
            plan=plan,
            theme=theme if i % 3 else None,
            owner=owner,
            title=f"Action {i}",
            due_date=dt.date(2025 + i % 3, 6, 30),  # a plan over three years
        )


def changelist_queries(client, name, *, kept):
    if kept:
        client.get(reverse(name))  # what the list keeps is kept now
    else:
        cache.clear()  # nothing kept: the list reads everything it shows
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name))
    assert response.status_code == 200
    return len(queries)


LISTS = [
    "admin:improvement_action_changelist",
    "admin:improvement_owner_changelist",
    "admin:improvement_progressupdate_changelist",
]


@pytest.mark.parametrize("kept", [True, False], ids=["kept", "first-view"])
@pytest.mark.parametrize("name", LISTS)
def test_an_admin_list_runs_the_same_queries_for_5_rows_as_for_60(client, staff_lead, name, kept):
    client.force_login(staff_lead)
    add_actions(staff_lead.authority, 5, 0)
    client.get(reverse(name))  # the session and permissions, once
    small = changelist_queries(client, name, kept=kept)
    add_actions(staff_lead.authority, 55, 10)
    large = changelist_queries(client, name, kept=kept)
    assert small == large
    assert large <= BUDGET


def test_the_action_list_opened_again_reads_only_its_page_of_rows(client, staff_lead):
    client.force_login(staff_lead)
    add_actions(staff_lead.authority, 60, 0)
    assert changelist_queries(client, "admin:improvement_action_changelist", kept=True) == ACTION_LIST_KEPT
