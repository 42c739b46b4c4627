"""The review step's services: confirming imports and deletes the draft in one transaction; a failed import keeps it."""

from dataclasses import replace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from improvement.extraction.limits import MAX_DOCUMENT_BYTES
from improvement.models import Action, ImportDraft, SourceDocument
from improvement.services.importing.drafts import draft_confirm, draft_discard, draft_preview, drafts_create
from improvement.services.importing.preview import KINDS
from improvement.services.importing.writer import ImportRefused
from tests.importing.test_import_command import MINUTES

pytestmark = pytest.mark.django_db

ALL = {kind: set(range(20)) for kind in KINDS}


def make_draft(lead, name="minutes.txt"):
    (draft,) = drafts_create(by=lead, files=[SimpleUploadedFile(name, MINUTES.encode())])
    return draft


def test_confirming_imports_and_the_draft_is_gone(lead):
    draft = make_draft(lead)
    outcome = draft_confirm(draft=draft, preview=draft_preview(draft=draft), by=lead, keep=ALL)
    assert outcome.status == "imported" and outcome.document == SourceDocument.objects.get()
    assert Action.objects.filter(source_document=outcome.document).exists()
    assert not ImportDraft.objects.exists()


def test_a_failed_import_saves_nothing_and_keeps_the_draft(lead):
    draft = make_draft(lead)
    preview = draft_preview(draft=draft)
    action = preview.extracted.actions[0]
    preview.extracted.actions[0] = replace(action, quote=action.quote + " and more")  # not what the text says
    with pytest.raises(ImportRefused, match="not a verbatim span"):
        draft_confirm(draft=draft, preview=preview, by=lead, keep=ALL)
    assert ImportDraft.objects.filter(pk=draft.pk).exists()
    assert SourceDocument.objects.count() == 0 and Action.objects.count() == 0  # the document row rolled back too


def test_confirming_a_file_imported_before_changes_nothing_and_clears_the_draft(lead):
    first = make_draft(lead)
    draft_confirm(draft=first, preview=draft_preview(draft=first), by=lead, keep=ALL)
    again = make_draft(lead, name="copy.txt")
    outcome = draft_confirm(draft=again, preview=draft_preview(draft=again), by=lead, keep=ALL)
    assert outcome.status == "unchanged" and SourceDocument.objects.count() == 1
    assert not ImportDraft.objects.exists()


def test_one_file_past_the_limit_refuses_the_whole_upload(lead):
    files = [
        SimpleUploadedFile("fine.txt", MINUTES.encode()),
        SimpleUploadedFile("huge.txt", b"m" * (MAX_DOCUMENT_BYTES + 1)),
    ]
    with pytest.raises(ImportRefused, match="huge.txt: the file is too large"):
        drafts_create(by=lead, files=files)
    assert not ImportDraft.objects.exists()


def test_discarding_deletes_the_draft_and_saves_nothing(lead):
    draft_discard(draft=make_draft(lead))
    assert not ImportDraft.objects.exists() and not SourceDocument.objects.exists()


def test_drafts_left_unreviewed_for_a_day_expire_with_their_bytes_and_newer_ones_stay(lead):
    import datetime as dt

    from django.conf import settings
    from django.utils import timezone

    from improvement.models import ImportDraft
    from improvement.tasks import import_drafts_expire_task

    old = ImportDraft.objects.create(authority=lead.authority, uploaded_by=lead, filename="old.txt", data=b"x" * 100)
    new = ImportDraft.objects.create(authority=lead.authority, uploaded_by=lead, filename="new.txt", data=b"y")
    ImportDraft.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=1, minutes=1))
    assert import_drafts_expire_task() == 1
    assert list(ImportDraft.objects.values_list("pk", flat=True)) == [new.pk]
    schedule = settings.CELERY_BEAT_SCHEDULE["import-drafts-expire"]
    assert schedule["task"] == import_drafts_expire_task.name


def test_an_unreadable_upload_keeps_no_bytes(client, lead):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from improvement.models import ImportDraft

    client.force_login(lead)
    response = client.post(
        reverse("import_upload"),
        {"files": SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"\x00\x01" * 500)},
        follow=True,
    )
    page = response.content.decode()
    assert "This file cannot be imported" in page and "The file was not kept" in page
    assert not ImportDraft.objects.exists()
