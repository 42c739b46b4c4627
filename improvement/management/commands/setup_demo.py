"""`make run`'s set-up step: demo accounts, the demo council's plan, and the seed minutes, once.

The seed minutes are imported twice through the importer: into the councils the manifest
names, and into the demo council, so its improvement lead finds imported documents (with
their quotes highlighted) on the Import page at once. Running it again reuses what is
there: nothing is duplicated and no password is reprinted.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command

from improvement.services.demo import DEMO_AUTHORITY, demo_accounts_create, demo_plan_fill


class Command(BaseCommand):
    help = "Create demo accounts and the demo council's plan, and import the seed minutes (idempotent)."

    def handle(self, *args, **options):
        seeds = str(Path(settings.BASE_DIR) / "seeds")
        created = demo_accounts_create()
        made = demo_plan_fill()
        if made:
            self.stdout.write(
                f"{DEMO_AUTHORITY}: a plan of {made['actions']} actions with {made['updates']} updates, "
                f"{made['measures']} measures and {made['meetings']} committee meetings."
            )
        call_command("import_minutes", seeds, verbosity=1, stdout=self.stdout, stderr=self.stderr)
        self.stdout.write(f"The seed minutes again, into {DEMO_AUTHORITY}:")
        call_command(
            "import_minutes", seeds, "--authority", DEMO_AUTHORITY, verbosity=1, stdout=self.stdout, stderr=self.stderr
        )
        if created:
            self.stdout.write(self.style.SUCCESS("Demo accounts (shown once; change them before real use):"))
            for row in created:
                self.stdout.write(f"  {row['role']:<16} username {row['username']:<12} password {row['password']}")
        else:
            self.stdout.write("Demo accounts already exist (their passwords were printed the first time).")
