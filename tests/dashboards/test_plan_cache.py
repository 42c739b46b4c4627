"""The heavy pages' read-through cache: never stale, never shared between councils or roles, never needed."""

import datetime as dt
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from improvement.models import (
    Action,
    ActionStatus,
    Grade,
    InspectionJudgement,
    Measure,
    MeasureValue,
    Owner,
    ProgressUpdate,
    StatisticalNeighbour,
    Theme,
)
from improvement.selectors import packs, plan_cache
from improvement.services import actions as action_services
from improvement.services import plan_admin
from tests.dashboards._html import body
from tests.dashboards.conftest import TODAY
from tests.factories import ActionFactory, OwnerFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

CACHED_PAGES = [
    "plan_dashboard",
    "measures",
    "inspection_journey",
    "changes_since",
    "recommendations_coverage",
    "committee_pack",
    "actions_export_csv",
    "actions_export_xlsx",
]


def overdue_heading(client) -> int:
    html = client.get(reverse("plan_dashboard")).content.decode()
    return int(re.search(r'id="overdue">Overdue actions \((\d+)\)', html).group(1))


def content(response):
    """What the page shows after its filters (the layout around it carries a per-request nonce), or the file's rows."""
    if response["Content-Type"].startswith("application/vnd.openxml"):
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book]
    return body(response) if response["Content-Type"].startswith("text/html") else response.content


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", CACHED_PAGES)
def test_a_second_visit_is_served_from_the_cache_with_the_same_content(client, lead, plan, today, name):
    client.force_login(lead)
    url = reverse(name) + ("?since=2026-01-01" if name == "changes_since" else "")
    first = content(client.get(url))
    warm = queries(client, url)
    assert content(client.get(url)) == first
    cache.clear()
    assert warm < queries(client, url)
    assert content(client.get(url)) == first


def test_an_update_through_the_service_shows_at_once(client, lead, plan, today):
    client.force_login(lead)
    assert overdue_heading(client) == 1
    soon = plan["actions"]["soon"]
    action_services.action_change_fields(
        action=soon,
        by=lead,
        changes={"due_date": TODAY - dt.timedelta(days=3)},
        reason="slipped",
        expected_version=soon.version,
    )
    assert overdue_heading(client) == 2
    overdue = plan["actions"]["overdue"]
    overdue.refresh_from_db()
    action_services.action_record_update(
        action=overdue,
        by=lead,
        status=ActionStatus.COMPLETE,
        progress=100,
        note="Done",
        expected_version=overdue.version,
    )
    assert overdue_heading(client) == 1


def test_a_new_measure_value_shows_at_once(client, lead, plan, today):
    client.force_login(lead)
    url = reverse("changes_since") + "?since=2026-01-01"
    assert "2 new measure values" in client.get(url).content.decode()
    plan_admin.measure_value_record(measure=plan["measure"], by=lead, on=dt.date(2026, 11, 1), value=Decimal("70"))
    assert "3 new measure values" in client.get(url).content.decode()


def test_a_new_measure_value_shows_on_the_measures_page_at_once(client, lead, plan, today):
    client.force_login(lead)
    url = reverse("measures")
    assert "70%" not in client.get(url).content.decode()
    plan_admin.measure_value_record(measure=plan["measure"], by=lead, on=dt.date(2026, 11, 1), value=Decimal("70"))
    assert "70%" in client.get(url).content.decode()


def test_a_record_deleted_in_plan_admin_goes_at_once(client, lead, plan, authority, today):
    client.force_login(lead)
    url = reverse("recommendations_coverage")
    assert "nothing yet" in client.get(url).content.decode()
    plan_admin.plan_record_delete(record=plan["rec_gap"], by=lead, authority=authority, reason="a duplicate")
    assert "nothing yet" not in client.get(url).content.decode()


def test_a_new_day_is_a_new_entry(client, lead, plan, today, monkeypatch):
    client.force_login(lead)
    assert overdue_heading(client) == 1
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY + dt.timedelta(days=11))
    assert overdue_heading(client) == 2  # the action due in 10 days is now overdue


