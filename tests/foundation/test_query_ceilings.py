"""A query budget for the pages the other query-count tests do not cover: each page runs the same
number of queries for a council with a small plan as for one with a plan ten times the size (made
by the one generator of plan data, with the seed minutes imported through the importer), and no
more than its ceiling. The scrutiny pages, the action pages, the audit log and the region view
have theirs in tests/dashboards, tests/actions, tests/audit and tests/region."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from improvement import roles
from improvement.models import Action, Measure, Owner, SourceDocument, Theme
from improvement.services.demo_data import demo_authority_fill
from tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# page -> ceiling (a little above what it runs today); the same for both sizes of plan.
BUDGET = {
    "home": 4,
    "health": 3,
    "import_upload": 7,
    "document_detail": 13,
    "import_review": 23,
    "action_create": 10,
    "action_edit": 14,
    "plan_admin_create themes": 6,
    "plan_admin_edit owners": 9,
    "plan_admin_edit measures": 7,
    "plan_admin_measure_values": 8,
}


def _council(name: str, actions: int) -> dict:
    authority = AuthorityFactory(name=name)
    demo_authority_fill(authority=authority, actions=actions)
    call_command("import_minutes", str(SEEDS), "--authority", name, verbosity=0, stdout=io.StringIO())
    lead = authority.users.filter(groups__name=roles.IMPROVEMENT_LEAD).order_by("pk").first()
    client = Client()
    client.force_login(lead)
    document = SourceDocument.objects.filter(authority=authority).order_by("filename")[1]  # the one with most facts
    action = Action.objects.filter(authority=authority, plan__isnull=False).order_by("pk").first()
    measure = Measure.objects.filter(authority=authority).order_by("pk").first()
    owner = Owner.objects.filter(authority=authority).order_by("pk").first()
    assert Theme.objects.filter(plan__authority=authority).exists()
    review = client.post(reverse("document_review_again", args=[document.pk]))
    assert review.status_code == 302, review.status_code
    return {
        "client": client,
        "urls": {
            "home": reverse("home"),
            "health": reverse("health"),
            "import_upload": reverse("import_upload"),
            "document_detail": reverse("document_detail", args=[document.pk]),
            "import_review": review.url,
            "action_create": reverse("action_create"),
            "action_edit": reverse("action_edit", args=[action.pk]),
            "plan_admin_create themes": reverse("plan_admin_create", args=["themes"]),
            "plan_admin_edit owners": reverse("plan_admin_edit", args=["owners", owner.pk]),
            "plan_admin_edit measures": reverse("plan_admin_edit", args=["measures", measure.pk]),
            "plan_admin_measure_values": reverse("plan_admin_measure_values", args=[measure.pk]),
        },
    }


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm the caches (content types, permissions, sessions) so both sizes start equal
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code in (200, 302), (url, response.status_code)
    return len(ctx.captured_queries)


def test_each_page_runs_a_constant_number_of_queries_within_its_budget():
    small, large = _council("Smallshire Council", 20), _council("Largeshire Council", 200)
    found = {}
    for page in BUDGET:
        found[page] = (_queries(small["client"], small["urls"][page]), _queries(large["client"], large["urls"][page]))
    over = {page: counts for page, counts in found.items() if counts[0] != counts[1] or counts[1] > BUDGET[page]}
    assert not over, f"(small plan, large plan) queries over budget or growing: {over}; budgets {BUDGET}"
