"""The merge rules take extraction's dataclasses; the review page's corrections become dataclasses at the boundary."""

import pytest
from auditlog.models import LogEntry
from django.db import DatabaseError
from django.urls import reverse

from improvement.models import Action, ImportDraft, Measure, MeasureValue, Owner, SourceDocument
from improvement.services.importing.documents import document_import, facts_corrected
from improvement.services.importing.preview import document_preview
from tests.factories import OwnerFactory
from tests.importing.test_import_pages import upload

pytestmark = pytest.mark.django_db

TARGETS = b"""CABINET - 1 MARCH 2024

The target for audits rated good is 85%.

Audit compliance stood at 64% against a target of 85%.
"""


def test_corrections_give_new_dataclasses_and_leave_the_preview_alone(authority):
    preview = document_preview(
        data=TARGETS.replace(b"85%.\n\nAudit", b"85%.\n\nACTION: Head of Service to report by 1 April 2024.\n\nAudit"),
        filename="c.txt",
    )
    found = preview.extracted
    fixed = facts_corrected(
        facts=found,
        corrections={("actions", 0): {"owner": "Head of Quality Assurance"}, ("actions", 9): {"owner": "Nobody"}},
    )
    assert fixed.actions[0].owner == "Head of Quality Assurance" and fixed.actions[0].quote == found.actions[0].quote
    assert found.actions[0].owner == "Head of Service"
    assert len(fixed.actions) == len(found.actions) and fixed.measures == found.measures
    assert facts_corrected(facts=found, corrections={}) is found


def test_a_figure_that_is_only_the_target_sets_the_target_and_records_no_reading(authority):
    document_import(preview=document_preview(data=TARGETS, filename="t.txt"), authority=authority)
    only_target = Measure.objects.get(name="target for audits rated good")
    assert only_target.target == 85 and not MeasureValue.objects.filter(measure=only_target).exists()
    reading = MeasureValue.objects.get(measure__name="Audit compliance")
    assert reading.value == 64 and reading.measure.target == 85


def test_a_corrected_owner_the_council_already_has_is_reused(client, lead):
    existing = OwnerFactory(authority=lead.authority, role_title="Head of Quality Assurance")
    client.force_login(lead)
    upload(client)
    draft = ImportDraft.objects.get()
    response = client.post(
        reverse("import_confirm", args=[draft.pk]),
        {"keep": ["actions:0"], "actions-0-title": "Report", "actions-0-owner": f"id:{existing.pk}"},
    )
    assert response.status_code == 302
    assert Action.objects.get().owner == existing
    assert Owner.objects.filter(authority=lead.authority, role_title="Head of Quality Assurance").count() == 1


def test_a_row_the_database_refuses_takes_the_whole_document_back(authority):
    """The new rows go to the database together (rows.py): one it refuses (a reading too large for its column)
    leaves no document, owner, measure, action or audit entry behind, and the same file imports once fixed."""
    entries = LogEntry.objects.count()
    data = TARGETS.replace(b"85%.\n\nAudit", b"85%.\n\nACTION: Head of Service to report by 1 April 2024.\n\nAudit")
    preview = document_preview(data=data, filename="big.txt")
    index = next(i for i, m in enumerate(preview.extracted.measures) if m.name == "Audit compliance")
    with pytest.raises(DatabaseError):
        document_import(preview=preview, authority=authority, corrections={("measures", index): {"value": "1e14"}})
    assert not SourceDocument.objects.filter(authority=authority).exists()
    assert not Owner.objects.filter(authority=authority).exists() and not Measure.objects.exists()
    assert not Action.objects.exists()
    assert LogEntry.objects.count() == entries
    outcome = document_import(preview=preview, authority=authority)
    assert outcome.status == "imported" and Action.objects.filter(authority=authority).count() == 1