def test_two_councils_never_share_an_entry(client, lead, plan, other_plan, other_authority, today):
    other_lead = UserFactory(authority=other_authority, role="Improvement lead", username="other-lead")
    for user, mine, theirs in [(lead, "North", "Southshire"), (other_lead, "Southshire", "North")]:
        client.force_login(user)
        for name in ("plan_dashboard", "committee_pack", "recommendations_coverage"):
            html = client.get(reverse(name)).content.decode()
            assert f"{mine} overdue audit" in html or f"{mine} improve supervision" in html
            assert f"{theirs} overdue audit" not in html and f"{theirs} improve supervision" not in html


def test_a_lead_and_a_scrutiny_member_each_have_their_own_entry(client, lead, scrutiny, plan, authority, today):
    keys = {
        user.username: plan_cache.plan_content_key(
            page="dashboard", authority=authority, user=user, query="", today=TODAY, stamp="s"
        )
        for user in (lead, scrutiny)
    }
    assert keys["lead"] != keys["councillor"]
    for user in (lead, scrutiny, lead):
        client.force_login(user)
        response = client.get(reverse("plan_dashboard"))
        assert response.status_code == 200 and "North overdue audit" in response.content.decode()


class BrokenCache(BaseCache):
    """A cache server that is down: every read and write fails."""

    def __init__(self, *args, **kwargs):
        super().__init__({})

    def get(self, *args, **kwargs):
        raise ConnectionError("cache down")

    set = add = delete = incr = get_many = set_many = clear = get


@override_settings(CACHES={"default": {"BACKEND": "tests.dashboards.test_plan_cache.BrokenCache"}})
@pytest.mark.parametrize("name", CACHED_PAGES)
def test_a_cache_that_is_down_still_serves_the_page(client, lead, plan, today, name):
    client.force_login(lead)
    response = client.get(reverse(name))
    assert response.status_code == 200
    if name == "plan_dashboard":
        assert overdue_heading(client) == 1


@override_settings(PLAN_CACHE_SECONDS=0)
def test_the_cache_can_be_turned_off(client, lead, plan, today):
    client.force_login(lead)
    url = reverse("plan_dashboard")
    assert queries(client, url) == queries(client, url) > 10


def test_a_neighbours_new_figure_moves_the_stamp_and_an_unrelated_councils_does_not(
    plan, other_plan, authority, other_authority
):
    """The measures' neighbours' median comes from other councils' figures: the cached pages must see them."""
    stamp = packs.plan_change_stamp
    theirs = Measure.objects.filter(authority=other_authority).first()
    before = stamp(authority=authority)
    MeasureValue.objects.create(measure=theirs, date=dt.date(2026, 10, 1), value=Decimal("50"))
    assert stamp(authority=authority) == before  # not a neighbour yet: nothing of ours changed
    StatisticalNeighbour.objects.create(authority=authority, rank=1, neighbour=other_authority, neighbour_name="x")
    linked = stamp(authority=authority)
    assert linked != before
    MeasureValue.objects.create(measure=theirs, date=dt.date(2026, 11, 1), value=Decimal("55"))
    assert stamp(authority=authority) != linked


def _write_ways(plan, authority):
    """Every way a change can reach the database, not only the services: each must move the stamp."""
    action, owner, measure = plan["actions"]["overdue"], plan["actions"]["overdue"].owner, plan["measure"]
    soon = plan["actions"]["soon"]
    spare = ActionFactory(authority=authority, plan=action.plan, title="Made to be deleted")
    return {
        "a queryset update": lambda: Action.objects.filter(pk=action.pk).update(title="Renamed in bulk"),
        "a raw SQL update": lambda: _raw("UPDATE improvement_action SET progress = 7 WHERE id = %s", [action.pk]),
        "an owner's name": lambda: Owner.objects.filter(pk=owner.pk).update(person_name="A new name"),
        "a bulk insert": lambda: ProgressUpdate.objects.bulk_create(
            [ProgressUpdate(action=action, note="Bulk note", progress=10)]
        ),
        "a link to a measure": lambda: soon.measures.add(measure),
        "a link removed": lambda: soon.measures.remove(measure),
        "a theme retitled": lambda: Theme.objects.filter(plan__authority=authority).update(title="A new title"),
        "a judgement": lambda: InspectionJudgement.objects.filter(inspection__authority=authority).update(grade="good"),
        "a deletion": lambda: Action.objects.filter(pk=spare.pk).delete(),
        "a framework's wording (shared by every council)": lambda: Grade.objects.update(name="Renamed grade"),
    }


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_every_way_of_writing_moves_the_stamp_and_only_the_councils_own(plan, other_plan, authority, other_authority):
    stamp = packs.plan_change_stamp
    shared_change = "a framework's wording (shared by every council)"
    for label, write in _write_ways(plan, authority).items():
        ours, theirs = stamp(authority=authority), stamp(authority=other_authority)
        write()
        assert stamp(authority=authority) != ours, label
        if label != shared_change:
            assert stamp(authority=other_authority) == theirs, label
        else:
            assert stamp(authority=other_authority) != theirs


