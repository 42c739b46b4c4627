"""One size limit, defined in extraction, refuses an over-limit file on the upload page and in the command alike."""

import html

import pytest
from django.conf import settings

from improvement.extraction.limits import MAX_DOCUMENT_BYTES, document_too_large
from improvement.models import ImportDraft, SourceDocument
from tests.importing.test_import_command import run
from tests.importing.test_import_pages import upload

pytestmark = pytest.mark.django_db

OVER = MAX_DOCUMENT_BYTES + 1


def test_the_limit_is_five_megabytes_and_the_settings_agree():
    assert MAX_DOCUMENT_BYTES == 5 * 1024 * 1024 == settings.MAX_UPLOAD_BYTES
    assert document_too_large(MAX_DOCUMENT_BYTES) is None
    assert document_too_large(OVER) == "the file is too large (5,242,881 bytes); the limit is 5 MB"


def test_the_upload_page_refuses_an_over_limit_file_with_the_limits_message(client, lead):
    client.force_login(lead)
    response = upload(client, name="huge.txt", data=b"m" * OVER)
    assert response.status_code == 200
    assert f"huge.txt: {document_too_large(OVER)}" in html.unescape(response.content.decode())
    assert not ImportDraft.objects.exists()


def test_a_file_at_the_limit_is_accepted_for_review(client, lead):
    client.force_login(lead)
    response = upload(client, name="full.txt", data=b"minutes " * (MAX_DOCUMENT_BYTES // 8))
    assert response.status_code == 302
    assert ImportDraft.objects.count() == 1


def test_the_command_refuses_an_over_limit_file_with_the_same_message(tmp_path):
    (tmp_path / "huge.txt").write_bytes(b"m" * OVER)
    code, _, err = run(str(tmp_path / "huge.txt"), "--authority", "Northshire County Council")
    assert code == 1
    assert f"huge.txt: {document_too_large(OVER)}" in err
    assert not SourceDocument.objects.exists()
