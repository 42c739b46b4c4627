"""A manager keeps their actions up to date in a real browser: sign in, filter, update, race, keyboard only."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from improvement.models import Action, ActionStatus, ProgressUpdate
from tests.actions.conftest import ensure_role_groups
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import (
    ActionFactory,
    AuthorityFactory,
    OwnerFactory,
    PlanFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def plan_setting():
    ensure_role_groups()
    today = timezone.localdate()
    authority = AuthorityFactory(name="Browsershire Council")
    manager = UserFactory(authority=authority, role="Manager", username="front.door")
    lead = UserFactory(authority=authority, role="Improvement lead", username="lead")
    plan = PlanFactory(authority=authority)
    front, care = (
        ThemeFactory(plan=plan, number=1, title="Front door"),
        ThemeFactory(plan=plan, number=2, title="Children in care"),
    )
    owner = OwnerFactory(authority=authority, role_title="Head of Service, Front Door", user=manager)
    someone = OwnerFactory(authority=authority, role_title="Head of Service, Children in Care")

    def mk(**kw):
        return ActionFactory(authority=authority, plan=plan, status=ActionStatus.ON_TRACK, **kw)

    actions = {
        "overdue": mk(
            title="Audit contacts at the front door",
            owner=owner,
            theme=front,
            due_date=today - dt.timedelta(days=12),
            progress=30,
        ),
        "soon": mk(
            title="Train staff on thresholds",
            owner=owner,
            theme=front,
            due_date=today + dt.timedelta(days=5),
            progress=10,
        ),
        "care": mk(
            title="Recruit permanent social workers",
            owner=owner,
            theme=care,
            due_date=today + dt.timedelta(days=90),
            progress=50,
        ),
        "theirs": mk(title="Review care plans", owner=someone, theme=care, due_date=today + dt.timedelta(days=40)),
    }
    return {"manager": manager, "lead": lead, "actions": actions}


def _titles(page):
    return [t.strip() for t in page.locator("main table tbody tr th a, main table tbody tr td a").all_inner_texts()]


def test_a_manager_filters_my_actions_opens_one_adds_an_update_and_sees_it_in_the_history(
    page, live_server, plan_setting
):
    actions = plan_setting["actions"]
    sign_in(page, live_server, plan_setting["manager"])
    page.goto(f"{live_server.url}/my-actions/")
    assert_accessible(page)
    body = page.locator("main").inner_text()
    assert "Review care plans" not in body  # not theirs and not line-managed
    assert body.index("Audit contacts at the front door") < body.index("Train staff on thresholds")  # overdue first
    assert "Showing 1 to 3 of 3 actions" in body

    page.get_by_label("Theme").select_option(label="Theme 1: Front door")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    query = parse_qs(urlparse(page.url).query)
    assert query["theme"] == [str(actions["overdue"].theme_id)]  # the filter is in the URL, so it can be bookmarked
    body = page.locator("main").inner_text()
    assert "Recruit permanent social workers" not in body
    assert "Showing 1 to 2 of 2 actions" in body
    assert_accessible(page)

    page.get_by_role("link", name="Audit contacts at the front door").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Audit contacts at the front door"
    assert_accessible(page)

    page.get_by_label("At risk", exact=True).check()
    page.get_by_label("Progress (per cent complete)").fill("45")
    page.get_by_role("button", name="Save update").click()
    page.wait_for_load_state()
    expect(page.get_by_text("There is a problem").first).to_be_visible()  # at risk needs a note
    assert page.get_by_label("Progress (per cent complete)").input_value() == "45"  # what they typed is kept
    assert_accessible(page)

    page.get_by_label("Note").fill("Two auditors are off sick; the audit will finish late.")
    page.get_by_role("button", name="Save update").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Update saved")).to_be_visible()
    latest = page.locator(".tracker-history__item").first.inner_text()
    assert "At risk, 45%" in latest
    assert "Two auditors are off sick" in latest
    assert "Status: On track → At risk" in latest and "Progress: 30% → 45%" in latest  # who, when, before → after
    assert_accessible(page)
    saved = Action.objects.get(pk=actions["overdue"].pk)
    assert (saved.status, saved.progress, saved.version) == (ActionStatus.AT_RISK, 45, 2)


def test_two_people_racing_on_one_action_the_second_is_told_and_keeps_their_text(browser, live_server, plan_setting):
    action = plan_setting["actions"]["soon"]
    url = f"{live_server.url}/actions/{action.pk}/"
    first_ctx, second_ctx = browser.new_context(), browser.new_context()
    try:
        first, second = first_ctx.new_page(), second_ctx.new_page()
        sign_in(first, live_server, plan_setting["lead"])
        sign_in(second, live_server, plan_setting["manager"])
        first.goto(url)
        second.goto(url)  # both forms loaded at the same version

        first.get_by_label("Progress (per cent complete)").fill("60")
        first.get_by_label("Note").fill("Training booked for all teams.")
        first.get_by_role("button", name="Save update").click()
        first.wait_for_load_state()
        expect(first.get_by_text("Update saved")).to_be_visible()

        second.get_by_label("Progress (per cent complete)").fill("20")
        second.get_by_label("Note").fill("My note that must not be lost.")
        second.get_by_role("button", name="Save update").click()
        second.wait_for_load_state()
        expect(second.get_by_text("Someone else saved this action after you opened it")).to_be_visible()
        conflict = second.locator("#conflict").inner_text()
        assert "60%" in conflict and "Training booked for all teams." in conflict  # what changed is shown
        assert second.get_by_label("Note").input_value() == "My note that must not be lost."
        assert second.get_by_label("Progress (per cent complete)").input_value() == "20"
        assert_accessible(second)
    finally:
        first_ctx.close()
        second_ctx.close()

    saved = Action.objects.get(pk=action.pk)
    assert (saved.progress, saved.version) == (60, 2)
    assert list(ProgressUpdate.objects.filter(action=action).values_list("note", flat=True)) == [
        "Training booked for all teams."
    ]


def test_the_update_form_can_be_completed_with_the_keyboard_alone(page, live_server, plan_setting):
    action = plan_setting["actions"]["care"]
    sign_in(page, live_server, plan_setting["manager"])
    page.goto(f"{live_server.url}/actions/{action.pk}/")
    # From the top of the page, Tab until a status radio has focus.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "status":
            break
    else:
        pytest.fail("The status choices cannot be reached with Tab")
    page.keyboard.press("ArrowDown")  # the next status, chosen with an arrow key
    chosen = page.evaluate("document.activeElement.value")
    assert chosen != "on_track"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == page.get_by_label("Progress (per cent complete)").get_attribute("id")
    page.keyboard.press("Control+A")
    page.keyboard.type("65")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == page.get_by_label("Note").get_attribute("id")
    page.keyboard.type("Typed without a mouse.")
    # Tab on until the save button has focus, then press Enter.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Save update":
            break
    else:
        pytest.fail("The Save update button cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_text("Update saved")).to_be_visible()
    saved = Action.objects.get(pk=action.pk)
    assert saved.progress == 65
    assert saved.status == chosen
    assert ProgressUpdate.objects.get(action=action).note == "Typed without a mouse."


def test_a_manager_cannot_change_an_action_they_do_not_own(page, live_server, plan_setting):
    theirs = plan_setting["actions"]["theirs"]
    sign_in(page, live_server, plan_setting["manager"])
    page.goto(f"{live_server.url}/actions/{theirs.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Review care plans"
    assert page.get_by_role("button", name="Save update").count() == 0
    assert_accessible(page)
    response = page.request.post(f"{live_server.url}/actions/{theirs.pk}/update/", form={"status": "complete"})
    assert response.status == 403  # no CSRF token either, but never a change
    assert Action.objects.get(pk=theirs.pk).version == 1
