"""Set-based: the sweep runs the same number of queries at 10 and at 1,000 actions."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from improvement.models import Action, ActionStatus, Meeting, Owner
from improvement.services.reminders import reminders_sweep
from tests.factories import AuthorityFactory, PlanFactory
from tests.reminders.conftest import ensure_role_groups

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 11)


def build(n, name):
    ensure_role_groups()
    authority = AuthorityFactory(name=name)
    plan = PlanFactory(authority=authority)
    boss = Owner.objects.create(authority=authority, role_title=f"Director {name}", email=f"boss@{n}.example")
    owners = [boss] + [
        Owner.objects.create(
            authority=authority,
            role_title=f"Owner {i} {name}",
            email=f"o{i}@{n}.example" if i % 5 else "",
            line_manager=boss,
        )
        for i in range(8)
    ]
    Meeting.objects.create(authority=authority, committee="Scrutiny", date=TODAY + dt.timedelta(days=9))
    rng = random.Random(n)
    Action.objects.bulk_create(
        [
            Action(
                authority=authority,
                plan=plan,
                owner=owners[i % len(owners)],
                title=f"Action {i}",
                due_date=TODAY + dt.timedelta(days=rng.randint(-60, 30)),
                status=rng.choice([ActionStatus.ON_TRACK, ActionStatus.AT_RISK, ActionStatus.COMPLETE]),
                progress=50,
            )
            for i in range(n)
        ]
    )
    Action.objects.filter(authority=authority).update(created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def count(today):
    with CaptureQueriesContext(connection) as queries:
        result = reminders_sweep(today=today)
    return len(queries), result.claimed


def test_same_queries_at_10_and_1000_actions():
    build(10, "Small")
    small, small_claimed = count(TODAY)
    Action.objects.all().delete()
    build(1000, "Large")
    large, large_claimed = count(TODAY + dt.timedelta(days=1))
    assert small_claimed > 3 and large_claimed > 300
    assert small == large, (small, large)
    assert large <= 14
