"""Demo data: `manage.py generate_demo --authorities N --actions-per-authority M [--into "Authority name"]`.

Without --into it creates N new councils; with --into it fills that one existing council.
`--today 2026-06-11` dates everything from that day, so two runs with the same seed and day
make the same plan. The data is `services/demo_data.py`'s: 50 councils of 2,000 actions (about
640,000 history rows) cost about 35 s of CPU on PostgreSQL, Python and the server together.
"""

import time
from datetime import date

from django.core.management import BaseCommand, CommandError
from django.utils.text import slugify

from improvement.models import Authority
from improvement.services.demo_data import demo_authority_fill

NAMES = [
    "Northfield",
    "Eastmoor",
    "Westbrook",
    "Southvale",
    "Ashby",
    "Brackenridge",
    "Calder",
    "Denholme",
    "Elmsworth",
    "Fairley",
]


class Command(BaseCommand):
    help = (
        "Fill councils with a realistic improvement plan: inspection, themes, owners, actions with history, measures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--authorities", type=int, default=1, help="How many new councils to create (default 1).")
        parser.add_argument(
            "--actions-per-authority", type=int, default=60, help="Actions in each council (default 60)."
        )
        parser.add_argument("--into", metavar="NAME", help="Fill this existing council instead of creating new ones.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for repeatable data.")
        parser.add_argument(
            "--today",
            type=_iso_date,
            help="Date the plan as if today were this day, YYYY-MM-DD (default: today), for repeatable data.",
        )

    def handle(self, *args, authorities, actions_per_authority, into, seed, today, **options):
        if actions_per_authority < 0 or authorities < 0:
            raise CommandError("Counts must be zero or more")
        if into:
            try:
                targets = [Authority.objects.get(name=into)]
            except Authority.DoesNotExist:
                raise CommandError(f'There is no authority called "{into}"') from None
        else:
            targets = []
            n = Authority.objects.count()
            for i in range(authorities):
                name = f"{NAMES[(n + i) % len(NAMES)]} Demo Council {n + i + 1}"
                authority, _ = Authority.objects.get_or_create(name=name, defaults={"slug": slugify(name)[:80]})
                targets.append(authority)
        started = time.perf_counter()
        total = 0
        for authority in targets:
            made = demo_authority_fill(authority=authority, actions=actions_per_authority, today=today, seed=seed)
            total += made["actions"]
            if options["verbosity"]:
                self.stdout.write(
                    f"{authority.name}: {made['actions']} actions, {made['updates']} updates, "
                    f"{made['measures']} measures with {made['values']} values"
                )
        if options["verbosity"] and len(targets) > 1:
            self.stdout.write(f"{len(targets)} councils, {total} actions in {time.perf_counter() - started:.1f} s")


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today {value!r} is not a date like 2026-06-11") from None
