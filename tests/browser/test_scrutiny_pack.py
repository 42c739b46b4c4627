"""A scrutiny member, in a real browser: reads the dashboards, follows an overdue action,
cannot change it, and takes the committee pack as PDF and XLSX."""

import io

import pytest
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from openpyxl import load_workbook
from pdfminer.high_level import extract_text
from playwright.sync_api import expect

from improvement import roles
from improvement.models import Action, CommitteePackFile
from improvement.services.packs import committee_pack_build
from tests.browser.conftest import assert_accessible, sign_in
from tests.dashboards.conftest import TODAY, build_plan
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def councillor(authority, other_authority, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)  # the live server runs in this process
    for name in roles.ALL:  # a transactional test's flush removes the groups the migration made
        Group.objects.get_or_create(name=name)
    build_plan(other_authority, tag="Southshire")
    built = build_plan(authority)
    user = UserFactory(authority=authority, role="Scrutiny member", username="councillor")
    return user, built


def _action_detail_url(pk):
    try:
        return reverse("action_detail", args=[pk])
    except NoReverseMatch:
        return None


def test_scrutiny_member_reads_every_page_accessibly(page, live_server, councillor):
    user, _ = councillor
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/dashboard/")
    assert page.get_by_role("heading", name="Plan dashboard", level=1).is_visible()
    assert_accessible(page)
    for label, heading in [
        ("Recommendations", "Recommendations coverage"),
        ("Measures", "Measures"),
        ("Since last committee", "Since the last committee"),
        ("Inspections", "Inspection journey"),
    ]:
        page.get_by_role("navigation", name="Menu").get_by_role("link", name=label).click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", name=heading, level=1).is_visible()
        assert "Southshire" not in page.content()
        assert_accessible(page)
    # The measures chart is an image with a name, and its numbers are in a table beside it.
    page.goto(f"{live_server.url}/measures/")
    chart = page.get_by_role("img", name="North case files compliant: values over time")
    assert chart.count() == 1
    assert page.get_by_role("table", name="North case files compliant: values over time").is_visible()
    page.goto(f"{live_server.url}/pack/")
    assert_accessible(page)


def test_filters_work_without_javascript_and_bad_dates_are_explained(browser, live_server, councillor):
    user, _ = councillor
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/dashboard/?due_from=2026-13-45")
    assert page.get_by_text("There is a problem").is_visible()
    assert page.get_by_text("The date must be a real date").first.is_visible()
    page.goto(f"{live_server.url}/dashboard/")
    page.get_by_text("Filter this page").click()
    page.get_by_label("Status").select_option(label="Off track")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "status=off_track" in page.url
    assert page.get_by_text("Filtered by: Status: Off track").is_visible()
    context.close()


def test_overdue_action_link_and_no_changes_and_pack_downloads(page, live_server, councillor):
    user, built = councillor
    overdue = built["actions"]["overdue"]
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/dashboard/")
    overdue_table = page.get_by_role("table").filter(has_text="Days overdue")
    row = overdue_table.get_by_role("row").filter(has_text="North overdue audit")
    assert row.get_by_role("cell").filter(has_text="12").count() >= 1

    detail = _action_detail_url(overdue.pk)
    if detail:
        link = row.get_by_role("link", name="North overdue audit", exact=True)
        assert link.get_attribute("href") == detail
        link.click()
        page.wait_for_load_state()
        assert page.url.endswith(detail)
        assert_accessible(page)
        token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
        try:
            target = f"{live_server.url}{reverse('action_update', args=[overdue.pk])}"
        except NoReverseMatch:
            target = f"{live_server.url}{detail}"
    else:
        # The action page is not built yet: the row names the action without a dead link.
        assert row.get_by_role("link", name="North overdue audit", exact=True).count() == 0
        token = next((c["value"] for c in page.context.cookies() if c["name"] == "csrftoken"), "")
        target = f"{live_server.url}/dashboard/"
    response = page.request.post(
        target,
        form={"status": "complete", "progress": "100", "note": "done", "version": str(overdue.version)},
        headers={"X-CSRFToken": token, "Referer": target},
        max_redirects=0,
    )
    assert response.status in (403, 404, 405), response.status
    overdue.refresh_from_db()
    assert (overdue.status, overdue.progress) == ("on_track", 30)

    page.goto(f"{live_server.url}/dashboard/")
    page.get_by_role("link", name="Committee pack (PDF)").click()
    expect(page.get_by_role("heading", name="Your committee pack is being prepared")).to_be_visible()
    for pack in CommitteePackFile.objects.filter(state=CommitteePackFile.State.QUEUED):
        committee_pack_build(pack_id=pack.pk)  # what the worker does
    page.get_by_role("link", name="Check again now").click()
    expect(page.get_by_role("heading", name="Your committee pack is ready")).to_be_visible()
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download the committee pack").click()
    pdf = pdf_download.value
    assert pdf.suggested_filename.endswith(".pdf")
    text = " ".join(extract_text(pdf.path()).split())
    assert "North overdue audit" in text and "Northshire County Council" in text and "Southshire" not in text

    page.goto(f"{live_server.url}/dashboard/")
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Action list (XLSX spreadsheet)").click()
    with open(xlsx_download.value.path(), "rb") as saved:  # the saved download has no .xlsx suffix
        workbook = load_workbook(io.BytesIO(saved.read()))
    rows = list(workbook["Actions"].iter_rows(values_only=True))
    titles = {r[1] for r in rows[1:]}
    assert {"North overdue audit", "North due soon"} <= titles
    assert next(r[1] for r in workbook["About"].iter_rows(values_only=True) if r[0] == "Authority") == (
        "Northshire County Council"
    )
    assert Action.objects.filter(authority=user.authority).count() == len(titles)
