"""The account page (making and revoking an API token) and the API's docs page, in Chromium with axe."""

import os

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SCREENSHOT_DIR")


def _shot(page, name, *, full_page=True):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=full_page)


def test_a_manager_makes_a_token_sees_it_once_and_revokes_it(page, live_server, authority):
    user = UserFactory(authority=authority, role="Manager", username="tokenmaker")
    sign_in(page, live_server, user)
    page.get_by_role("link", name="Your account").click()
    assert page.get_by_role("heading", name="Your account").is_visible()
    page.get_by_role("button", name="Make a token").click()
    assert page.get_by_text("There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("What is the token for?").fill("Monthly performance report")
    page.get_by_role("button", name="Make a token").click()
    secret = page.locator("#new-token").inner_text()
    assert secret.startswith("ict_")
    assert page.get_by_text("It will not be shown again").is_visible()
    assert_accessible(page)
    _shot(page, "account-new-token")
    page.goto(f"{live_server.url}/account/")
    assert secret not in page.content()
    page.get_by_role("button", name="Revoke the token for Monthly performance report").click()
    assert page.get_by_text("no longer works").is_visible()
    assert page.get_by_text("Revoked").is_visible()
    assert_accessible(page)
    _shot(page, "account-revoked")


def test_the_api_docs_page_lists_the_endpoints_and_is_accessible(page, live_server):
    page.goto(f"{live_server.url}/api/")
    assert page.get_by_role("heading", name="Read API", exact=True).is_visible()
    assert page.get_by_role("heading", name="List actions, with their BRAG rating and its reasons").is_visible()
    assert_accessible(page)
    _shot(page, "api-docs-top", full_page=False)
    page.locator("#api-v1-actions").scroll_into_view_if_needed()
    _shot(page, "api-docs-actions", full_page=False)


def test_a_councillor_makes_a_council_calendar_link_and_stops_it(page, live_server, authority):
    user = UserFactory(authority=authority, role="Scrutiny member", username="calendarcllr")
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/account/")
    page.get_by_role("button", name="Make a calendar link").click()
    assert page.get_by_text("There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("Council dates").check()
    page.get_by_role("button", name="Make a calendar link").click()
    url = page.locator("#new-feed-url").inner_text()
    assert "/calendar/" in url and url.endswith(".ics")
    assert_accessible(page)
    _shot(page, "account-calendar-link")
    page.get_by_role("button", name="Stop the Council dates calendar link").click()
    assert page.get_by_text("no longer works").is_visible()
    assert_accessible(page)
