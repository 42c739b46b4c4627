"""Picking an imported document to review again: facts left out the first time can be added, never twice."""

import pytest
from django.urls import reverse

from improvement.models import Action, Decision, ImportDraft, MeasureValue, SourceDocument
from tests.factories import AuthorityFactory, UserFactory
from tests.importing.test_import_pages import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported_with_only_the_decision(client, lead):
    client.force_login(lead)
    upload(client)
    draft = ImportDraft.objects.get()
    client.post(reverse("import_confirm", args=[draft.pk]), {"keep": ["decisions:0"]})
    document = SourceDocument.objects.get()
    assert (Action.objects.count(), Decision.objects.count()) == (0, 1)
    return document


def test_an_imported_document_can_be_reviewed_again_and_left_out_facts_added(
    client, lead, imported_with_only_the_decision
):
    document = imported_with_only_the_decision
    upload_page = client.get(reverse("import_upload")).content.decode()
    assert "Review again" in upload_page
    response = client.post(reverse("document_review_again", args=[document.pk]))
    draft = ImportDraft.objects.get()
    assert response.status_code == 302 and response.url == reverse("import_review", args=[draft.pk])
    page = client.get(response.url).content.decode()
    assert "You are reviewing" in page and "Already saved" in page
    assert 'value="decisions:0"' not in page  # the saved decision cannot be ticked again
    assert 'value="actions:0"' in page and 'value="actions:0" checked' not in page  # nothing ticked for you

    response = client.post(
        reverse("import_confirm", args=[draft.pk]),
        {
            "keep": ["actions:0", "measures:0", "decisions:0"],
            "actions-0-title": "Circulate the audit findings to Members",
            "actions-0-due-day": "28",
            "actions-0-due-month": "2",
            "actions-0-due-year": "2022",
        },
    )
    assert response.status_code == 302
    assert SourceDocument.objects.count() == 1  # the same document, not a copy
    action = Action.objects.get()
    assert action.source_document == document and str(action.due_date) == "2022-02-28"
    assert document.text[action.source_start : action.source_end] == action.source_quote
    assert MeasureValue.objects.filter(source_document=document).count() == 1
    assert Decision.objects.count() == 1  # ticking a saved fact again saves nothing twice


def test_confirming_a_second_review_with_nothing_new_changes_nothing(client, lead, imported_with_only_the_decision):
    document = imported_with_only_the_decision
    client.post(reverse("document_review_again", args=[document.pk]))
    draft = ImportDraft.objects.get()
    response = client.post(reverse("import_confirm", args=[draft.pk]), {"keep": ["decisions:0"]}, follow=True)
    assert "nothing new to save" in response.content.decode()
    assert (Action.objects.count(), Decision.objects.count(), SourceDocument.objects.count()) == (0, 1, 1)


def test_a_bad_due_date_in_a_second_review_is_explained_and_nothing_saved(
    client, lead, imported_with_only_the_decision
):
    client.post(reverse("document_review_again", args=[imported_with_only_the_decision.pk]))
    draft = ImportDraft.objects.get()
    response = client.post(
        reverse("import_confirm", args=[draft.pk]),
        {
            "keep": ["actions:0"],
            "actions-0-title": "Circulate",
            "actions-0-due-day": "31",
            "actions-0-due-month": "2",
            "actions-0-due-year": "2022",
        },
    )
    page = response.content.decode()
    assert "There is a problem" in page and "Action 1: The date must be a real date" in page
    assert Action.objects.count() == 0 and ImportDraft.objects.filter(pk=draft.pk).exists()


def test_only_an_improvement_lead_of_the_same_council_can_review_again(
    client, authority, imported_with_only_the_decision
):
    document = imported_with_only_the_decision
    for user in (
        UserFactory(authority=authority, role="Manager"),
        UserFactory(authority=authority, role="Scrutiny member"),
    ):
        client.force_login(user)
        assert client.post(reverse("document_review_again", args=[document.pk])).status_code == 403
    client.force_login(UserFactory(authority=AuthorityFactory(name="Other Council"), role="Improvement lead"))
    assert client.post(reverse("document_review_again", args=[document.pk])).status_code == 404
    assert client.get(reverse("document_review_again", args=[document.pk])).status_code == 405
    assert ImportDraft.objects.count() == 0