def test_an_update_in_bulk_never_leaves_the_dashboard_stale(client, lead, plan, today):
    """A change made outside the services (an operator's SQL, a data fix) shows at once all the same."""
    client.force_login(lead)
    assert overdue_heading(client) == 1
    Action.objects.filter(pk=plan["actions"]["overdue"].pk).update(status=ActionStatus.COMPLETE)
    assert overdue_heading(client) == 0


def _owner_choices(client, url) -> set[str]:
    html = client.get(url).content.decode()
    select = re.search(r'<select[^>]*name="owner".*?</select>', html, re.S).group(0)
    return set(re.findall(r"<option[^>]*>([^<]+)</option>", select)) - {"All", "---------"}


def test_the_filter_form_offers_a_new_theme_at_once(client, lead, plan, today):
    client.force_login(lead)
    for url in (reverse("action_list"), reverse("plan_dashboard")):
        assert "Theme 9: Added since" not in client.get(url).content.decode()
    ThemeFactory(plan=plan["plan"], number=9, title="Added since")
    for url in (reverse("action_list"), reverse("plan_dashboard")):
        assert "Theme 9: Added since" in client.get(url).content.decode()


def test_my_actions_filter_form_is_never_shared_between_people(client, manager, plan, authority, today):
    """My actions offers only the owners a person manages: the kept form is the viewer's own, even
    between two people of the same council and role asking with the same query."""
    other = UserFactory(authority=authority, role="Manager", username="manager-west")
    east = OwnerFactory(authority=authority, role_title="Team manager, east", user=manager)
    west = OwnerFactory(authority=authority, role_title="Team manager, west", user=other)
    client.force_login(manager)
    assert str(east) in _owner_choices(client, reverse("my_actions"))
    client.force_login(other)
    offered = _owner_choices(client, reverse("my_actions"))
    assert str(west) in offered and str(east) not in offered


def test_a_new_name_for_the_author_of_an_update_shows_at_once(client, lead, plan, authority, today):
    """The kept pages show who wrote each update: renaming that person (in the admin, or in bulk) is a change too,
    including a superuser who belongs to no council."""
    client.force_login(lead)
    url = reverse("changes_since") + "?since=2026-01-01"
    adviser = UserFactory(authority=None, username="visiting", first_name="Pat", last_name="Jones", is_superuser=True)
    overdue = plan["actions"]["overdue"]
    action_services.action_record_update(
        action=overdue,
        by=adviser,
        status=ActionStatus.COMPLETE,
        progress=100,
        note="Checked",
        expected_version=overdue.version,
    )
    assert "by Pat Jones" in client.get(url).content.decode()
    adviser.last_name = "Okafor"
    adviser.save()
    page = client.get(url).content.decode()
    assert ("by Pat Okafor" in page, "by Pat Jones" in page) == (True, False)
    type(adviser).objects.filter(pk=adviser.pk).update(first_name="", last_name="")  # no full name: the username
    assert "by visiting" in client.get(url).content.decode()


def test_a_sign_in_or_a_renamed_stranger_keeps_the_councils_pages(plan, other_plan, authority, other_authority, lead):
    """Only a change a page could show moves a council's stamp: not a sign-in, not a rename elsewhere."""
    stamp = packs.plan_change_stamp
    ours = stamp(authority=authority)
    type(lead).objects.filter(pk=lead.pk).update(last_login=timezone.now(), password="changed")
    assert stamp(authority=authority) == ours
    stranger = UserFactory(authority=other_authority, first_name="Sam")
    theirs = stamp(authority=other_authority)
    stranger.first_name = "Samira"
    stranger.save()
    assert (stamp(authority=authority), stamp(authority=other_authority) != theirs) == (ours, True)
    lead.first_name = "Renamed"
    lead.save()
    assert stamp(authority=authority) != ours
