"""`make restore FILE=...`: replace the database's contents with a backup's."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.db import connections

from improvement.services.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup`, replacing everything in the database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup file")
        parser.add_argument("--yes", action="store_true", help="do not ask: replace the database's contents")

    def handle(self, *args, **options):
        source = Path(options["file"])
        if not options["yes"]:
            answer = input(f"This replaces everything in the database with {source}. Type 'restore' to go on: ")
            if answer.strip() != "restore":
                raise CommandError("Nothing was restored.")
        connections["default"].close()
        try:
            backup_restore(database=settings.DATABASES["default"], source=source)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {source}")
