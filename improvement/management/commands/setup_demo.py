"""`make run`'s set-up step: import the seed minutes and create demo accounts, once.

Running it again reuses what is there: nothing is duplicated and no password is reprinted.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command, get_commands

from improvement.services.demo import demo_accounts_create


class Command(BaseCommand):
    help = "Import the seed minutes and create demo accounts for each role (idempotent)."

    def handle(self, *args, **options):
        seeds = Path(settings.BASE_DIR) / "seeds"
        if "import_minutes" in get_commands():
            call_command("import_minutes", str(seeds), verbosity=1, stdout=self.stdout, stderr=self.stderr)
        else:
            self.stdout.write("Importer not installed yet: the seed minutes were not imported.")
        created = demo_accounts_create()
        if created:
            self.stdout.write(self.style.SUCCESS("Demo accounts (shown once; change them before real use):"))
            for row in created:
                self.stdout.write(f"  {row['role']:<16} username {row['username']:<12} password {row['password']}")
        else:
            self.stdout.write("Demo accounts already exist (their passwords were printed the first time).")
