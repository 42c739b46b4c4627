"""A small council for reminder tests: a director who line-manages a head of service, and leads."""

import datetime as dt

import pytest

from improvement import roles
from improvement.models import Reminder
from tests.factories import ActionFactory, AuthorityFactory, OwnerFactory, UserFactory

DUE = dt.date(2026, 6, 11)  # a Thursday


def ensure_role_groups():
    """Transactional tests flush the tables, taking the migration-made role groups with them."""
    from django.contrib.auth.models import Group

    for name in roles.ALL:
        Group.objects.get_or_create(name=name)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def claimed(**filters) -> list[tuple]:
    """(action title, kind, due_on, recipient) of every reminder row, sorted."""
    rows = Reminder.objects.filter(**filters).values_list("action__title", "kind", "due_on", "recipient")
    return sorted(rows)


@pytest.fixture
def council(db):
    ensure_role_groups()
    authority = AuthorityFactory(name="Northshire County Council")
    lead = UserFactory(
        authority=authority,
        role=roles.IMPROVEMENT_LEAD,
        username="lead",
        email="lead@northshire.example",
    )
    director_user = UserFactory(
        authority=authority,
        role=roles.MANAGER,
        username="director",
        email="dcs@northshire.example",
    )
    manager_user = UserFactory(
        authority=authority,
        role=roles.MANAGER,
        username="manager",
        email="hos@northshire.example",
    )
    director = OwnerFactory(
        authority=authority,
        role_title="Director of Children's Services",
        email="dcs@northshire.example",
        user=director_user,
    )
    head = OwnerFactory(
        authority=authority,
        role_title="Head of Service, Front Door",
        person_name="Sam Patel",
        email="hos@northshire.example",
        user=manager_user,
        line_manager=director,
    )
    return {
        "authority": authority,
        "lead": lead,
        "director": director,
        "head": head,
        "manager_user": manager_user,
    }


@pytest.fixture
def action(council):
    return ActionFactory(
        authority=council["authority"],
        owner=council["head"],
        title="Audit case files",
        due_date=DUE,
    )
