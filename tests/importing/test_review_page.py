"""The review page: every field correctable before saving, facts added from the text, merge notices,
a fact-by-fact report after saving, and bad input refused with GOV.UK errors, nothing saved."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from improvement.models import (
    Action,
    Decision,
    ImportDraft,
    Inspection,
    Measure,
    MeasureValue,
    Owner,
    Recommendation,
    SourceDocument,
)
from tests.factories import InspectionFactory, ThemeFactory, UserFactory
from tests.importing.review_form import form_data, set_date

pytestmark = pytest.mark.django_db

# A layout of our own: an improvement board's numbered progress update.
BOARD = """NORTHBROOK CHILDREN'S IMPROVEMENT BOARD
Progress update - 4 March 2027

1. Inspection history

The first monitoring visit took place on 14 February 2027. Inspectors judged that progress was being made.

Monitoring visit, 15 to 17 October 2019: inspectors reported that help and protection services were inadequate.

2. Performance

Audit compliance stood at 64% against a target of 85%.

The coffee urn was 90% full at the start of the meeting.

3. Next steps

The Principal Social Worker will refresh the supervision policy before the summer.

ACTION: Head of Service to report on the audit programme by 30 April 2027.

4. Recommendations from the visit

Ofsted recommended that the council improve the quality of supervision for social workers.
"""


def first_visit(authority):
    return InspectionFactory(
        authority=authority,
        kind="monitoring_visit",
        ordinal=1,
        start_date=dt.date(2027, 2, 14),
        end_date=None,
        overall_judgement="",
    )


@pytest.fixture
def draft(client, lead):
    client.force_login(lead)
    client.post(reverse("import_upload"), {"files": [SimpleUploadedFile("board.txt", BOARD.encode())]})
    return ImportDraft.objects.get()


def page_of(client, draft):
    return client.get(reverse("import_review", args=[draft.pk])).content.decode()


def index_of(page: str, kind: str, words: str) -> int:
    """The form index of the card of this kind whose summary mentions `words`."""
    for m in re.finditer(rf'id="fact-{kind}-(\d+)"(.*?)</h3>(.*?)</p>', page, re.S):
        if words in m.group(3):
            return int(m.group(1))
    raise AssertionError(f"no {kind} card mentions {words!r}")


def test_every_kind_of_fact_can_be_corrected_before_saving(client, lead, draft):
    theme = ThemeFactory(plan__authority=lead.authority, title="Supervision")
    page = page_of(client, draft)
    data = form_data(page)
    october = index_of(page, "visits", "October 2019")
    urn = index_of(page, "measures", "coffee urn")
    audit = index_of(page, "measures", "Audit compliance")
    data["keep"] = [v for v in data["keep"] if v != f"measures:{urn}"]  # the wrong measure is unticked
    v = f"visits-{october}"
    set_date(data, f"{v}-start", "", "10", "2026")  # a month alone
    set_date(data, f"{v}-end", "", "", "")
    data[f"{v}-judgement"] = ["inadequate"]
    data[f"{v}-focus"] = ["Help and protection"]
    m = f"measures-{audit}"
    data[f"{m}-name"], data[f"{m}-value"], data[f"{m}-target"] = ["Audits rated good"], ["61.5"], ["80"]
    data[f"{m}-polarity"] = ["higher"]
    set_date(data, f"{m}-date", "28", "2", "2027")
    data["owners-0-role"], data["owners-0-person_name"] = ["Principal Social Worker"], ["Sam Patel"]
    data["actions-0-theme"] = [str(theme.pk)]
    data["actions-0-answers"] = ["found:0"]
    data["recommendations-0-ref"] = ["2"]
    data["recommendations-0-theme"] = [str(theme.pk)]
    set_date(data, "document-meeting_date", "5", "3", "2027")
    data["document-committee"] = ["Improvement Board"]
    data["document-kind"] = ["ofsted_letter"]
    response = client.post(reverse("import_confirm", args=[draft.pk]), data)
    assert response.status_code == 302, re.findall(r"govuk-error-message[^>]*>(.*?)</p>", response.content.decode())
    doc = SourceDocument.objects.get()
    assert (doc.meeting_date, doc.committee, doc.kind) == (dt.date(2027, 3, 5), "Improvement Board", "ofsted_letter")
    visit = Inspection.objects.get(start_date=dt.date(2026, 10, 1))
    assert (visit.date_precision, visit.end_date, visit.overall_judgement, visit.focus) == (
        "month",
        None,
        "inadequate",
        "Help and protection",
    )
    measure = Measure.objects.get()
    assert (measure.name, measure.target, measure.polarity) == ("Audits rated good", 80, "higher")
    assert measure.values.get().value == 61.5 and measure.values.get().date == dt.date(2027, 2, 28)
    assert Owner.objects.get(role_title="Principal Social Worker").person_name == "Sam Patel"
    rec = Recommendation.objects.get()
    assert (rec.reference, rec.theme, rec.inspection) == ("2", theme, visit)  # the first visit found, as offered
    action = Action.objects.get()
    assert action.theme == theme and list(action.recommendations.all()) == [rec]
    assert doc.text[action.source_start : action.source_end] == action.source_quote


def test_a_visit_of_another_date_is_not_merged_and_the_same_visit_shows_a_merge_notice(client, lead, draft):
    existing = first_visit(lead.authority)
    page = page_of(client, draft)
    assert "Will update the existing First monitoring visit (14 February 2027)." in page
    assert page.count("Will update the existing") == 1  # the October 2019 visit is not the first one
    data = form_data(page)
    same = index_of(page, "visits", "14 February 2027")
    assert data[f"visits-{same}-merge"] == ["merge"]
    response = client.post(reverse("import_confirm", args=[draft.pk]), data, follow=True)
    report = response.content.decode()
    assert Inspection.objects.filter(authority=lead.authority).count() == 2
    assert Inspection.objects.filter(start_date=dt.date(2019, 10, 15), end_date=dt.date(2019, 10, 17)).exists()
    assert "Merged into existing records: 1 visit." in report
    assert (
        "Saved from board.txt: 1 visit, 1 recommendation, 1 action, 2 measures, 2 measure readings, 2 owners." in report
    )
    assert (Measure.objects.count(), MeasureValue.objects.count(), Owner.objects.count(), Action.objects.count()) == (
        2,
        2,
        2,
        1,
    )
    assert f'href="{reverse("inspection_journey")}"' in report
    assert f'href="{reverse("action_detail", args=[Action.objects.get().pk])}"' in report
    existing.refresh_from_db()
    assert existing.source_document is None  # merged into, not replaced


def test_keeping_a_visit_separate_saves_a_second_one(client, lead, draft):
    first_visit(lead.authority)
    page = page_of(client, draft)
    data = form_data(page)
    data[f"visits-{index_of(page, 'visits', '14 February 2027')}-merge"] = ["separate"]
    client.post(reverse("import_confirm", args=[draft.pk]), data)
    assert Inspection.objects.filter(start_date=dt.date(2027, 2, 14)).count() == 2


def test_a_missed_fact_is_added_from_a_paragraph_with_its_exact_quote(client, lead, draft):
    page = page_of(client, draft)
    paragraph = BOARD.index("The Principal Social Worker will")
    end = BOARD.index("\n", paragraph)
    data = form_data(page)
    data["add_from"] = [f"{paragraph}-{end}"]
    data["visits-0-focus"] = ["Kept while adding"]
    response = client.post(reverse("import_confirm", args=[draft.pk]), data)
    assert response.status_code == 302 and response.url.startswith(reverse("import_add", args=[draft.pk]))
    add_page = client.get(response.url).content.decode()
    assert "The Principal Social Worker will refresh the supervision policy before the summer." in add_page
    response = client.post(
        reverse("import_add", args=[draft.pk]),
        {"start": paragraph, "end": end, "kind": "actions", "words": "refresh the supervision   policy"},
    )
    assert response.status_code == 302 and response.url.endswith("#fact-actions-1")
    page = page_of(client, draft)
    assert "Kept while adding" in page  # the correction typed before adding was kept on the draft
    assert 'id="fact-actions-1"' in page and "Added by you" in page
    data = form_data(page)
    assert data["actions-1-title"] == ["refresh the supervision policy"]
    data["actions-1-title"] = ["Refresh the supervision policy"]
    data["actions-1-owner"], data["actions-1-new_owner"] = ["new"], ["Principal Social Worker"]
    set_date(data, "actions-1-due", "30", "6", "2027")
    assert client.post(reverse("import_confirm", args=[draft.pk]), data).status_code == 302
    action = Action.objects.get(title="Refresh the supervision policy")
    assert action.source_quote == "refresh the supervision policy"
    assert BOARD[action.source_start : action.source_end] == action.source_quote
    assert action.owner.role_title == "Principal Social Worker" and action.due_date == dt.date(2027, 6, 30)
    doc_page = client.get(reverse("document_detail", args=[action.source_document_id])).content.decode()
    assert f'id="q{action.source_start}"' in doc_page


def test_words_not_in_the_paragraph_and_no_kind_are_gov_uk_errors(client, draft):
    start = BOARD.index("The Principal")
    end = BOARD.index("\n", start)
    url = reverse("import_add", args=[draft.pk])
    page = client.post(url, {"start": start, "end": end, "words": "the head teacher"}).content.decode()
    assert "There is a problem" in page and "Choose what kind of fact it is" in page
    page = client.post(url, {"start": start, "end": end, "kind": "actions", "words": "the head teacher"}).content
    assert "Enter words that appear in the paragraph" in page.decode()
    assert not (ImportDraft.objects.get().review or {}).get("added")
    assert client.get(url).status_code == 302  # no paragraph chosen: back to the review


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: set_date(d, "visits-0-start", "31", "2", "2027"), "The date must be a real date"),
        (
            lambda d: (set_date(d, "visits-0-start", "", "", ""), set_date(d, "visits-0-end", "12", "10", "2026")),
            "Enter the start date, or leave the end date empty",
        ),
        (
            lambda d: (
                set_date(d, "visits-0-start", "10", "10", "2026"),
                set_date(d, "visits-0-end", "", "10", "2026"),
            ),
            "Enter the end date with its day, or leave it empty",
        ),
        (lambda d: d.update({"measures-0-value": ["about sixty"]}), "Enter the value as a number, for example 42.5"),
        (lambda d: d.update({"owners-0-role": ["  "]}), "Enter the owner&#x27;s title, for example Head of Service"),
        (
            lambda d: d.update({"actions-0-owner": ["new"], "actions-0-new_owner": [""]}),
            "Enter the new owner&#x27;s title, or choose an owner from the list",
        ),
    ],
)
def test_bad_input_is_an_error_on_the_field_and_in_the_summary_and_nothing_is_saved(client, draft, change, message):
    data = form_data(page_of(client, draft))
    change(data)
    response = client.post(reverse("import_confirm", args=[draft.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error:" in page
    summary = page.split('govuk-error-summary__list">')[1].split("</ul>")[0]
    assert message in summary
    field_error = re.search(r'<p id="(id_[\w-]+)-error" class="govuk-error-message">.*?</p>', page, re.S)
    assert field_error and message in field_error.group(0)
    assert f'href="#{field_error.group(1)}' in summary
    assert SourceDocument.objects.count() == 0 and Action.objects.count() == 0 and Owner.objects.count() == 0
    assert ImportDraft.objects.filter(pk=draft.pk).exists()
    again = page_of(client, draft)  # coming back: the bad value is still there, with its error
    assert message in again


def test_a_left_out_fact_is_not_checked(client, draft):
    data = form_data(page_of(client, draft))
    data["measures-0-value"] = ["about sixty"]
    data["keep"] = [v for v in data["keep"] if v != "measures:0"]
    assert client.post(reverse("import_confirm", args=[draft.pk]), data).status_code == 302
    report = client.get(reverse("document_detail", args=[SourceDocument.objects.get().pk])).content.decode()
    assert "Left out: 1 measure." in report


def test_the_upload_page_meeting_date_is_three_boxes(client, lead):
    client.force_login(lead)
    page = client.get(reverse("import_upload")).content.decode()
    assert 'name="meeting_date-day"' in page and 'name="meeting_date-year"' in page
    response = client.post(
        reverse("import_upload"),
        {
            "files": [SimpleUploadedFile("b.txt", b"Minutes")],
            "meeting_date-day": "30",
            "meeting_date-month": "2",
            "meeting_date-year": "2027",
        },
    )
    assert "The meeting date must be a real date" in response.content.decode() and not ImportDraft.objects.exists()
    client.post(
        reverse("import_upload"),
        {
            "files": [SimpleUploadedFile("b.txt", b"Minutes")],
            "meeting_date-day": "4",
            "meeting_date-month": "3",
            "meeting_date-year": "2027",
        },
    )
    assert ImportDraft.objects.get().meeting_date == dt.date(2027, 3, 4)


@pytest.mark.parametrize("role", ["Manager", "Scrutiny member"])
def test_only_the_lead_adds_facts(client, draft, authority, role):
    client.force_login(UserFactory(authority=authority, role=role))
    url = reverse("import_add", args=[draft.pk])
    assert client.post(url, {"start": 0, "end": 10, "kind": "actions"}).status_code == 403
    assert not (ImportDraft.objects.get().review or {}).get("added")
    assert Decision.objects.count() == 0
