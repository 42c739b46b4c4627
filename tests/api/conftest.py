"""A council with a demo plan, another council, and a token for each role."""

import hashlib

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from improvement import models, roles
from improvement.services.api_tokens import api_token_create
from tests.factories import AuthorityFactory, UserFactory


def fill(name: str, actions: int) -> models.Authority:
    """A council with a demo plan, and minutes that its first actions were read from."""
    authority = AuthorityFactory(name=name)
    call_command("generate_demo", "--into", name, "--actions-per-authority", str(actions), verbosity=0)
    text = f"{name}: the Committee AGREED the actions below."
    document = models.SourceDocument.objects.create(
        authority=authority, filename="minutes.txt", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text
    )
    models.Action.objects.filter(pk__in=models.Action.objects.filter(authority=authority).values("pk")[:3]).update(
        source_document=document, source_quote=text[:10], source_start=0, source_end=10
    )
    return authority


@pytest.fixture
def council(db):
    for name in (*roles.ALL, roles.REGIONAL_ADVISER):
        Group.objects.get_or_create(name=name)
    ours = fill("Tokenshire Council", 12)
    theirs = fill("Elsewhere Council", 6)
    users = {
        "lead": UserFactory(authority=ours, role=roles.IMPROVEMENT_LEAD, username="t-lead"),
        "manager": UserFactory(authority=ours, role=roles.MANAGER, username="t-manager"),
        "scrutiny": UserFactory(authority=ours, role=roles.SCRUTINY_MEMBER, username="t-scrutiny"),
        "other_lead": UserFactory(authority=theirs, role=roles.IMPROVEMENT_LEAD, username="e-lead"),
    }
    return ours, theirs, users


def bearer(user, name="report") -> dict:
    _, secret = api_token_create(user=user, name=name)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
