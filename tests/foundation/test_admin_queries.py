"""The admin's lists run a small, fixed number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ActionFactory, OwnerFactory, PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db

BUDGET = 20  # sessions, user, permissions, the page of rows, its count, and one query per filter's choices


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
        ActionFactory(authority=authority, plan=plan, theme=theme if i % 3 else None, owner=owner, title=f"Action {i}")


def changelist_queries(client, name):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name",
    [
        "admin:improvement_action_changelist",
        "admin:improvement_owner_changelist",
        "admin:improvement_progressupdate_changelist",
    ],
)
def test_an_admin_list_runs_the_same_queries_for_5_rows_as_for_60(client, staff_lead, name):
    client.force_login(staff_lead)
    add_actions(staff_lead.authority, 5, 0)
    client.get(reverse(name))  # the session and permissions, once
    small = changelist_queries(client, name)
    add_actions(staff_lead.authority, 55, 10)
    large = changelist_queries(client, name)
    assert small == large
    assert large <= BUDGET
