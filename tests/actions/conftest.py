"""A small plan: a director who line-manages a manager, actions of each, and a decoy authority."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import (
    ActionFactory,
    MeasureFactory,
    MeasureValueFactory,
    OwnerFactory,
    PlanFactory,
    RecommendationFactory,
    ThemeFactory,
    UserFactory,
)

TODAY = dt.date(2026, 6, 10)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


@pytest.fixture
def director(authority):
    return UserFactory(authority=authority, role="Manager", username="director")


@pytest.fixture
def plan(authority):
    return PlanFactory(authority=authority)


@pytest.fixture
def owners(authority, manager, director):
    boss = OwnerFactory(authority=authority, role_title="Director of Children's Services", user=director)
    front = OwnerFactory(authority=authority, role_title="Head of Service, Front Door", user=manager, line_manager=boss)
    care = OwnerFactory(authority=authority, role_title="Head of Service, Children in Care")
    return {"director": boss, "manager": front, "other": care}


@pytest.fixture
def themes(plan):
    return [
        ThemeFactory(plan=plan, number=1, title="Front door"),
        ThemeFactory(plan=plan, number=2, title="Children in care"),
    ]


@pytest.fixture
def actions(authority, plan, owners, themes):
    """Manager's: overdue, due soon, later; director's one; someone else's one."""
    mk = lambda **kw: ActionFactory(authority=authority, plan=plan, **kw)  # noqa: E731
    return {
        "overdue": mk(
            title="Audit contacts at the front door",
            owner=owners["manager"],
            theme=themes[0],
            due_date=TODAY - dt.timedelta(days=12),
            progress=30,
        ),
        "soon": mk(
            title="Train staff on thresholds",
            owner=owners["manager"],
            theme=themes[0],
            due_date=TODAY + dt.timedelta(days=5),
            progress=10,
        ),
        "later": mk(
            title="Recruit permanent social workers",
            owner=owners["manager"],
            theme=themes[1],
            due_date=TODAY + dt.timedelta(days=90),
            progress=50,
        ),
        "director": mk(
            title="Report to scrutiny quarterly",
            owner=owners["director"],
            theme=themes[1],
            due_date=TODAY + dt.timedelta(days=30),
        ),
        "other": mk(
            title="Review care plans", owner=owners["other"], theme=themes[1], due_date=TODAY + dt.timedelta(days=40)
        ),
    }


@pytest.fixture
def foreign_action(other_authority):
    return ActionFactory(authority=other_authority, title="Another council's action")


def add_measure(action, *, value=62, target=80, tolerance=10):
    measure = MeasureFactory(authority=action.authority, target=target, tolerance=tolerance)
    MeasureValueFactory(measure=measure, date=TODAY - dt.timedelta(days=40), value=value + 5)
    MeasureValueFactory(measure=measure, date=TODAY - dt.timedelta(days=10), value=value)
    action.measures.add(measure)
    return measure


def add_recommendation(action, **kwargs):
    rec = RecommendationFactory(authority=action.authority, **kwargs)
    action.recommendations.add(rec)
    return rec


def ensure_role_groups():
    """Transactional tests flush the tables after each test, taking the migration-made role groups with them."""
    from django.contrib.auth.models import Group

    from improvement import roles

    for name in roles.ALL:
        Group.objects.get_or_create(name=name)
