"""The lead corrects what the importer got wrong before saving (#12), in the browser, with axe on each page."""

import datetime as dt

import pytest

from improvement.models import Action, Inspection, Measure, SourceDocument
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import InspectionFactory, UserFactory
from tests.importing.test_review_page import BOARD

pytestmark = pytest.mark.django_db(transaction=True)


FOCUSED_TEXT = (
    "(e => e ? (e.innerText || (e.labels && e.labels[0] ? e.labels[0].innerText : '')) : '')(document.activeElement)"
)


FOCUSED_TEXT = (
    "(e => e ? (e.innerText || (e.labels && e.labels[0] ? e.labels[0].innerText : '')) : '')(document.activeElement)"
)


def tab_to(page, name: str, limit: int = 400) -> None:
    """Press Tab until the focused control's text starts with `name`: the keyboard, no mouse."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        text = page.evaluate(FOCUSED_TEXT)
        if text.strip().startswith(name):
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_lead_corrects_adds_and_saves_exactly_what_she_meant(page, live_server, authority, tmp_path):
    lead = UserFactory(authority=authority, role="Improvement lead", username="lead-review")
    existing = InspectionFactory(
        authority=authority, kind="monitoring_visit", ordinal=1, start_date=dt.date(2027, 2, 14), end_date=None
    )
    minutes = tmp_path / "improvement-board-4-march-2027.txt"
    minutes.write_text(BOARD, encoding="utf-8")
    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}/imports/")
    assert_accessible(page)
    page.get_by_label("Minutes files").set_input_files(str(minutes))
    page.get_by_role("button", name="Upload and review").click()
    assert page.get_by_role("heading", name="improvement-board-4-march-2027.txt").is_visible()
    assert_accessible(page)

    # The merge notice, before anything is saved; the October 2019 visit has none.
    assert page.get_by_text("Will update the existing First monitoring visit (14 February 2027).").is_visible()
    october = page.locator(".govuk-summary-card", has_text="15 to 17 October 2019").first
    october.get_by_text("Change").click()
    october.get_by_label("Day").first.fill("")
    october.get_by_label("Month").first.fill("10")
    october.get_by_label("Year").first.fill("2026")
    for part in ("Day", "Month", "Year"):  # it was a one-day month-only record: no end date
        october.get_by_label(part).nth(1).fill("")
    october.get_by_label("Judgement").select_option(label="Inadequate")
    page.locator(".govuk-summary-card", has_text="coffee urn").get_by_label("Save this measure").uncheck()
    assert_accessible(page)

    # A missed action, added from its paragraph with the keyboard only.
    target = str(BOARD.index("The Principal Social Worker will refresh"))
    for _ in range(40):
        tab_to(page, "Add a fact from this paragraph")
        if page.evaluate("document.activeElement.closest('.tracker-paragraph').dataset.start") == target:
            break
    page.screenshot(path="/tmp/rv/review-page.png", full_page=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Add a fact from the text").is_visible()
    assert_accessible(page)
    tab_to(page, "An action")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("refresh the supervision policy")
    tab_to(page, "Add this fact")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    added = page.locator(".govuk-summary-card", has_text="Added by you")
    assert added.get_by_label("What will be done").input_value() == "refresh the supervision policy"
    # The corrections made before adding are still there.
    october = page.locator(".govuk-summary-card", has_text="October 2026").first
    assert october.is_visible()
    added.get_by_label("Owner", exact=True).select_option("new")
    added.get_by_label("New owner's title").fill("Principal Social Worker")
    assert_accessible(page)
    page.screenshot(path="/tmp/rv/review-added.png", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Save the ticked facts").click()
    page.screenshot(path="/tmp/rv/report.png", full_page=True)

    assert page.get_by_text("Merged into existing records: 1 visit.").is_visible()
    assert page.locator("#import-report").get_by_text("Left out: you left it unticked").is_visible()
    assert_accessible(page)
    doc = SourceDocument.objects.get(authority=authority)
    visits = Inspection.objects.filter(authority=authority).order_by("start_date")
    assert [(v.start_date, v.date_precision, v.overall_judgement) for v in visits] == [
        (dt.date(2026, 10, 1), "month", "inadequate"),
        (dt.date(2027, 2, 14), "day", existing.overall_judgement),
    ]
    assert list(Measure.objects.filter(authority=authority).values_list("name", flat=True)) == ["Audit compliance"]
    actions = {a.title: a for a in Action.objects.filter(authority=authority)}
    assert set(actions) == {"refresh the supervision policy", "Report on the audit programme by 30 April 2027"}
    for record in [*actions.values(), visits[0], Measure.objects.get()]:
        assert doc.text[record.source_start : record.source_end] == record.source_quote
    assert actions["refresh the supervision policy"].owner.role_title == "Principal Social Worker"
    page.locator("#import-report").get_by_role("link", name="refresh the supervision policy").click()
    page.wait_for_load_state()
    assert page.get_by_text("refresh the supervision policy").first.is_visible()
