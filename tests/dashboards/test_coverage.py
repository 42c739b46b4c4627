import pytest
from django.urls import reverse

from improvement import rag
from improvement.models import Action
from improvement.selectors.coverage import derive_status, recommendations_coverage
from tests.dashboards.conftest import TODAY
from tests.dashboards.test_query_counts import grow
from tests.factories import ActionFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def test_derived_status_is_complete_only_when_every_action_is():
    assert derive_status(total=0, done=0, evidenced=0, counts={}).label == "No actions"
    done = derive_status(total=2, done=2, evidenced=2, counts={"blue": 2})
    assert (done.rating, done.label) == (rag.BLUE, "Complete")
    awaiting = derive_status(total=2, done=2, evidenced=1, counts={"blue": 1, "green": 1})
    assert (awaiting.rating, awaiting.label) == (rag.GREEN, "Complete") and "1 awaiting sign-off" in awaiting.reason
    worst = derive_status(total=3, done=1, evidenced=1, counts={"blue": 1, "amber": 1, "green": 1})
    assert worst.rating == rag.AMBER
    assert worst.reason == "worst of its actions: 1 of 3 actions amber; 1 of 3 complete"


def test_sql_counts_match_the_python_rule_for_every_recommendation(plan, authority):
    grow(plan, 60)
    rows = recommendations_coverage(authority=authority, today=TODAY)
    for rec in rows:
        ratings = [rag.explain_action(a, today=TODAY).rating for a in Action.objects.filter(recommendations=rec)]
        for r in (rag.RED, rag.AMBER, rag.GREEN, rag.BLUE):
            assert getattr(rec, f"n_{r}") == ratings.count(r), (rec, r)
        assert rec.n_actions == len(ratings)
        if ratings and not all(r == rag.BLUE for r in ratings):
            assert rec.derived.rating == max(ratings, key=rag.ORDER.get) or rec.derived.label == "Complete"


def test_recommendations_with_gaps_come_first_and_say_what_is_missing(plan, authority):
    rows = recommendations_coverage(authority=authority, today=TODAY)
    assert rows[0].pk == plan["rec_gap"].pk
    assert rows[0].gaps == ["No action", "No owner", "No deadline", "No measure"]
    covered = next(r for r in rows if r.pk == plan["rec_covered"].pk)
    assert covered.gaps == []
    assert covered.derived.rating == rag.RED  # one overdue action, one evidenced
    assert "1 of 2 actions red" in covered.derived.reason


def test_an_action_without_owner_or_deadline_is_flagged(plan, authority):
    rec = RecommendationFactory(authority=authority, reference="9", text="Partly planned")
    ActionFactory(authority=authority, plan=plan["plan"], owner=None, due_date=None).recommendations.add(rec)
    row = next(r for r in recommendations_coverage(authority=authority, today=TODAY) if r.pk == rec.pk)
    assert row.gaps == ["No owner", "No deadline", "No measure"]


def test_coverage_page_lists_actions_owners_deadlines_and_measures(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    html = client.get(reverse("recommendations_coverage")).content.decode()
    assert "North improve supervision" in html and "North nothing yet" in html
    cards = html[html.index("govuk-summary-card") :]
    assert cards.index("North nothing yet") < cards.index("North improve supervision")
    assert "North Head of Safeguarding" in html
    assert "13 November 2026" in html
    assert "North case files compliant" in html
    assert "worst of its actions" in html
    assert f"/documents/{plan['doc'].pk}/#q4" in html  # the action's quote


def _cards(response):
    html = response.content.decode()
    return html[html.rindex("</form>") :]


def test_coverage_filters_by_owner_and_theme(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    html = _cards(client.get(reverse("recommendations_coverage"), {"owner": plan["owner"].pk}))
    assert "North improve supervision" in html and "North nothing yet" not in html
    front = plan["themes"][0]
    html = _cards(client.get(reverse("recommendations_coverage"), {"theme": front.pk}))
    assert "North improve supervision" in html and "North nothing yet" not in html
    html = _cards(client.get(reverse("recommendations_coverage"), {"due_from": "2027-01-01"}))
    assert "North improve supervision" not in html
