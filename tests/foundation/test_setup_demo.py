"""`make run`'s first impression: `manage.py setup_demo` gives the demo council a dated plan and
imported documents, once, on PostgreSQL and on the SQLite file `make run` uses."""

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from improvement.models import Action, Authority, Meeting, ProgressUpdate, SourceDocument, User
from improvement.selectors.changes import changes_since, since_default
from improvement.services.demo import DEMO_AUTHORITY

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))


def _setup():
    out = io.StringIO()
    call_command("setup_demo", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _counts():
    return {model.__name__: model.objects.count() for model in (Authority, Action, ProgressUpdate, SourceDocument)}


@pytest.mark.django_db
def test_the_lead_finds_imported_documents_and_a_plan_dated_over_two_years(client):
    first = _setup()
    assert "username lead" in first
    demo = Authority.objects.get(name=DEMO_AUTHORITY)
    documents = SourceDocument.objects.filter(authority=demo)
    assert sorted(documents.values_list("filename", flat=True)) == SEEDS
    # Imported through the importer, so facts point at their quotes in the text.
    quoted = Action.objects.filter(authority=demo, source_document__isnull=False)
    assert quoted.exists()
    for action in quoted:
        text = action.source_document.text
        assert text[action.source_start : action.source_end] == action.source_quote

    lead = User.objects.get(username="lead")
    client.force_login(lead)
    page = client.get(reverse("import_upload")).content.decode()
    assert all(name in page for name in SEEDS)
    action = quoted.first()
    shown = client.get(reverse("document_detail", args=[action.source_document.pk])).content.decode()
    assert "<mark" in shown  # the quotes are highlighted in the text

    # "Since the last committee" counts from the demo's last committee, weeks ago, not from today.
    today = timezone.localdate()
    since = since_default(authority=demo, today=today)
    assert since.meeting is not None and since.meeting.committee == "Children's Scrutiny Committee"
    assert 14 <= (today - since.date).days <= 42
    planned = Action.objects.filter(authority=demo, plan__isnull=False)
    changes = changes_since(authority=demo, since=since, today=today)
    assert len([a for a in changes.new_actions if a.plan_id]) < planned.count() // 4
    assert Meeting.objects.filter(authority=demo, date__gt=today).exists()


@pytest.mark.django_db
def test_running_it_again_changes_nothing_and_prints_no_password():
    _setup()
    before = _counts()
    again = _setup()
    assert _counts() == before
    assert "password" not in again.replace("their passwords were printed", "")
    assert "Demo accounts already exist" in again


def test_make_runs_setup_works_on_a_fresh_sqlite_file_twice(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    database = tmp_path / "tracker.sqlite3"
    env.update({"DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"})

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
        return result.stdout

    manage("migrate", "--noinput", "-v0")
    first = manage("setup_demo")
    assert "Demo accounts" in first and "username lead" in first

    def rows():
        with sqlite3.connect(database) as db:
            demo = db.execute("SELECT id FROM improvement_authority WHERE name = ?", [DEMO_AUTHORITY]).fetchone()[0]

            def one(sql):
                return db.execute(sql, [demo]).fetchone()[0]

            return {
                "documents": one("SELECT COUNT(*) FROM improvement_sourcedocument WHERE authority_id = ?"),
                "actions": one("SELECT COUNT(*) FROM improvement_action WHERE authority_id = ?"),
                "updates": one(
                    "SELECT COUNT(*) FROM improvement_progressupdate u JOIN improvement_action a ON a.id = u.action_id "
                    "WHERE a.authority_id = ?"
                ),
                "first created": one("SELECT MIN(created_at) FROM improvement_action WHERE authority_id = ?"),
            }

    made = rows()
    assert made["documents"] == len(SEEDS) and made["actions"] > 60 and made["updates"] > 5 * 60
    assert made["first created"][:4] < str(timezone.now().year - 1)  # two years back, not all today
    manage("setup_demo")
    assert rows() == made

    # the database itself moves the council's plan version (the heavy pages' cache key) on every write
    def version(db, demo):
        return db.execute("SELECT version FROM improvement_planversion WHERE authority_id = ?", [demo]).fetchone()[0]

    with sqlite3.connect(database) as db:
        demo = db.execute("SELECT id FROM improvement_authority WHERE name = ?", [DEMO_AUTHORITY]).fetchone()[0]
        before = version(db, demo)
        db.execute("UPDATE improvement_action SET title = title || '.' WHERE authority_id = ?", [demo])
        moved = version(db, demo)
        assert moved > before  # SQLite's triggers are per row: one step per action changed
        db.execute(
            "UPDATE improvement_owner SET role_title = role_title || '.' WHERE authority_id = ? AND id = "
            "(SELECT MIN(id) FROM improvement_owner WHERE authority_id = ?)",
            [demo, demo],
        )
        assert version(db, demo) == moved + 1
