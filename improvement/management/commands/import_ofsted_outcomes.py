"""`manage.py import_ofsted_outcomes FILE`: every council's inspections and visits from Ofsted's statistics.

FILE is Ofsted's "Local authority inspection outcomes as at 31 March" (ODS, or its sheets saved
as XLSX or CSV) or the daily scrape's CSV. Prints what it will do, then saves it all in one
transaction; `--dry-run` prints and saves nothing. Rows it could not place are listed.
"""

from pathlib import Path

from django.core.management import BaseCommand, CommandError

from improvement.services.ofsted_outcomes import OutcomesError, outcomes_import, outcomes_preview


class Command(BaseCommand):
    help = "Import councils' Ofsted inspections, visits and area grades from Ofsted's official statistics."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="the ODS, XLSX or CSV file")
        parser.add_argument("--dry-run", action="store_true", help="show what would change; save nothing")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path.name} cannot be read ({exc.strerror or exc})") from None
        try:
            plan = outcomes_preview(data=data, filename=path.name)
            self._print(plan, "Preview")
            if options["dry_run"] or not plan.changes_anything:
                return
            plan = outcomes_import(data=data, filename=path.name)
        except OutcomesError as exc:
            raise CommandError(f"{path.name} {exc}") from None
        self._print(plan, "Saved")

    def _print(self, plan, heading):
        self.stdout.write(f"{heading}: {plan.filename}")
        for line in plan.summary():
            self.stdout.write(f"  {line}")
        if heading == "Preview":
            for problem in plan.not_placed:
                self.stdout.write(f"  Not placed: {problem}")
