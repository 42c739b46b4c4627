"""The lead imports benchmarks from a published table; a superuser imports the statistical-neighbour
model. Every page is checked with axe-core."""

import os

import pytest

from improvement.models import StatisticalNeighbour
from tests.benchmarks.conftest import westminster  # noqa: F401 - a fixture
from tests.benchmarks.files import table
from tests.benchmarks.test_pages import SN
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("PUBLIC_SCREENSHOTS")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_the_lead_maps_checks_and_saves_benchmarks(westminster, page, live_server, tmp_path):  # noqa: F811
    path = tmp_path / "csww_indicators_2017_to_2025.csv"
    path.write_bytes(table())
    sign_in(page, live_server, westminster["lead"])
    page.goto(f"{live_server.url}/benchmarks/")
    assert_accessible(page)
    page.get_by_label("Published table (CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Upload and choose columns").click()
    page.wait_for_load_state()
    page.get_by_label("turnover_rate_fte").select_option(label="Social worker turnover")
    page.get_by_label("agency_rate_fte").select_option(label="Agency social workers")
    page.get_by_label("30 September").check()
    page.get_by_role("button", name="Check what this sets").click()
    page.wait_for_load_state()
    assert page.get_by_role("cell", name="16.8%").first.is_visible()
    assert_accessible(page)
    _shot(page, "benchmarks-check")
    page.get_by_role("button", name="Save these benchmarks").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Benchmarks saved").is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/measures/")
    assert page.get_by_text("England 16.8%").first.is_visible()
    assert_accessible(page)
    _shot(page, "benchmarks-measures")


def test_a_superuser_previews_and_saves_the_neighbour_model(westminster, page, live_server, tmp_path):  # noqa: F811
    StatisticalNeighbour.objects.all().delete()
    path = tmp_path / "sn_model_2025_wide.csv"
    path.write_bytes((SN + "\n213,Westminster City,1,London,Camden,Extremely close" + ",," * 9 + "\n").encode())
    sign_in(page, live_server, UserFactory(authority=None, username="root", is_superuser=True, is_staff=True))
    page.goto(f"{live_server.url}/ofsted-outcomes/")
    page.get_by_role("link", name="import statistical neighbours").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Statistical neighbour model (CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_load_state()
    assert_accessible(page)
    _shot(page, "neighbours-check")
    page.get_by_role("button", name="Save these neighbours").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Statistical neighbours saved").is_visible()
    assert_accessible(page)
