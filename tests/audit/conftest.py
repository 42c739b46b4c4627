import datetime as dt

import pytest

from improvement.services.audit import audit_context
from tests.factories import ActionFactory, OwnerFactory, UserFactory


@pytest.fixture
def sam(authority):
    """The improvement lead whose name the audit log shows."""
    return UserFactory(
        authority=authority, role="Improvement lead", username="sam", first_name="Sam", last_name="Lead", is_staff=True
    )


@pytest.fixture
def recruit(authority):
    return ActionFactory(
        authority=authority,
        title="Recruit social workers",
        due_date=dt.date(2026, 6, 30),
        owner=OwnerFactory(authority=authority, role_title="Head of Workforce"),
    )


@pytest.fixture
def moved(recruit, sam):
    """Sam moved the recruitment action's due date, giving a reason."""
    with audit_context(sam, "The recruitment drive slipped a month"):
        recruit.due_date = dt.date(2026, 7, 31)
        recruit.save()
    return recruit
