"""Three councils with plans, and a regional adviser granted two of them."""

import pytest
from django.contrib.auth.models import Group

from improvement import roles
from improvement.models import AdviserGrant
from tests.dashboards.conftest import TODAY, build_plan
from tests.factories import AuthorityFactory, UserFactory


@pytest.fixture
def region(db, today):
    for name in (*roles.ALL, roles.REGIONAL_ADVISER):
        Group.objects.get_or_create(name=name)
    north = AuthorityFactory(name="Northshire County Council")
    east = AuthorityFactory(name="Eastshire Borough Council")
    west = AuthorityFactory(name="Westshire Council")
    built = {"north": build_plan(north, tag="North"), "east": build_plan(east, tag="East")}
    build_plan(west, tag="West")
    adviser = UserFactory(authority=None, role=roles.REGIONAL_ADVISER, username="adviser")
    for council in (north, east):
        AdviserGrant.objects.create(user=adviser, authority=council)
    return {
        "north": north,
        "east": east,
        "west": west,
        "built": built,
        "adviser": adviser,
        "lead": UserFactory(authority=north, role=roles.IMPROVEMENT_LEAD, username="north-lead"),
        "manager": UserFactory(authority=north, role=roles.MANAGER, username="north-manager"),
        "superuser": UserFactory(authority=None, username="root", is_superuser=True, is_staff=True),
        "today": TODAY,
    }


@pytest.fixture
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY
