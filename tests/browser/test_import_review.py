"""The improvement lead imports minutes in the browser: upload, review, untick, confirm."""

import pytest

from improvement.models import Action, Decision, SourceDocument
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import UserFactory
from tests.importing.test_import_command import MINUTES

pytestmark = pytest.mark.django_db(transaction=True)


def test_lead_reviews_and_confirms_an_import(page, live_server, authority, tmp_path):
    lead = UserFactory(authority=authority, role="Improvement lead", username="lead-browser")
    minutes = tmp_path / "scrutiny-12-january-2022.txt"
    minutes.write_text(MINUTES, encoding="utf-8")
    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}/imports/")
    assert_accessible(page)
    page.get_by_label("Minutes files").set_input_files(str(minutes))
    page.get_by_role("button", name="Upload and review").click()
    assert page.get_by_role("heading", name="scrutiny-12-january-2022.txt").is_visible()
    assert page.locator("mark.tracker-highlight").count() >= 3
    assert_accessible(page)
    assert SourceDocument.objects.count() == 0  # nothing saved before confirming
    page.locator("input[name=keep][value^='decisions:']").first.uncheck()
    page.get_by_role("button", name="Save the ticked facts").click()
    assert page.get_by_text("Saved from scrutiny-12-january-2022.txt").is_visible()
    assert_accessible(page)
    assert SourceDocument.objects.filter(authority=authority).count() == 1
    assert Action.objects.filter(authority=authority).exists()
    assert not Decision.objects.exists()
    page.locator("a[href^='#q']").first.click()
    assert page.url.split("#")[1].startswith("q")
