"""`manage.py send_reminders [--dry-run] [--date YYYY-MM-DD]`."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from improvement.models import Digest, Reminder
from tests.reminders.conftest import DUE

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_dry_run_lists_who_would_get_what_and_sends_nothing(action):
    out = run("--dry-run", "--date", DUE.isoformat())
    assert out.splitlines() == [
        "Dry run for 11 June 2026: nothing sent or recorded.",
        "Sam Patel <hos@northshire.example> would get 1 reminder:",
        f"  - Due today: Audit case files (action {action.pk})",
    ]
    assert Reminder.objects.count() == 0 and Digest.objects.count() == 0


@pytest.mark.django_db
def test_run_claims_and_queues(action, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        out = run("--date", DUE.isoformat())
    assert out.strip() == "Swept 11 June 2026: 1 reminder claimed, 1 email queued, 0 unsent emails queued again."
    assert len(callbacks) == 1  # queued only once the claim is committed
    assert run("--date", DUE.isoformat()).startswith("Swept 11 June 2026: 0 reminders claimed, 0 emails queued")


@pytest.mark.django_db
def test_nothing_due():
    assert "No reminders are due." in run("--dry-run", "--date", "2026-01-01")


def test_bad_date_is_one_clear_line_and_a_failing_exit():
    with pytest.raises(CommandError, match=r"--date must be a date like 2026-06-11, not '2026-13-01'"):
        call_command("send_reminders", "--date", "2026-13-01")
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "send_reminders",
            "--dry-run",
            "--date",
            "11/06/2026",
        ],
        cwd=ROOT,
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        "CommandError: --date must be a date like 2026-06-11, not '11/06/2026'."
    ]
