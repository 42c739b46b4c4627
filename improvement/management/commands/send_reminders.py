"""`manage.py send_reminders [--dry-run] [--date YYYY-MM-DD]`: run the reminder sweep by hand."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from improvement.formats import govuk_date
from improvement.models import ReminderKind
from improvement.services.reminders import reminders_sweep

KINDS = dict(ReminderKind.choices)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date must be a date like 2026-06-11, not {text!r}.") from None


class Command(BaseCommand):
    help = "Work out today's deadline reminders and queue one email per recipient (the 07:00 sweep, by hand)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say who would get what; send and record nothing.",
        )
        parser.add_argument(
            "--date",
            help="Sweep as if today were this date (YYYY-MM-DD). Default: today.",
        )

    def handle(self, *args, dry_run=False, date=None, **options):
        today = _date(date) if date else timezone.localdate()
        result = reminders_sweep(today=today, dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"Dry run for {govuk_date(today)}: nothing sent or recorded.")
            if not result.digests:
                self.stdout.write("No reminders are due.")
            for digest in result.digests:
                count = len(digest.items)
                self.stdout.write(
                    f"{digest.to_name} <{digest.to_email}> would get {count} reminder{'s' if count != 1 else ''}:"
                )
                for action_id, kind, _due_on in digest.items:
                    title = result.titles.get(action_id, f"action {action_id}")
                    self.stdout.write(f"  - {KINDS.get(kind, kind)}: {title} (action {action_id})")
        else:
            self.stdout.write(
                f"Swept {govuk_date(today)}: {result.claimed} reminder{'s' if result.claimed != 1 else ''} claimed, "
                f"{len(result.digest_ids)} email{'s' if len(result.digest_ids) != 1 else ''} queued, "
                f"{result.requeued} unsent email{'s' if result.requeued != 1 else ''} queued again."
            )
        if result.undeliverable:
            self.stdout.write(
                f"{result.undeliverable} reminder{'s' if result.undeliverable != 1 else ''} had nobody to go to "
                "(no email address and no improvement lead with one)."
            )
