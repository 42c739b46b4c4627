"""The committee pack PDF through the real parts: Redis as broker and a Celery worker process.

The request only queues the build; the worker lays the PDF out; after an update the old
file is never served and the worker builds the new one.
"""

import io

import pytest
from django.db import connection
from django.urls import reverse
from pdfminer.high_level import extract_text

from improvement.models import CommitteePackFile
from improvement.services.actions import action_record_update
from tests.dashboards.conftest import build_plan
from tests.factories import AuthorityFactory, UserFactory
from tests.reminders.conftest import ensure_role_groups
from tests.reminders.live import Worker, broker, database_url, flush_queue, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(django_db_setup, django_db_blocker):
    flush_queue()
    proc = Worker(database_url=database_url(connection.settings_dict), email_url="consolemail://").start()
    yield proc
    proc.stop()
    flush_queue()


def download_when_ready(client, params):
    """What a user does: open the status page, wait for it to say ready, download."""
    page = client.get(reverse("committee_pack_pdf_status"), params)
    assert "being prepared" in page.content.decode()
    key = page.context["pack"].key
    wait_until(
        lambda: CommitteePackFile.objects.filter(key=key, state=CommitteePackFile.State.READY).exists(),
        timeout=90,
        what="the worker to build the committee pack",
    )
    assert (
        client.get(reverse("committee_pack_pdf_status"), params, HTTP_ACCEPT="application/json").json()["state"]
        == "ready"
    )
    response = client.get(reverse("committee_pack_pdf"), params)
    assert response["Content-Type"] == "application/pdf"
    return " ".join(extract_text(io.BytesIO(response.content)).split())


def test_the_worker_builds_the_pack_and_a_new_one_after_an_update(client, worker, today):
    ensure_role_groups()
    authority = AuthorityFactory(name="Northshire County Council")
    plan = build_plan(authority)
    lead = UserFactory(authority=authority, role="Improvement lead", username="live-lead")
    client.force_login(lead)
    params = {"since": "2020-01-01"}
    with broker():
        before = download_when_ready(client, params)
        assert "North overdue audit" in before
        assert "Waiting on the new case audit tool" not in before
        action = plan["actions"]["soon"]
        action_record_update(
            action=action,
            by=lead,
            status="off_track",
            progress=25,
            note="Waiting on the new case audit tool",
            expected_version=action.version,
        )
        assert client.get(reverse("committee_pack_pdf"), params).status_code == 302  # the old file: never served
        after = download_when_ready(client, params)
    assert "Waiting on the new case audit tool" in after
    assert CommitteePackFile.objects.filter(authority=authority).count() == 1  # the superseded file is gone
