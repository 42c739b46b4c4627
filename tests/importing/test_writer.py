"""The merge rules take extraction's dataclasses; the review page's corrections become dataclasses at the boundary."""

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db import DatabaseError
from django.urls import reverse

from improvement.models import Action, ImportDraft, Measure, MeasureValue, Owner, ProgressUpdate, SourceDocument
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


def _stored(model, **where):
    rows = list(model.objects.filter(**where).order_by("pk").values())
    for row in rows:
        for key in ("id", "action_id", "measure_id"):
            row.pop(key, None)
    return rows


def test_the_importers_own_inserts_store_exactly_what_bulk_create_stores(authority):
    """rows.py builds most INSERTs itself (`_plain_insert`), for speed; what it stores is what Django's own
    bulk_create stores, field by field: awkward text, decimals, dates, JSON, stamps."""
    from django.utils import timezone

    from improvement.services.importing.rows import Rows, ids_give, insert_statements, rows_insert
    from tests.factories import ActionFactory, MeasureFactory

    notes = ["tab\there", "quote ' and \" and %s and %(x)s", "Children\u2019s services", "", "back\\slash"]

    def made():
        action, measure = ActionFactory(authority=authority), MeasureFactory(authority=authority)
        updates = [
            ProgressUpdate(action=action, kind="imported", status="on_track", progress=n, note=note, changes={"a": [n]})
            for n, note in enumerate(notes)
        ]
        values = [
            MeasureValue(measure=measure, date=dt.date(2026, 3, n + 1), value=Decimal("12.50") + n) for n in range(3)
        ]
        return action, measure, updates, values

    before = timezone.now()
    ours_action, ours_measure, ours_updates, ours_values = made()
    ids_give([ours_values])
    written = [Rows(ours_updates, numbered=False), Rows(ours_values)]
    statements = [s for rows in written for s in insert_statements(rows)]
    assert len(statements) == 2  # one INSERT per model, built by rows.py
    rows_insert(statements, written)
    theirs_action, theirs_measure, theirs_updates, theirs_values = made()
    ProgressUpdate.objects.bulk_create(theirs_updates)
    MeasureValue.objects.bulk_create(theirs_values)

    ours, theirs = _stored(ProgressUpdate, action=ours_action), _stored(ProgressUpdate, action=theirs_action)
    for row in ours + theirs:
        assert row.pop("created_at") >= before  # auto_now_add set on both
    assert ours == theirs and [r["note"] for r in ours] == notes
    assert _stored(MeasureValue, measure=ours_measure) == _stored(MeasureValue, measure=theirs_measure)
    assert len(_stored(MeasureValue, measure=ours_measure)) == 3
    assert all(not u._state.adding for u in ours_updates)


def test_the_importers_insert_of_links_ignores_ones_already_there(authority):
    from improvement.services.importing.rows import Rows, insert_statements, rows_insert
    from tests.factories import ActionFactory, RecommendationFactory

    action, rec = ActionFactory(authority=authority), RecommendationFactory(authority=authority)
    action.recommendations.add(rec)
    link = Rows([Action.recommendations.through(action_id=action.pk, recommendation_id=rec.pk)], False, True)
    rows_insert(insert_statements(link), [link])
    assert list(action.recommendations.all()) == [rec]
