"""`make backup`: a backup of the whole database in var/backups/ (or --output)."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from improvement.services.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the whole database (pg_dump on PostgreSQL, the online backup API on SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="file to write (default var/backups/tracker-<date and time>.backup)")

    def handle(self, *args, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = Path(options["output"] or Path(settings.BASE_DIR) / "var" / "backups" / f"tracker-{stamp}.backup")
        connections["default"].close()
        try:
            path = backup_create(database=settings.DATABASES["default"], target=target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size / 1024:,.0f} KB)")
