"""The one generator of plan data: a realistic improvement plan for a council, of any size.

Used by `manage.py setup_demo` (the demo council of `make run`), `manage.py generate_demo`
(councils of any size, for `make bench`), the benchmarks, and the tests that need a plan of a
given size (tests' hand-picked records come from the factories in tests/factories.py).

What a council gets: an ILACS inspection with its judgements and recommendations, a focused
visit and a planned monitoring visit, a plan with numbered themes, owners with line managers
and a user in each role, actions created over the two years since the plan was drafted, each
with its history (about five updates, every one recording the fields it changed, as
`services/actions.py` records them: status and progress, a due date moved with its reason, an
owner reassigned, sign-off), measures with two years of monthly values, and the children's
scrutiny committee's meetings (the last a few weeks ago, the next a few weeks ahead).

The dates agree with each other: an action's `created_at` is its "created" history row, its
`updated_at` its newest row, its version the number of rows, its sign-off time the sign-off
row's. Nothing is later than the day before `today`, so "since the last committee" shows the
few weeks of work since that meeting.

The few records per council go through the ORM; the many (actions, their links, their
history, measure values) are built as rows here and written per table in one go
(`services/bulk_insert.py`: COPY on PostgreSQL, batched INSERTs on SQLite). One transaction
per council. Deterministic for a given seed and `today`.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from improvement import roles
from improvement.extraction.roles import normalise_role
from improvement.formats import govuk_date
from improvement.models import (
    Action,
    ActionStatus,
    Authority,
    ImprovementPlan,
    Inspection,
    InspectionJudgement,
    Measure,
    MeasureValue,
    Meeting,
    Owner,
    ProgressUpdate,
    Recommendation,
    Theme,
    UpdateKind,
    User,
)
from improvement.selectors.frameworks import areas_for
from improvement.services.bulk_insert import ids_reserve, rows_insert

COMMITTEE = "Children's Scrutiny Committee"
COMMITTEE_EVERY_DAYS = 56
PLAN_DAYS = 730  # actions are created over the two years before `today`
STATUS_LABELS = dict(ActionStatus.choices)

THEMES = [
    "Front door and early help",
    "Children in need and child protection",
    "Children in care",
    "Care leavers",
    "Workforce",
    "Quality assurance and practice standards",
    "Leadership, management and governance",
]

RECOMMENDATIONS = [
    (0, "The quality and timeliness of decision-making at the front door, including the application of thresholds."),
    (
        1,
        "The quality of assessments and plans for children in need of help and protection, so they are "
        "specific and measurable.",
    ),
    (1, "The effectiveness of management oversight and supervision in driving progress for children."),
    (2, "The timeliness of permanence planning for children in care, including the use of early permanence."),
    (2, "Sufficiency of local placements that meet the needs of children in care."),
    (3, "The quality and timeliness of pathway plans for care leavers."),
    (4, "The stability of the workforce, reducing reliance on agency social workers and caseloads."),
    (5, "The impact of quality assurance on improving practice, including auditing that leads to learning."),
]

# (role title, line manager's role title or None, person)
OWNERS = [
    ("Director of Children's Services", None, "Alex Morgan"),
    ("Assistant Director, Children's Social Care", "Director of Children's Services", "Chris Patel"),
    ("Assistant Director, Quality and Improvement", "Director of Children's Services", "Dana Hughes"),
    ("Head of Service, Front Door", "Assistant Director, Children's Social Care", "Sam Taylor"),
    ("Head of Service, Children in Care", "Assistant Director, Children's Social Care", "Robin Clarke"),
    ("Head of Service, Care Leavers", "Assistant Director, Children's Social Care", "Jamie Lewis"),
    ("Head of Workforce Development", "Assistant Director, Quality and Improvement", "Morgan Price"),
    ("Head of Quality Assurance", "Assistant Director, Quality and Improvement", "Kim Walsh"),
    ("Service Manager, MASH", "Head of Service, Front Door", "Lee Green"),
    ("Principal Social Worker", "Head of Quality Assurance", "Ash Khan"),
]

# theme index -> owner role titles who usually own its actions
THEME_OWNERS = {
    0: ["Head of Service, Front Door", "Service Manager, MASH"],
    1: ["Assistant Director, Children's Social Care", "Head of Service, Front Door", "Principal Social Worker"],
    2: ["Head of Service, Children in Care"],
    3: ["Head of Service, Care Leavers"],
    4: ["Head of Workforce Development", "Director of Children's Services"],
    5: ["Head of Quality Assurance", "Principal Social Worker"],
    6: ["Director of Children's Services", "Assistant Director, Quality and Improvement"],
}

ACTION_VERBS = [
    ("Audit", "a monthly sample of {} and report learning to the practice board"),
    ("Introduce", "a practice standard for {} with a checklist for team managers"),
    ("Train", "team managers on {} through a programme of workshops"),
    ("Review", "{} with partners and agree an improvement plan"),
    ("Embed", "the new approach to {} in supervision and audit"),
    ("Publish", "a quarterly performance report on {} for scrutiny"),
]
TOPICS = {
    0: ["contacts and referrals", "MASH threshold decisions", "strategy discussions", "early help step-down"],
    1: ["child protection plans", "assessments", "supervision records", "child in need plans"],
    2: ["permanence planning", "placement stability", "life-story work", "health assessments"],
    3: ["pathway plans", "staying put arrangements", "care leaver accommodation"],
    4: [
        "recruitment of permanent social workers",
        "caseload management",
        "the ASYE programme",
        "agency staff conversion",
    ],
    5: ["case file audits", "the quality assurance framework", "practice learning reviews"],
    6: ["the improvement board", "performance data", "corporate parenting", "scrutiny reporting"],
}

MEASURES = [
    # name, unit, polarity, target, tolerance, start, monthly drift, theme, England figure (or None)
    ("Case files audited as good or better", "%", "higher", 80, 10, 48, 1.2, 5, None),
    ("Agency social workers", "%", "lower", 15, 5, 32, -0.6, 4, 17.6),
    ("Average caseload per social worker", "cases", "lower", 18, 3, 24, -0.25, 4, 15.8),
    ("Referrals with a decision within one working day", "%", "higher", 95, 5, 78, 0.7, 0, None),
    ("Child protection plans reviewed on time", "%", "higher", 98, 3, 88, 0.4, 1, 92.0),
    ("Children in care with three or more placements in a year", "%", "lower", 9, 2, 13, -0.15, 2, 10.0),
    ("Care leavers in suitable accommodation", "%", "higher", 90, 5, 79, 0.4, 3, 88.0),
    ("Supervision up to date", "%", "higher", 90, 10, 60, 1.0, 1, None),
]

NOTES = {
    ActionStatus.ON_TRACK: [
        "Work is progressing to plan.",
        "First sessions delivered; feedback positive.",
        "Milestones for this quarter met.",
        "Audit sample completed and reported to the board.",
    ],
    ActionStatus.AT_RISK: [
        "Two posts vacant, delivery slipping.",
        "Partner sign-off delayed to next month.",
        "IT changes needed before roll-out; waiting on supplier.",
    ],
    ActionStatus.OFF_TRACK: [
        "Deadline missed: staff capacity diverted to inspection preparation.",
        "Recruitment campaign failed to attract applicants; new approach needed.",
    ],
    ActionStatus.COMPLETE: ["All elements delivered; evidence pack prepared for sign-off."],
    ActionStatus.EVIDENCED: ["Impact seen in the latest audit; signed off at the improvement board."],
    ActionStatus.NOT_STARTED: ["Scoping under way."],
}


MOVE_REASONS = [
    "Waiting for the new case management system to go live.",
    "Partners need longer to sign off the new arrangements; agreed at the improvement board.",
    "Capacity moved to the focused visit; a revised timetable was agreed.",
    "Recruitment to the new posts took longer than planned.",
]
REASSIGN_REASONS = [
    "Service restructure: the work moved to another head of service.",
    "The previous owner left the council.",
]
GRADES = ["requires_improvement", "requires_improvement", "good", "requires_improvement"]
AREAS = [
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
]


def demo_authority_fill(*, authority: Authority, actions: int, today: dt.date | None = None, seed: int = 1) -> dict:
    """Fill one authority with a realistic plan of `actions` actions, in one transaction.

    Returns counts of what was made (actions, updates, measures, values, visits, meetings)."""
    today = today or timezone.localdate()
    rng = random.Random(f"{seed}-{authority.name}")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Generated rows: no need to wait for each commit to reach the disk (a crash loses the last council,
            # never corrupts one). Only for this transaction.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        return _Filler(authority=authority, today=today, rng=rng).fill(actions)


class _Filler:
    def __init__(self, *, authority: Authority, today: dt.date, rng: random.Random) -> None:
        self.authority = authority
        self.today = today
        self.last_day = today - dt.timedelta(days=1)  # nothing is recorded later than yesterday
        self.rng = rng
        self.zone = timezone.get_current_timezone()

    def fill(self, count: int) -> dict:
        users = _ensure_users(self.authority)
        self.lead = users[roles.IMPROVEMENT_LEAD]
        owners = _ensure_owners(self.authority, users)
        everyone = list(Owner.objects.filter(authority=self.authority).select_related("user").order_by("pk"))
        extra_owners = [o for o in everyone if o.role_title not in owners]
        self.owner_users = {o.pk: o.user for o in everyone}
        inspection, visits = self._inspections()
        plan, themes, recs_by_theme, recs = self._plan(inspection)
        measure_by_theme, values = self._measures()
        meetings = self._meetings()

        built = []
        for n in range(count):
            t = n % len(THEMES)
            verb, pattern = ACTION_VERBS[(n // len(THEMES)) % len(ACTION_VERBS)]
            topic = TOPICS[t][(n // len(THEMES) + n // (len(THEMES) * len(ACTION_VERBS))) % len(TOPICS[t])]
            titles = THEME_OWNERS[t]
            owner = owners[titles[n % len(titles)]]
            if extra_owners and n % 7 == 3:
                owner = extra_owners[n % len(extra_owners)]
            row = {
                "authority_id": self.authority.pk,
                "plan_id": plan.pk,
                "theme_id": themes[t].pk,
                "reference": f"{t + 1}.{n // len(THEMES) + 1}",
                "title": f"{verb} {pattern.format(topic)}"[:300],
                "description": f"Part of theme {t + 1} ({THEMES[t]}). "
                f"Responds to the inspection's findings on {topic}.",
                "source_quote": "",
            }
            evidence = f"https://documents.{self.authority.slug}.example/evidence/{n + 1}"
            history = self._action(row, owner=owner, everyone=everyone, evidence=evidence)
            built.append((n, row, history))

        # Ids in the order things happened, as they would be had people typed them in.
        built.sort(key=lambda item: (item[1]["created_at"], item[0]))
        links_r, links_m, updates = [], [], []
        for action_id, (n, row, history) in zip(ids_reserve(model=Action, count=len(built)), built, strict=True):
            row["id"] = action_id
            t = n % len(THEMES)
            for rec in (recs_by_theme.get(t) or recs[:1])[: 1 + n % 2]:
                links_r.append({"action_id": action_id, "recommendation_id": rec.pk})
            for measure in measure_by_theme.get(t, [])[:1]:
                links_m.append({"action_id": action_id, "measure_id": measure.pk})
            for update in history:
                update["action_id"] = action_id
            updates.extend(history)
        # Nothing points at an update, a value or a link: the tables' sequences number them in this order.
        updates.sort(key=lambda u: (u["created_at"], u["action_id"]))
        rows_insert(model=MeasureValue, rows=values)
        rows_insert(model=Action, rows=[row for _, row, _ in built])
        for through, links in ((Action.recommendations.through, links_r), (Action.measures.through, links_m)):
            rows_insert(model=through, rows=links)
        rows_insert(model=ProgressUpdate, rows=updates)
        return {
            "actions": len(built),
            "updates": len(updates),
            "measures": sum(len(m) for m in measure_by_theme.values()),
            "values": len(values),
            "visits": 1 + len(visits),
            "meetings": meetings,
        }

    def _inspections(self) -> tuple[Inspection, list[Inspection]]:
        today, rng = self.today, self.rng
        inspected = today - dt.timedelta(days=PLAN_DAYS + 80 + rng.randint(0, 20))
        inspection = Inspection.objects.create(
            authority=self.authority,
            kind=Inspection.Kind.ILACS_STANDARD,
            title="Inspection of local authority children's services",
            start_date=inspected,
            end_date=inspected + dt.timedelta(days=11),
            overall_judgement="requires_improvement",
            report_published=inspected + dt.timedelta(days=49),
            focus="Standard inspection of local authority children's services (ILACS)",
        )
        offer = areas_for(inspected)
        if offer.areas:
            keys = {g.key for g in offer.grades}
            judgements = [
                InspectionJudgement(
                    inspection=inspection,
                    area=area.name,
                    judgement_area=area,
                    grade=GRADES[i % len(GRADES)] if GRADES[i % len(GRADES)] in keys else offer.grades[0].key,
                )
                for i, area in enumerate(offer.areas)
            ]
        else:
            judgements = [
                InspectionJudgement(inspection=inspection, area=area, grade=grade)
                for area, grade in zip(AREAS, GRADES, strict=True)
            ]
        InspectionJudgement.objects.bulk_create(judgements)
        visits = [
            Inspection.objects.create(  # create(), not bulk_create: save() sets the framework in force
                authority=self.authority,
                kind=Inspection.Kind.FOCUSED_VISIT,
                start_date=today - dt.timedelta(days=330),
                end_date=today - dt.timedelta(days=329),
                focus="Children in need and child protection plans",
            ),
            Inspection.objects.create(
                authority=self.authority,
                kind=Inspection.Kind.MONITORING_VISIT,
                ordinal=1,
                start_date=today + dt.timedelta(days=75),
                end_date=today + dt.timedelta(days=76),
                focus="The front door and decisions about thresholds",
            ),
        ]
        return inspection, visits

    def _plan(
        self, inspection: Inspection
    ) -> tuple[ImprovementPlan, list[Theme], dict[int, list[Recommendation]], list[Recommendation]]:
        plan = ImprovementPlan.objects.create(
            authority=self.authority,
            title=f"{self.authority.name} children's services improvement plan",
            inspection=inspection,
            approved_on=self.today - dt.timedelta(days=PLAN_DAYS - 30),
        )
        themes = Theme.objects.bulk_create([Theme(plan=plan, number=i + 1, title=t) for i, t in enumerate(THEMES)])
        recs = Recommendation.objects.bulk_create(
            [
                Recommendation(
                    authority=self.authority, inspection=inspection, reference=str(i + 1), text=text, theme=themes[t]
                )
                for i, (t, text) in enumerate(RECOMMENDATIONS)
            ]
        )
        recs_by_theme: dict[int, list[Recommendation]] = {}
        for (t, _), rec in zip(RECOMMENDATIONS, recs, strict=True):
            recs_by_theme.setdefault(t, []).append(rec)
        return plan, themes, recs_by_theme, recs

    def _measures(self) -> tuple[dict[int, list[Measure]], list[dict]]:
        """The plan's measures (those already there are reused) and two years of monthly values for the new ones."""
        existing = {m.name_key: m for m in Measure.objects.filter(authority=self.authority)}
        new = Measure.objects.bulk_create(
            [
                Measure(
                    authority=self.authority,
                    name=name,
                    name_key=Measure.key_for(name),
                    unit=unit,
                    polarity=pol,
                    target=Decimal(target),
                    tolerance=Decimal(tol),
                )
                for name, unit, pol, target, tol, *_ in MEASURES
                if Measure.key_for(name) not in existing
            ]
        )
        made = {m.name_key: m for m in new}
        by_theme: dict[int, list[Measure]] = {}
        values = []
        for name, unit, _, _, _, start, drift, theme_index, england in MEASURES:
            key = Measure.key_for(name)
            by_theme.setdefault(theme_index, []).append(existing.get(key) or made[key])
            if key not in made:
                continue
            for back in range(24, 0, -1):
                figure = max(start + drift * (24 - back) + self.rng.uniform(-2, 2), 0)
                row = {"measure_id": made[key].pk, "date": _month_start(self.today, back), "suppression": ""}
                if unit == "%":
                    denominator = self.rng.randint(60, 240)
                    numerator = min(round(figure * denominator / 100), denominator)
                    figure = 100 * numerator / denominator
                    row.update(numerator=numerator, denominator=denominator)
                row["value"] = Decimal(f"{figure:.1f}")
                row["england"] = Decimal(f"{england:.1f}") if england is not None else None
                row["source_quote"] = ""
                row["qualifier"] = ""
                values.append(row)
        return by_theme, values

    def _meetings(self) -> int:
        """The scrutiny committee every eight weeks: the last a few weeks ago, the next a few weeks ahead."""
        last = self.today - dt.timedelta(days=self.rng.randint(14, 42))
        dates = [last - dt.timedelta(days=COMMITTEE_EVERY_DAYS * k) for k in range(PLAN_DAYS // COMMITTEE_EVERY_DAYS)]
        dates.append(last + dt.timedelta(days=COMMITTEE_EVERY_DAYS))
        made = Meeting.objects.bulk_create(
            [Meeting(authority=self.authority, committee=COMMITTEE, date=d) for d in dates], ignore_conflicts=True
        )
        return len(made)

    def _at(self, day: dt.date, after: dt.datetime | None = None) -> dt.datetime:
        """A moment in working hours on `day` (site time), later than `after`."""
        minute = int(self.rng.random() * 600)
        moment = dt.datetime(day.year, day.month, day.day, 8 + minute // 60, minute % 60, tzinfo=self.zone)
        if after is not None and moment <= after:
            moment = after + dt.timedelta(minutes=5 + int(self.rng.random() * 85))
        return moment

    def _created_on(self) -> dt.date:
        """Most actions were written with the plan, in its first six weeks; the rest were added since."""
        drafted = self.today - dt.timedelta(days=PLAN_DAYS)
        if self.rng.random() < 0.55:
            return drafted + dt.timedelta(days=self.rng.randint(0, 42))
        return drafted + dt.timedelta(days=self.rng.randint(0, PLAN_DAYS - 1))

    def _action(self, row: dict, *, owner: Owner, everyone: list[Owner], evidence: str) -> list[dict]:
        """Fill in `row`'s dates, status and owner from the history made for it; return the history rows."""
        rng, lead = self.rng, self.lead
        created_on = self._created_on()
        start = created_on + dt.timedelta(days=rng.choice([0, 0, 7, 14, 28, 56]))
        due = start + dt.timedelta(days=rng.choice([60, 90, 120, 180, 240, 300, 365]))
        created_at = self._at(created_on)
        history = [_update(created_at, UpdateKind.CREATED, lead, ActionStatus.NOT_STARTED, 0)]
        row.update(
            owner_id=owner.pk,
            start_date=start,
            due_date=due,
            status=ActionStatus.NOT_STARTED,
            progress=0,
            evidence_url="",
            signed_off_by_id=None,
            signed_off_at=None,
            created_at=created_at,
        )
        outcome, progress = self._outcome(start=start, due=due)
        if outcome != ActionStatus.NOT_STARTED:
            history += self._work(row, outcome=outcome, final_progress=progress, everyone=everyone, evidence=evidence)
        last = history[-1]
        row.update(status=last["status"], progress=last["progress"], updated_at=last["created_at"])
        row["version"] = len(history)
        return history

    def _outcome(self, *, start: dt.date, due: dt.date) -> tuple[str, int]:
        """Where the action stands today, and its progress then."""
        rng, today = self.rng, self.today
        roll = rng.random()
        if start > self.last_day:
            return ActionStatus.NOT_STARTED, 0
        if due < today:
            if roll < 0.45:
                return ActionStatus.EVIDENCED, 100
            if roll < 0.7:
                return ActionStatus.COMPLETE, 100
            if roll < 0.85:
                return ActionStatus.OFF_TRACK, rng.randint(40, 90)
            return ActionStatus.ON_TRACK, rng.randint(60, 95)
        expected = int(min(max((today - start).days / max((due - start).days, 1), 0), 1) * 100)
        if roll < 0.6:
            return ActionStatus.ON_TRACK, max(5, min(95, expected + rng.randint(0, 15)))
        if roll < 0.8:
            return ActionStatus.AT_RISK, max(5, expected - rng.randint(10, 30))
        if roll < 0.9:
            return ActionStatus.OFF_TRACK, max(5, expected - rng.randint(20, 40))
        return ActionStatus.NOT_STARTED, 0

    def _work(
        self, row: dict, *, outcome: str, final_progress: int, everyone: list[Owner], evidence: str
    ) -> list[dict]:
        """The updates from the start date to today (or to completion and sign-off), each with what it changed."""
        rng, lead, last_day = self.rng, self.lead, self.last_day
        start, due = row["start_date"], row["due_date"]
        done = outcome in ActionStatus.done()
        end = last_day
        if done:
            end = min(last_day, max(start + dt.timedelta(days=7), due - dt.timedelta(days=rng.randint(0, 21))))
        span = max((end - start).days, 1)
        steps = max(1, min(8, round(span / 42) + rng.randint(-1, 1)))
        days = sorted(start + dt.timedelta(days=int(rng.random() * (span + 1))) for _ in range(steps))
        days[-1] = end if done else days[-1]
        events = []
        for k, day in enumerate(days):
            final = k == steps - 1
            if final:
                status = ActionStatus.COMPLETE if done else outcome
                progress = 100 if done else final_progress
            else:
                status = ActionStatus.AT_RISK if rng.random() < 0.12 else ActionStatus.ON_TRACK
                progress = max(1, final_progress * (k + 1) // steps + int(rng.random() * 7) - 3)
            events.append((day, 1, "progress", status, progress))
        if steps >= 2 and rng.random() < 0.15:  # the due date moved once, with a reason
            moved_from = max(start + dt.timedelta(days=14), due - dt.timedelta(days=rng.choice([30, 60, 90])))
            if moved_from < due:
                events.append((days[rng.randint(0, steps - 2)], 0, "due", moved_from, due))
        if steps >= 2 and rng.random() < 0.05 and len(everyone) > 1:  # reassigned once
            before = everyone[rng.randrange(len(everyone))]
            if before.pk != row["owner_id"]:
                events.append((days[0], 0, "owner", before, None))
        events.sort(key=lambda e: (e[0], e[1]))

        owner_now = row["owner_id"]
        for e in events:  # a reassignment: the action starts with the earlier owner
            if e[2] == "owner":
                owner_now = e[3].pk
        due_now = next((e[3] for e in events if e[2] == "due"), due)
        status_now, progress_now, at = ActionStatus.NOT_STARTED, 0, None
        out = []
        for day, _, what, a, b in events:
            at = self._at(day, after=at)
            if what == "due":
                out.append(
                    _update(
                        at,
                        UpdateKind.CHANGE,
                        lead,
                        status_now,
                        progress_now,
                        changes={"due_date": [govuk_date(due_now), govuk_date(b)]},
                        reason=rng.choice(MOVE_REASONS),
                    )
                )
                due_now = b
                continue
            if what == "owner":
                final_owner = next(o for o in everyone if o.pk == row["owner_id"])
                out.append(
                    _update(
                        at,
                        UpdateKind.CHANGE,
                        lead,
                        status_now,
                        progress_now,
                        changes={"owner": [str(a), str(final_owner)]},
                        reason=rng.choice(REASSIGN_REASONS),
                    )
                )
                owner_now = row["owner_id"]
                continue
            status, progress = a, max(b, progress_now)
            changes = {}
            if status != status_now:
                changes["status"] = [STATUS_LABELS[status_now], STATUS_LABELS[status]]
            if progress != progress_now:
                changes["progress"] = [f"{progress_now}%", f"{progress}%"]
            kind, url = UpdateKind.PROGRESS, ""
            if status == ActionStatus.COMPLETE:
                kind, url = UpdateKind.SIGN_OFF_REQUEST, evidence
                changes["evidence_url"] = ["", evidence]
            note = rng.choice(NOTES[status]) if status != ActionStatus.ON_TRACK or rng.random() < 0.7 else ""
            author = self.owner_users.get(owner_now) or lead
            out.append(_update(at, kind, author, status, progress, note=note, evidence_url=url, changes=changes))
            status_now, progress_now = status, progress
        if done:
            row["evidence_url"] = evidence
        if outcome == ActionStatus.EVIDENCED:
            at = self._at(min(last_day, end + dt.timedelta(days=rng.randint(3, 21))), after=at)
            out.append(
                _update(
                    at,
                    UpdateKind.SIGN_OFF,
                    lead,
                    ActionStatus.EVIDENCED,
                    100,
                    note=rng.choice(NOTES[ActionStatus.EVIDENCED]),
                    evidence_url=evidence,
                    changes={"status": [STATUS_LABELS[ActionStatus.COMPLETE], STATUS_LABELS[ActionStatus.EVIDENCED]]},
                )
            )
            row.update(signed_off_by_id=lead.pk, signed_off_at=at)
        return out


def _update(
    at: dt.datetime,
    kind: str,
    author: User | None,
    status: str,
    progress: int,
    *,
    note: str = "",
    evidence_url: str = "",
    changes: dict | None = None,
    reason: str = "",
) -> dict:
    return {
        "created_at": at,
        "kind": kind,
        "author_id": author.pk if author else None,
        "status": status,
        "progress": progress,
        "note": note,
        "evidence_url": evidence_url,
        "changes": changes or {},
        "reason": reason,
    }


def _month_start(day: dt.date, months_back: int) -> dt.date:
    y, m = day.year, day.month - months_back
    while m <= 0:
        m += 12
        y -= 1
    return dt.date(y, m, 1)


def _ensure_users(authority: Authority) -> dict[str, User]:
    """At least one user in each role group; existing ones are kept."""
    found = {}
    for role in roles.ALL:
        user = authority.users.filter(groups__name=role).order_by("pk").first()
        if user is None:
            slug = authority.slug[:30]
            username = f"{slug}-{role.split()[0].lower()}"
            user, _ = User.objects.get_or_create(
                username=username,
                defaults={
                    "authority": authority,
                    "email": f"{username}@example.org",
                    "first_name": role.split()[0],
                    "last_name": "Demo",
                },
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        found[role] = user
    return found


def _ensure_owners(authority: Authority, users: dict[str, User]) -> dict[str, Owner]:
    existing = {o.role_key: o for o in Owner.objects.filter(authority=authority)}
    new = []
    for title, _, person in OWNERS:
        key = normalise_role(title)
        if key not in existing:
            owner = Owner(
                authority=authority,
                role_title=title,
                role_key=key,
                person_name=person,
                email=f"{key.replace(' ', '.')}@{authority.slug}.example",
            )
            new.append(owner)
            existing[key] = owner
    Owner.objects.bulk_create(new)
    by_title = {title: existing[normalise_role(title)] for title, _, _ in OWNERS}
    changed = []
    for title, manager_title, _ in OWNERS:
        owner = by_title[title]
        if manager_title and owner.line_manager_id is None:
            owner.line_manager = by_title[manager_title]
            changed.append(owner)
    manager_user = users[roles.MANAGER]
    if not Owner.objects.filter(authority=authority, user=manager_user).exists():
        front = by_title["Head of Service, Front Door"]
        if front.user_id is None:
            front.user = manager_user
            changed.append(front)
    if changed:
        Owner.objects.bulk_update(changed, ["line_manager", "user"])
    return by_title
