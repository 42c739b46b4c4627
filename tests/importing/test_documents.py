"""The authority a command-line import names: found whatever the case, or created with a slug nobody has."""

import pytest

from improvement.models import Authority
from improvement.services.importing.documents import authority_get_or_create
from tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db


def test_an_existing_authority_is_found_whatever_the_case(authority):
    assert authority_get_or_create(name="NORTHSHIRE county council") == authority
    assert Authority.objects.count() == 1


def test_a_new_authority_gets_a_free_slug():
    AuthorityFactory(name="Somewhere Else", slug="eastshire-council")
    created = authority_get_or_create(name="Eastshire Council")
    assert (created.name, created.slug) == ("Eastshire Council", "eastshire-council-2")
    assert authority_get_or_create(name="!!!").slug == "authority"
