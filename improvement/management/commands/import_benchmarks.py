"""`manage.py import_benchmarks FILE --council SLUG`: England, region and statistical-neighbour values
from a published DfE or Ofsted local-authority table, set on the council's measure values.

Columns are mapped to measures with `--map COLUMN=MEASURE NAME` (remembered for next time, as on
the benchmarks page); without `--map`, the council's remembered mapping is used. `--year-end`
is the day the file's years end (03-31, 08-31, 09-30 or 12-31; by default from its
time_identifier). `--dry-run` shows what would be set and saves nothing. Any row error refuses
the whole file.
"""

from pathlib import Path

from django.core.management import BaseCommand, CommandError

from improvement.extraction.benchmarks import YEAR_ENDS
from improvement.formats import govuk_date
from improvement.models import Authority, Measure
from improvement.services.benchmarks import BenchmarkError, BenchmarksRefused, benchmarks_import, benchmarks_preview


class Command(BaseCommand):
    help = "Set England, region and statistical-neighbour benchmarks from a published local-authority table."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--council", required=True, help="the council's slug")
        parser.add_argument("--map", action="append", default=[], metavar="COLUMN=MEASURE")
        parser.add_argument("--year-end", choices=list(YEAR_ENDS), default=None)
        parser.add_argument("--dry-run", action="store_true", help="show what would be set; save nothing")

    def handle(self, *args, **options):
        authority = Authority.objects.filter(slug=options["council"]).first()
        if authority is None:
            raise CommandError(f"No council has the slug {options['council']!r}")
        mapping = None
        if options["map"]:
            mapping = {}
            for pair in options["map"]:
                column, _, name = pair.partition("=")
                measure = Measure.objects.filter(authority=authority, name_key=Measure.key_for(name)).first()
                if not column.strip() or measure is None:
                    raise CommandError(f"--map {pair!r}: {authority} has no measure called {name.strip()!r}")
                mapping[column.strip().lower()] = measure
        path = Path(options["file"])
        try:
            data = path.read_bytes()
            run = benchmarks_preview if options["dry_run"] else benchmarks_import
            plan = run(authority=authority, data=data, mapping=mapping, year_end=options["year_end"])
        except OSError as exc:
            raise CommandError(f"{path.name} cannot be read ({exc.strerror or exc})") from None
        except BenchmarkError as exc:
            raise CommandError(f"{path.name} {exc}") from None
        except BenchmarksRefused as refused:
            for error in refused.plan.errors:
                self.stderr.write(f"Error: {error}")
            raise CommandError(f"{path.name} has {len(refused.plan.errors)} row error(s): nothing was saved") from None
        for error in plan.errors:
            self.stderr.write(f"Error: {error}")
        for s in plan.settings:
            where = f"new value on {govuk_date(s.end)}" if s.creates else f"value of {govuk_date(s.value.date)}"
            self.stdout.write(
                f"{s.measure.name}, {s.period} ({where}): England {s.england.value or s.england.suppression or '-'}, "
                f"region {s.region.value or s.region.suppression or '-'}, neighbours' median {s.neighbours or '-'}"
            )
        for note in plan.notes:
            self.stdout.write(note)
        self.stdout.write(f"Saved {plan.saved} value(s)." if not options["dry_run"] else "Dry run: nothing saved.")
