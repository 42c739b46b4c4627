"""`manage.py import_statistical_neighbours FILE`: each council's ten statistical neighbours from the DfE model.

FILE is the DfE's `sn_model_2025_wide.csv` (old_la_code, la_name, region_ind, region_name,
SN_1, SN_1P … SN_10, SN_10P). `--dry-run` reports and saves nothing.
"""

from pathlib import Path

from django.core.management import BaseCommand, CommandError

from improvement.services.neighbours import NeighboursError, neighbours_import


class Command(BaseCommand):
    help = "Import the DfE's statistical neighbours for each council."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="report what would change; save nothing")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            result = neighbours_import(data=path.read_bytes(), dry_run=options["dry_run"])
        except OSError as exc:
            raise CommandError(f"{path.name} cannot be read ({exc.strerror or exc})") from None
        except NeighboursError as exc:
            raise CommandError(f"{path.name} {exc}") from None
        for line in result.summary():
            self.stdout.write(line)
        for problem in result.not_placed:
            self.stdout.write(f"Not placed: {problem}")
