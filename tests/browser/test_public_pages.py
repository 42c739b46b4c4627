"""The lead publishes a plan from Manage plan; a visitor with no account reads its public pages.
Every page is checked with axe-core."""

import os

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.ofsted.seed import ensure_frameworks
from tests.public.conftest import PRIVATE, councils, plan_url, today  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("PUBLIC_SCREENSHOTS")  # a folder: save screenshots there to look at


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def frameworks(db):
    ensure_frameworks()  # an earlier transactional test may have flushed the seeded frameworks


def test_the_lead_publishes_the_plan_and_a_visitor_reads_it(frameworks, councils, page, live_server):  # noqa: F811
    ours, plan = councils["ours"], councils["plan"]
    sign_in(page, live_server, councils["lead"])
    page.goto(f"{live_server.url}/manage/")
    page.get_by_role("link", name=f"Public page of {plan.title}").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Show this plan on a public page that needs no sign-in").check()
    page.get_by_label("Case files audited as good").check()
    page.get_by_label("Why (optional)").fill("Agreed at Cabinet on 3 December 2026")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.get_by_text("The plan's public page is on").is_visible()
    assert_accessible(page)
    _shot(page, "public-settings")

    page.context.clear_cookies()
    for name, suffix in (("plan", ""), ("measures", "measures/"), ("inspections", "inspections/")):
        page.goto(live_server.url + plan_url(ours, plan, suffix))
        assert page.locator("h1").count() == 1
        text = page.content()
        for secret in PRIVATE:
            assert secret not in text, (name, secret)
        assert_accessible(page)
        _shot(page, f"public-{name}")
    page.goto(live_server.url + f"/public/{ours.slug}/")
    assert_accessible(page)
