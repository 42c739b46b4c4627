"""Backups of the whole database, and putting one back.

PostgreSQL: pg_dump's custom format, restored with pg_restore (--clean: tables are replaced,
not merged). SQLite (the embedded default): Python's online backup API, which copies a
consistent snapshot even while the site is running.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import psycopg2


class BackupError(Exception):
    """The backup or restore could not be done; the message says why."""


def _engine(database: dict) -> str:
    engine = database["ENGINE"]
    if engine.endswith("postgresql"):
        return "postgresql"
    if engine.endswith("sqlite3"):
        return "sqlite"
    raise BackupError(f"backups support PostgreSQL and SQLite, not {engine}")


def _pg_args(database: dict) -> tuple[list[str], dict]:
    args = ["--dbname", database["NAME"]]
    if database.get("HOST"):
        args += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        args += ["--port", str(database["PORT"])]
    if database.get("USER"):
        args += ["--username", database["USER"]]
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client)")
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 - fixed program, our args
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-500:]}")


def backup_create(*, database: dict, target: Path) -> Path:
    """Write a backup of the database to target and return it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if _engine(database) == "postgresql":
        args, env = _pg_args(database)
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *args], env)
    else:
        source, copy = sqlite3.connect(database["NAME"]), sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()
    return target


def backup_restore(*, database: dict, source: Path) -> None:
    """Replace the database's contents with the backup's."""
    if not source.is_file():
        raise BackupError(f"{source} is not a backup file")
    before = _plan_versions(database)
    if _engine(database) == "postgresql":
        args, env = _pg_args(database)
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(source)], env)
    else:
        backup, live = sqlite3.connect(source), sqlite3.connect(database["NAME"])
        try:
            backup.execute("PRAGMA schema_version")  # fails at once if it is not an SQLite file
            backup.backup(live)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source} is not an SQLite backup ({error})") from None
        finally:
            backup.close()
            live.close()
    _plan_versions_forward(database, before)


def _connect(database: dict):  # noqa: ANN202 - a DB-API connection of either kind
    if _engine(database) == "postgresql":
        return psycopg2.connect(
            dbname=database["NAME"],
            host=database.get("HOST") or None,
            port=database.get("PORT") or None,
            user=database.get("USER") or None,
            password=database.get("PASSWORD") or None,
        )
    return sqlite3.connect(database["NAME"])


def _plan_versions(database: dict) -> dict[int, int] | None:
    """Each council's plan version (models/plan_versions.py); None if the database has no such table."""
    conn = _connect(database)
    try:
        cursor = conn.cursor()
        cursor.execute("SELECT authority_id, version FROM improvement_planversion")
        return dict(cursor.fetchall())
    except (sqlite3.Error, psycopg2.Error):  # not this tracker's database, or one from before the table
        return None
    finally:
        conn.close()


def _plan_versions_forward(database: dict, before: dict[int, int] | None) -> None:
    """A restore puts the backup's versions back; move each past the highest it ever had, so a cached page
    made after the backup was taken can never be taken for the restored plan's."""
    after = _plan_versions(database)
    if after is None:
        return
    before = before or {}
    mark = "%s" if _engine(database) == "postgresql" else "?"
    conn = _connect(database)
    try:
        cursor = conn.cursor()
        for council in sorted({*before, *after}):
            version = max(before.get(council, 0), after.get(council, 0)) + 1
            cursor.execute(
                "INSERT INTO improvement_planversion (authority_id, version, figures) "  # nosec B608 - no input in it
                f"VALUES ({mark}, {mark}, 0) ON CONFLICT (authority_id) DO UPDATE SET version = excluded.version",
                [council, version],
            )
        conn.commit()
    finally:
        conn.close()
