"""The committee pack PDF is built by a task, kept, and never served once the plan has changed."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pdfminer.high_level import extract_text

from improvement.models import CommitteePackFile, MeasureValue, Owner
from improvement.services.actions import action_record_update
from improvement.services.packs import committee_pack_build
from tests.dashboards._pdf import get_pack_pdf

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return " ".join(extract_text(io.BytesIO(response.content)).split())


def test_asking_shows_a_page_saying_it_is_being_prepared_and_queues_one_build(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    download = client.get(reverse("committee_pack_pdf"))
    assert download.status_code == 302
    assert download["Location"] == reverse("committee_pack_pdf_status")
    page = client.get(download["Location"])
    html = page.content.decode()
    assert "Your committee pack is being prepared" in html
    assert "Check again now" in html
    assert 'src="/static/pack-status.js"' in html  # the poll is a static file: the CSP allows no inline script
    client.get(reverse("committee_pack_pdf_status"))
    assert CommitteePackFile.objects.count() == 1  # asking again does not queue a second build
    assert client.get(reverse("committee_pack_pdf_status"), HTTP_ACCEPT="application/json").json()["state"] == "queued"


def test_once_built_the_page_offers_the_download_and_the_file_is_the_pack(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    response = get_pack_pdf(client)
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="northshire-county-council-committee-pack-2026-11-25.pdf"'
    )
    assert "North overdue audit" in pdf_text(response)
    page = client.get(reverse("committee_pack_pdf_status")).content.decode()
    assert "Your committee pack is ready" in page
    assert "Download the committee pack (PDF," in page
    answer = client.get(reverse("committee_pack_pdf_status"), HTTP_ACCEPT="application/json").json()
    assert answer == {"state": "ready", "download": reverse("committee_pack_pdf"), "size": answer["size"]}
    assert answer["size"].endswith("KB")


def test_building_twice_does_nothing_the_second_time(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    pack = client.get(reverse("committee_pack_pdf_status")).context["pack"]
    assert committee_pack_build(pack_id=pack.pk) is True
    first = bytes(CommitteePackFile.objects.get(pk=pack.pk).data)
    assert committee_pack_build(pack_id=pack.pk) is False
    assert bytes(CommitteePackFile.objects.get(pk=pack.pk).data) == first
    assert committee_pack_build(pack_id=pack.pk + 1000) is False  # gone: nothing to do


def test_an_update_means_a_new_file_never_the_old_one(client, lead, plan, today):
    client.force_login(lead)
    before = pdf_text(get_pack_pdf(client, {"since": "2020-01-01"}))
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
    stale = client.get(reverse("committee_pack_pdf"), {"since": "2020-01-01"})
    assert stale.status_code == 302  # the stored file shows the plan before the update: not served
    after = pdf_text(get_pack_pdf(client, {"since": "2020-01-01"}))
    assert "Waiting on the new case audit tool" in after


def test_a_new_measure_value_means_a_new_file(client, lead, plan, today):
    client.force_login(lead)
    assert get_pack_pdf(client).status_code == 200
    assert client.get(reverse("committee_pack_pdf")).status_code == 200  # kept: the plan has not changed
    MeasureValue.objects.create(measure=plan["measure"], date=dt.date(2026, 11, 1), value=70)
    assert client.get(reverse("committee_pack_pdf")).status_code == 302


def test_renaming_an_owner_means_a_new_file(client, lead, plan, today):
    client.force_login(lead)
    assert get_pack_pdf(client).status_code == 200
    owner = Owner.objects.filter(authority=plan["measure"].authority).first()
    owner.role_title = owner.role_title + " (interim)"
    owner.save()
    assert client.get(reverse("committee_pack_pdf")).status_code == 302


def test_each_council_and_each_filter_has_its_own_file(client, scrutiny, plan, other_plan, today):
    from tests.factories import UserFactory

    client.force_login(scrutiny)
    ours = pdf_text(get_pack_pdf(client))
    theirs_user = UserFactory(authority=other_plan["plan"].authority, role="Scrutiny member", username="south")
    client.force_login(theirs_user)
    assert client.get(reverse("committee_pack_pdf")).status_code == 302  # our file is not theirs
    theirs = pdf_text(get_pack_pdf(client))
    assert "Southshire" in theirs and "Southshire" not in ours
    client.force_login(scrutiny)
    theme = plan["themes"][0].pk
    assert client.get(reverse("committee_pack_pdf"), {"theme": theme}).status_code == 302
    assert CommitteePackFile.objects.filter(authority=plan["plan"].authority).count() == 2


def test_a_failed_build_says_so_in_plain_words(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    pack = client.get(reverse("committee_pack_pdf_status")).context["pack"]
    CommitteePackFile.objects.filter(pk=pack.pk).update(
        state=CommitteePackFile.State.FAILED, error="ValueError: broken", finished_at=dt.datetime.now(dt.UTC)
    )
    page = client.get(reverse("committee_pack_pdf_status")).content.decode()
    assert "The committee pack could not be made" in page
    assert "ValueError" not in page
    assert client.get(reverse("committee_pack_pdf")).status_code == 302
