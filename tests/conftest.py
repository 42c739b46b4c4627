import pytest
from django.core.cache import cache

from tests.factories import ActionFactory, AuthorityFactory, OwnerFactory, UserFactory  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """The sign-in and password-reset throttles count in the cache: each test starts at zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def authority(db):
    return AuthorityFactory(name="Northshire County Council")


@pytest.fixture
def other_authority(db):
    return AuthorityFactory(name="Southshire Borough Council")


@pytest.fixture
def lead(authority):
    return UserFactory(authority=authority, role="Improvement lead", username="lead")


@pytest.fixture
def manager(authority):
    return UserFactory(authority=authority, role="Manager", username="manager")


@pytest.fixture
def scrutiny(authority):
    return UserFactory(authority=authority, role="Scrutiny member", username="councillor")
