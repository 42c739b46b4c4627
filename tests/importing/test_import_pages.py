"""The review page: upload, see what was found, untick or correct, confirm; nothing saved before."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from improvement.models import Action, ImportDraft, Owner, SourceDocument
from tests.factories import UserFactory
from tests.importing.test_import_command import MINUTES

pytestmark = pytest.mark.django_db
MINUTES_BYTES = MINUTES.encode()


def upload(client, name="minutes.txt", data=MINUTES_BYTES, **extra):
    return client.post(reverse("import_upload"), {"files": [SimpleUploadedFile(name, data)], **extra})


def test_upload_shows_the_facts_and_saves_nothing_until_confirmed(client, lead):
    client.force_login(lead)
    response = upload(client)
    draft = ImportDraft.objects.get()
    assert response.status_code == 302 and response.url == reverse("import_review", args=[draft.pk])
    page = client.get(response.url).content.decode()
    assert "Head of Service" in page
    assert '<mark class="tracker-highlight"' in page
    assert SourceDocument.objects.count() == 0 and Action.objects.count() == 0


def test_confirm_saves_only_ticked_facts_with_corrections(client, lead):
    client.force_login(lead)
    upload(client)
    draft = ImportDraft.objects.get()
    response = client.post(
        reverse("import_confirm", args=[draft.pk]),
        {
            "keep": ["actions:0"],
            "actions-0-title": "Report on the audit",
            "actions-0-owner": "new",
            "actions-0-new_owner": "Head of Quality Assurance",
            "actions-0-due-day": "28",
            "actions-0-due-month": "2",
            "actions-0-due-year": "2022",
        },
    )
    assert response.status_code == 302
    doc = SourceDocument.objects.get()
    assert doc.authority == lead.authority
    action = Action.objects.get()
    assert action.owner.role_title == "Head of Quality Assurance"
    assert str(action.due_date) == "2022-02-28"
    assert not ImportDraft.objects.exists()
    page = client.get(reverse("document_detail", args=[doc.pk])).content.decode()
    assert f'id="q{action.source_start}"' in page


def test_a_bad_correction_is_refused_and_nothing_saved(client, lead):
    client.force_login(lead)
    upload(client)
    draft = ImportDraft.objects.get()
    response = client.post(
        reverse("import_confirm", args=[draft.pk]),
        {
            "keep": ["actions:0"],
            "actions-0-title": "Report",
            "actions-0-due-day": "31",
            "actions-0-due-month": "2",
            "actions-0-due-year": "2022",
        },
    )
    assert response.status_code == 200
    assert "The date must be a real date" in response.content.decode()
    assert SourceDocument.objects.count() == 0
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_a_binary_upload_gets_a_plain_reason(client, lead):
    client.force_login(lead)
    upload(client, name="photo.txt", data=bytes(range(256)) * 10)
    page = client.get(reverse("import_review", args=[ImportDraft.objects.get().pk])).content.decode()
    assert "This file cannot be imported" in page


def test_no_file_chosen_is_an_error_summary(client, lead):
    client.force_login(lead)
    response = client.post(reverse("import_upload"), {})
    assert "Choose at least one file" in response.content.decode()


@pytest.mark.parametrize("role", ["Manager", "Scrutiny member"])
def test_only_improvement_leads_import(client, authority, role):
    client.force_login(UserFactory(authority=authority, role=role))
    assert client.get(reverse("import_upload")).status_code == 403
    assert upload(client).status_code == 403
    assert not ImportDraft.objects.exists()


def test_another_authoritys_draft_and_document_are_not_found(client, lead, other_authority):
    stranger = UserFactory(authority=other_authority, role="Improvement lead")
    client.force_login(stranger)
    upload(client)
    draft = ImportDraft.objects.get()
    client.post(reverse("import_confirm", args=[draft.pk]), {"keep": []})
    doc = SourceDocument.objects.get()
    client.force_login(lead)
    upload(client, name="mine.txt", data=b"Minutes: nothing to report.")
    mine = ImportDraft.objects.get()
    assert client.get(reverse("document_detail", args=[doc.pk])).status_code == 404
    assert client.post(reverse("import_confirm", args=[mine.pk + 1000])).status_code == 404
    assert Owner.objects.filter(authority=lead.authority).count() == 0


def test_imported_text_is_escaped(client, lead):
    client.force_login(lead)
    upload(client, name="x.txt", data=b"Minutes: <script>alert(1)</script> The report was noted.")
    page = client.get(reverse("import_review", args=[ImportDraft.objects.get().pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_the_review_page_puts_the_least_sure_facts_first_in_plain_english(client, lead):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = (
        "Children's Scrutiny Committee - 10 November 2025\n\n"
        "The monitoring visit took place between 15 and 17 October 2025; the council remains judged "
        "requires improvement to be good.\n\n"
        "It was noted that a report would be shared in due course.\n\n"
        "ACTION: Head of Quality Assurance to circulate the audit findings by 31 January 2026.\n"
    )
    client.force_login(lead)
    response = client.post(reverse("import_upload"), {"files": SimpleUploadedFile("minutes.txt", text.encode())})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "least sure of come first" in page
    assert "Monitoring visit</strong>, 15 to 17 October 2025" in page
    shown = re.sub(r"<[^>]*>", " ", page)  # what a reader sees, not the form's option values
    assert "Monitoringvisit" not in shown and "requires_improvement" not in shown
    assert "(due 31 January 2026)" in page and "2026-01-31" not in page
    assert "how sure:" in page


def test_review_items_sort_least_sure_first_and_keep_their_form_index():
    from improvement.selectors.documents import review_items

    class Preview:
        def fact_list(self, kind):
            return [
                {"title": "sure", "confidence": 0.9, "span": [0, 4]},
                {"title": "guess", "confidence": 0.4, "span": [10, 14]},
                {"title": "saved already", "confidence": 0.2, "span": [20, 24]},
            ]

    items = review_items(preview=Preview(), kind="actions", saved={"actions": {20}})
    assert [(i["title"], i["index"], i["less_sure"]) for i in items] == [
        ("guess", 1, True),
        ("sure", 0, False),
        ("saved already", 2, True),
    ]
