"""Generated rows written with COPY come back exactly as they were given."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from improvement.models import ProgressUpdate
from improvement.services.bulk_insert import ids_reserve, rows_insert
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_awkward_text_json_and_times_survive_copy():
    assert connection.vendor == "postgresql"  # the COPY path; SQLite's is run by tests/foundation/test_setup_demo.py
    action = ActionFactory()
    at = dt.datetime(2026, 7, 1, 9, 30, tzinfo=timezone.get_current_timezone())  # British Summer Time
    notes = ["tab\there", "two\nlines\r\n", "back\\slash \\N not null", "Children\u2019s services", ""]
    ids = ids_reserve(model=ProgressUpdate, count=len(notes))
    rows = [
        {
            "id": pk,
            "action_id": action.pk,
            "kind": "progress",
            "status": "on_track",
            "progress": n,
            "note": note,
            "changes": {"note": [note, "caf\u00e9"], "progress": [f"{n}%", None]},
            "created_at": at + dt.timedelta(minutes=n),
        }
        for n, (pk, note) in enumerate(zip(ids, notes, strict=True))
    ]
    assert rows_insert(model=ProgressUpdate, rows=rows) == len(notes)
    saved = {u.pk: u for u in ProgressUpdate.objects.filter(pk__in=ids)}
    for row in rows:
        update = saved[row["id"]]
        assert (update.note, update.changes, update.created_at) == (row["note"], row["changes"], row["created_at"])
        assert update.author_id is None and update.reason == "" and update.evidence_url == ""  # the defaults
    assert ProgressUpdate.objects.create(action=action, status="on_track", progress=1).pk > max(ids)
