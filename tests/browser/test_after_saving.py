"""Issue 12 from start to finish, in the browser, with axe on each page: the lead uploads a
document in a layout of its own (a corporate parenting panel's numbered minutes), corrects a
visit's date and judgement, unticks a wrong measure, adds a missed action from the text with
the keyboard, sees the merge notice, saves, and finds exactly those records with their quotes;
then, in Manage plan, changes one afterwards and deletes another, and finds both in the history."""

import datetime as dt
import os

import pytest

from improvement.models import Action, Decision, Inspection, Measure, SourceDocument
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_review_corrections import tab_to
from tests.factories import InspectionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PANEL = """WESTMERE COUNCIL - CORPORATE PARENTING PANEL
Minutes of the meeting held on Wednesday 9 December 2026

Present: Councillors A. Shah (Chair), B. Okoro and C. Lund.

Item 3 - Ofsted

3.1 The Panel heard about the focused visit of 3 to 5 November 2026, which looked at care leavers. Inspectors found that the quality of pathway plans was good.

3.2 The monitoring visit on 15 January 2026 was discussed again.

Item 4 - Performance report

4.1 Care leavers in education, employment or training stood at 58% against a target of 65%.

4.2 The committee room heating stood at 80% of full power during the meeting.

Item 5 - Forward plan

5.1 The Head of Leaving Care explained that the pathway plan template would be rewritten with young people over the winter.

ACTION: Virtual School Head to report on attendance of children in care by 31 March 2027.

RESOLVED: That the performance report be noted.
"""  # noqa: E501 - a paragraph is one line, as minutes are written


def shot(page, name):
    folder = os.environ.get("BROWSER_SHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def test_the_lead_corrects_saves_then_changes_and_deletes_afterwards(page, live_server, authority, tmp_path):
    lead = UserFactory(authority=authority, role="Improvement lead", username="lead-after", first_name="Sam")
    existing = InspectionFactory(
        authority=authority,
        kind="monitoring_visit",
        start_date=dt.date(2026, 1, 15),
        end_date=None,
        overall_judgement="",
    )
    minutes = tmp_path / "corporate-parenting-9-december-2026.txt"
    minutes.write_text(PANEL, encoding="utf-8")
    sign_in(page, live_server, lead)

    # Upload
    page.goto(f"{live_server.url}/imports/")
    assert_accessible(page)
    page.get_by_label("Minutes files").set_input_files(str(minutes))
    page.get_by_role("button", name="Upload and review").click()
    assert page.get_by_role("heading", name=minutes.name).is_visible()
    assert_accessible(page)

    # The merge notice for the visit already on record, before anything is saved
    assert page.get_by_text("Will update the existing Monitoring visit").first.is_visible()

    # Correct the focused visit: it ended on 4 November, and its judgement
    focused = page.locator(".govuk-summary-card", has_text="3 to 5 November 2026").first
    focused.get_by_text("Change").click()
    focused.get_by_label("Day").nth(1).fill("4")
    focused.get_by_label("Judgement").select_option(label="Requires improvement to be good")
    # The heating is no measure of the plan
    page.locator(".govuk-summary-card", has_text="heating").get_by_label("Save this measure").uncheck()
    assert_accessible(page)

    # The missed action, from its paragraph, with the keyboard only
    target = str(PANEL.index("5.1 The Head of Leaving Care"))
    for _ in range(40):
        tab_to(page, "Add a fact from this paragraph")
        if page.evaluate("document.activeElement.closest('.tracker-paragraph').dataset.start") == target:
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Add a fact from the text").is_visible()
    assert_accessible(page)
    tab_to(page, "An action")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("the pathway plan template would be rewritten with young people")
    tab_to(page, "Add this fact")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    added = page.locator(".govuk-summary-card", has_text="Added by you")
    title = added.get_by_label("What will be done")
    assert title.input_value() == "the pathway plan template would be rewritten with young people"
    title.fill("Rewrite the pathway plan template with young people")
    added.get_by_label("Owner", exact=True).select_option("new")
    added.get_by_label("New owner's title").fill("Head of Leaving Care")
    # the corrections made before adding the fact are still there
    assert page.locator(".govuk-summary-card", has_text="4 November 2026").first.is_visible()
    assert_accessible(page)
    shot(page, "review")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the ticked facts").click()

    # What happened, fact by fact
    assert page.get_by_text("Merged into existing records: 1 visit.").is_visible()
    assert page.locator("#import-report").get_by_text("Left out: you left it unticked").is_visible()
    assert_accessible(page)
    shot(page, "report")

    # Exactly those records, each with its quote
    document = SourceDocument.objects.get(authority=authority)
    visits = list(Inspection.objects.filter(authority=authority).order_by("start_date"))
    assert [(v.kind, v.start_date, v.end_date, v.overall_judgement) for v in visits] == [
        ("monitoring_visit", dt.date(2026, 1, 15), None, ""),
        ("focused_visit", dt.date(2026, 11, 3), dt.date(2026, 11, 4), "requires_improvement"),
    ]
    assert visits[0].pk == existing.pk
    focused_visit = visits[1]
    measure = Measure.objects.get(authority=authority)
    assert measure.values.get().value == 58
    actions = {a.title: a for a in Action.objects.filter(authority=authority).select_related("owner")}
    assert set(actions) == {
        "Rewrite the pathway plan template with young people",
        "Report on attendance of children in care by 31 March 2027",
    }
    assert actions["Rewrite the pathway plan template with young people"].owner.role_title == "Head of Leaving Care"
    decision = Decision.objects.get(authority=authority)
    for record in [*actions.values(), focused_visit, measure, decision]:
        assert record.source_document_id == document.pk
        assert document.text[record.source_start : record.source_end] == record.source_quote

    # Afterwards, in Manage plan: change the focused visit's focus, with a reason
    page.goto(f"{live_server.url}/manage/")
    assert_accessible(page)
    shot(page, "manage")
    page.get_by_role("link", name=str(focused_visit)).click()
    assert page.get_by_text("The Panel heard about the focused visit", exact=False).first.is_visible()  # its quote
    assert_accessible(page)
    page.get_by_label("Focus (optional)").fill("Care leavers: pathway plans")
    page.get_by_label("Reason for the change").fill("The minutes named only the theme")
    page.get_by_role("button", name="Save changes").click()
    assert page.get_by_text("The changes were saved").is_visible()
    history = page.locator("#record-changes + ul")
    assert history.get_by_text("reason: The minutes named only the theme", exact=False).is_visible()
    assert_accessible(page)
    shot(page, "visit-changed")

    # ... and delete the decision, with a reason
    page.goto(f"{live_server.url}/manage/")
    page.get_by_role("link", name="Noted: That the performance report be noted.").click()
    assert_accessible(page)
    page.get_by_role("link", name="Delete it").click()
    assert page.get_by_text("Nothing else is linked to it.").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Delete it").click()
    assert page.get_by_text("Enter the reason for the change").first.is_visible()  # a reason is required
    assert_accessible(page)
    page.get_by_label("Reason for deleting it").fill("Not a decision of the panel")
    page.get_by_role("button", name="Delete it").click()
    assert page.get_by_text("was deleted").is_visible()
    assert not Decision.objects.filter(pk=decision.pk).exists()

    # Both in the history
    page.goto(f"{live_server.url}/audit/")
    assert_accessible(page)
    shot(page, "audit-log")
    body = page.locator("main").inner_text()
    assert "Not a decision of the panel" in body
    assert "The minutes named only the theme" in body
    focused_visit.refresh_from_db()
    assert focused_visit.focus == "Care leavers: pathway plans"
