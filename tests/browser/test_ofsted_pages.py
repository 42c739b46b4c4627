"""The Ofsted outcomes page and the area-grade strip as a user sees them, checked with axe-core."""

import os

import pytest

from improvement.models import Inspection
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import AuthorityFactory, UserFactory
from tests.ofsted.files import ods
from tests.ofsted.seed import ensure_frameworks

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("OFSTED_SCREENSHOTS")  # a folder: save screenshots there to look at


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_superuser_uploads_checks_and_saves_ofsted_outcomes_then_reads_the_journey(page, live_server, tmp_path):
    ensure_frameworks()  # an earlier transactional test may have flushed the seeded frameworks
    northshire = AuthorityFactory(name="Northshire County Council", slug="northshire")
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    sign_in(page, live_server, root)
    page.goto(f"{live_server.url}/ofsted-outcomes/")
    assert_accessible(page)
    path = tmp_path / "outcomes.ods"
    path.write_bytes(ods())
    page.get_by_label("Ofsted outcomes file").set_input_files(str(path))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Check what outcomes.ods changes").is_visible()
    assert_accessible(page)
    _shot(page, "outcomes-preview")
    page.get_by_role("button", name="Save these changes").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Ofsted outcomes saved").is_visible()
    assert Inspection.objects.filter(authority=northshire).count() == 3

    eastbridge = Inspection.objects.get(start_date="2026-05-12").authority
    page.context.clear_cookies()
    sign_in(page, live_server, UserFactory(authority=eastbridge, username="eb-member", role="Scrutiny member"))
    page.goto(f"{live_server.url}/inspections/")
    assert page.get_by_text("No overall grade (inspections from 1 April 2026)").is_visible()
    assert page.get_by_role("columnheader", name="The experiences and progress of care leavers").is_visible()
    assert_accessible(page)
    _shot(page, "journey-2026")
    page.context.clear_cookies()
    sign_in(page, live_server, UserFactory(authority=northshire, username="ns-member", role="Scrutiny member"))
    page.goto(f"{live_server.url}/inspections/")
    assert page.get_by_role("columnheader", name="Overall effectiveness").first.is_visible()
    assert_accessible(page)
    _shot(page, "journey-northshire")
    page.goto(f"{live_server.url}/dashboard/")
    _shot(page, "dashboard-northshire")
