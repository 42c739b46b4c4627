"""make backup and make restore: a round trip keeps every row of every table, on PostgreSQL and
on the embedded SQLite default; a file that is not a backup is refused and changes nothing."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from improvement import models
from improvement.services.backups import BackupError, backup_create, backup_restore
from tests.factories import ActionFactory, AuthorityFactory

ROOT = Path(__file__).resolve().parents[2]


def _row_counts():
    counts = {}
    with connection.cursor() as cursor:
        # the plan versions are not the backup's to put back: each council's only ever goes forward (asserted below)
        for table in set(connection.introspection.table_names()) - {"improvement_planversion"}:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from the database itself
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_round_trip_keeps_every_row_of_every_table(tmp_path):
    call_command(
        "generate_demo",
        "--into",
        AuthorityFactory(name="Backupshire Council").name,
        "--actions-per-authority",
        "15",
        verbosity=0,
    )
    before = _row_counts()
    assert before["improvement_action"] >= 15 and before["improvement_progressupdate"] > 0
    backup = backup_create(database=settings.DATABASES["default"], target=tmp_path / "tracker.backup")
    models.ProgressUpdate.objects.all().delete()
    models.Action.objects.all().delete()
    ActionFactory(title="Added after the backup")
    versions = dict(models.PlanVersion.objects.values_list("authority_id", "version"))
    backup_restore(database=settings.DATABASES["default"], source=backup)
    assert _row_counts() == before
    # the restored plan never reuses a version a cached page was made under since the backup
    restored = dict(models.PlanVersion.objects.values_list("authority_id", "version"))
    assert all(restored[council] > version for council, version in versions.items())
    assert not models.Action.objects.filter(title="Added after the backup").exists()


def _sqlite_database(path):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE plan (id INTEGER PRIMARY KEY, title TEXT)")
        db.executemany("INSERT INTO plan (title) VALUES (?)", [(f"Action {n}",) for n in range(500)])
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}


def test_a_sqlite_round_trip_keeps_every_row(tmp_path):
    database = _sqlite_database(tmp_path / "live.sqlite3")
    backup = backup_create(database=database, target=tmp_path / "backups" / "tracker.backup")
    with sqlite3.connect(database["NAME"]) as db:
        db.execute("DELETE FROM plan WHERE id > 10")
    backup_restore(database=database, source=backup)
    with sqlite3.connect(database["NAME"]) as db:
        assert db.execute("SELECT COUNT(*), MAX(title) FROM plan").fetchone() == (500, "Action 99")


def test_restoring_something_that_is_not_a_backup_is_refused_and_changes_nothing(tmp_path):
    database = _sqlite_database(tmp_path / "live.sqlite3")
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database " * 100)
    with pytest.raises(BackupError, match="is not an SQLite backup"):
        backup_restore(database=database, source=junk)
    with pytest.raises(BackupError, match="is not a backup file"):
        backup_restore(database=database, source=tmp_path / "missing.backup")
    with sqlite3.connect(database["NAME"]) as db:
        assert db.execute("SELECT COUNT(*) FROM plan").fetchone() == (500,)


def test_make_backup_and_restore_work_from_the_command_line_on_the_embedded_default(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.sqlite3'}", "DEBUG": "0"}

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )

    assert manage("migrate", "--noinput", "-v0").returncode == 0
    made = manage("backup", "--output", str(tmp_path / "b.backup"))
    assert made.returncode == 0, made.stderr
    assert "Backed up to" in made.stdout
    refused = manage("restore", str(tmp_path / "b.backup"))  # no --yes and no one to answer
    assert refused.returncode != 0
    restored = manage("restore", "--yes", str(tmp_path / "b.backup"))
    assert restored.returncode == 0 and "Restored" in restored.stdout, restored.stderr
