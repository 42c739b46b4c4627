"""At 2,000 actions no scrutiny page is over 500 KB of HTML: long lists are cut, the exceptions come first.

One test, so the 2,000 generated actions are made once."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from improvement import roles
from improvement.models import Action
from tests.actions.conftest import ensure_role_groups
from tests.factories import AuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db
LIMIT = 500_000
PAGES = ["plan_dashboard", "recommendations_coverage", "measures", "changes_since", "action_list", "inspection_journey"]


def test_at_2000_actions_every_page_is_under_500_kb_and_opens_with_its_exceptions(client):
    ensure_role_groups()
    authority = AuthorityFactory(name="Bigshire Council")
    call_command("generate_demo", "--into", "Bigshire Council", "--actions-per-authority", "2000", verbosity=0)
    assert Action.objects.filter(authority=authority).count() == 2000
    lead = UserFactory(authority=authority, role=roles.IMPROVEMENT_LEAD, username="big-lead")
    councillor = UserFactory(authority=authority, role=roles.SCRUTINY_MEMBER, username="big-councillor")
    sizes = {}
    for user in (lead, councillor):
        client.force_login(user)
        for name in PAGES:
            response = client.get(reverse(name))
            assert response.status_code == 200
            sizes[(name, user.username)] = len(response.content)
    too_big = {k: v // 1024 for k, v in sizes.items() if v >= LIMIT}
    assert not too_big, f"pages over 500 KB (KB): {too_big}"

    coverage = client.get(reverse("recommendations_coverage")).content.decode()
    assert "Needs attention (" in coverage
    assert coverage.index('id="attention"') < coverage.index('id="all-recommendations"')
    assert "Showing the 5 worst-rated of" in coverage
    assert f"{reverse('action_list')}?recommendation=" in coverage

    changes = client.get(reverse("changes_since"), {"since": "2020-01-01"}).content.decode()
    assert "What changed, by theme" in changes and "All themes" in changes
    assert "Showing the first 25 of 2000 new actions. The committee pack lists them all." in changes

    measures = client.get(reverse("measures")).content.decode()
    assert measures.index('id="off-target"') < measures.index('id="all-measures"')
