"""Realistic demo data for one authority: an ILACS inspection and its recommendations, a plan with numbered
themes, owners with line managers, actions over two years with update histories, measures with monthly values.

Written with bulk_create so 500 actions take a few seconds. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from improvement import roles
from improvement.extraction.roles import normalise_role
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
    # name, unit, polarity, target, tolerance, start, monthly drift, theme
    ("Case files audited as good or better", "%", "higher", 80, 10, 48, 1.2, 5),
    ("Agency social workers", "%", "lower", 15, 5, 32, -0.6, 4),
    ("Average caseload per social worker", "cases", "lower", 18, 3, 24, -0.25, 4),
    ("Referrals with a decision within one working day", "%", "higher", 95, 5, 78, 0.7, 0),
    ("Child protection plans reviewed on time", "%", "higher", 98, 3, 88, 0.4, 1),
    ("Children in care with three or more placements in a year", "%", "lower", 9, 2, 13, -0.15, 2),
    ("Care leavers in suitable accommodation", "%", "higher", 90, 5, 79, 0.4, 3),
    ("Supervision up to date", "%", "higher", 90, 10, 60, 1.0, 1),
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


def _month_start(day: dt.date, months_back: int) -> dt.date:
    y, m = day.year, day.month - months_back
    while m <= 0:
        m += 12
        y -= 1
    return dt.date(y, m, 1)


def _ensure_users(authority: Authority, rng: random.Random) -> dict[str, User]:
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


def demo_authority_fill(*, authority: Authority, actions: int, today: dt.date | None = None, seed: int = 1) -> dict:
    """Fill one authority with a realistic plan of `actions` actions. Returns counts of what was made."""
    today = today or timezone.localdate()
    rng = random.Random(f"{seed}-{authority.pk}")
    now = timezone.now()
    with transaction.atomic():
        users = _ensure_users(authority, rng)
        lead = users[roles.IMPROVEMENT_LEAD]
        owners = _ensure_owners(authority, users)
        extra_owners = [o for o in Owner.objects.filter(authority=authority) if o.role_title not in owners]

        inspected = today - dt.timedelta(days=760)
        inspection = Inspection.objects.create(
            authority=authority,
            kind=Inspection.Kind.ILACS_STANDARD,
            title="Inspection of local authority children's services",
            start_date=inspected,
            end_date=inspected + dt.timedelta(days=11),
            overall_judgement="requires_improvement",
            report_published=inspected + dt.timedelta(days=56),
            focus="Standard inspection of local authority children's services (ILACS)",
        )
        InspectionJudgement.objects.bulk_create(
            [
                InspectionJudgement(
                    inspection=inspection,
                    area="The impact of leaders on social work practice with children and families",
                    grade="requires_improvement",
                ),
                InspectionJudgement(
                    inspection=inspection,
                    area="The experiences and progress of children who need help and protection",
                    grade="requires_improvement",
                ),
                InspectionJudgement(
                    inspection=inspection, area="The experiences and progress of children in care", grade="good"
                ),
                InspectionJudgement(
                    inspection=inspection,
                    area="The experiences and progress of care leavers",
                    grade="requires_improvement",
                ),
            ]
        )
        visits = Inspection.objects.bulk_create(
            [
                Inspection(
                    authority=authority,
                    kind=Inspection.Kind.FOCUSED_VISIT,
                    start_date=today - dt.timedelta(days=330),
                    end_date=today - dt.timedelta(days=329),
                    focus="Children in need and child protection plans",
                ),
                Inspection(
                    authority=authority,
                    kind=Inspection.Kind.MONITORING_VISIT,
                    ordinal=1,
                    start_date=today + dt.timedelta(days=75),
                    end_date=today + dt.timedelta(days=76),
                    focus="The front door and decisions about thresholds",
                ),
            ]
        )
        plan = ImprovementPlan.objects.create(
            authority=authority,
            title=f"{authority.name} children's services improvement plan",
            inspection=inspection,
            approved_on=inspection.report_published + dt.timedelta(days=60),
        )
        themes = Theme.objects.bulk_create([Theme(plan=plan, number=i + 1, title=t) for i, t in enumerate(THEMES)])
        recs = Recommendation.objects.bulk_create(
            [
                Recommendation(
                    authority=authority, inspection=inspection, reference=str(i + 1), text=text, theme=themes[t]
                )
                for i, (t, text) in enumerate(RECOMMENDATIONS)
            ]
        )
        recs_by_theme: dict[int, list[Recommendation]] = {}
        for (t, _), rec in zip(RECOMMENDATIONS, recs, strict=True):
            recs_by_theme.setdefault(t, []).append(rec)

        measures = Measure.objects.bulk_create(
            [
                Measure(
                    authority=authority,
                    name=name,
                    name_key=Measure.key_for(name),
                    unit=unit,
                    polarity=pol,
                    target=Decimal(target),
                    tolerance=Decimal(tol),
                )
                for name, unit, pol, target, tol, *_ in MEASURES
                if not Measure.objects.filter(authority=authority, name_key=Measure.key_for(name)).exists()
            ]
        )
        measure_by_theme: dict[int, list[Measure]] = {}
        values = []
        spec = {m[0]: m for m in MEASURES}
        for measure in measures:
            _, _, _, _, _, start, drift, theme_index = spec[measure.name]
            measure_by_theme.setdefault(theme_index, []).append(measure)
            for back in range(24, -1, -1):
                month = _month_start(today, back)
                value = start + drift * (24 - back) + rng.uniform(-2, 2)
                values.append(MeasureValue(measure=measure, date=month, value=Decimal(f"{max(value, 0):.1f}")))
        MeasureValue.objects.bulk_create(values)
        Meeting.objects.bulk_create(
            [
                Meeting(
                    authority=authority,
                    committee="Children's Scrutiny Committee",
                    date=_month_start(today, back) + dt.timedelta(days=9),
                )
                for back in (12, 9, 6, 3, 1)
            ],
            ignore_conflicts=True,
        )

        made = []
        first_start = today - dt.timedelta(days=720)
        for n in range(actions):
            t = n % len(THEMES)
            verb, pattern = ACTION_VERBS[(n // len(THEMES)) % len(ACTION_VERBS)]
            topic = TOPICS[t][(n // len(THEMES) + n // (len(THEMES) * len(ACTION_VERBS))) % len(TOPICS[t])]
            start = first_start + dt.timedelta(days=rng.randint(0, 660))
            due = start + dt.timedelta(days=rng.choice([60, 90, 120, 180, 240, 300]))
            titles = THEME_OWNERS[t]
            owner = owners[titles[n % len(titles)]]
            if extra_owners and n % 7 == 3:
                owner = extra_owners[n % len(extra_owners)]
            elapsed = (today - start).days / max((due - start).days, 1)
            roll = rng.random()
            if start > today:
                status, progress = ActionStatus.NOT_STARTED, 0
            elif due < today:
                if roll < 0.45:
                    status, progress = ActionStatus.EVIDENCED, 100
                elif roll < 0.7:
                    status, progress = ActionStatus.COMPLETE, 100
                elif roll < 0.85:
                    status, progress = ActionStatus.OFF_TRACK, rng.randint(40, 90)
                else:
                    status, progress = ActionStatus.ON_TRACK, rng.randint(60, 95)
            else:
                expected = int(min(max(elapsed, 0), 1) * 100)
                if roll < 0.6:
                    status, progress = ActionStatus.ON_TRACK, min(95, expected + rng.randint(0, 15))
                elif roll < 0.8:
                    status, progress = ActionStatus.AT_RISK, max(0, expected - rng.randint(10, 30))
                elif roll < 0.9:
                    status, progress = ActionStatus.OFF_TRACK, max(0, expected - rng.randint(20, 40))
                else:
                    status, progress = ActionStatus.NOT_STARTED, 0
            evidenced = status == ActionStatus.EVIDENCED
            made.append(
                Action(
                    authority=authority,
                    plan=plan,
                    theme=themes[t],
                    reference=f"{t + 1}.{n // len(THEMES) + 1}",
                    title=f"{verb} {pattern.format(topic)}"[:300],
                    description=f"Part of theme {t + 1} ({THEMES[t]}). "
                    f"Responds to the inspection's findings on {topic}.",
                    owner=owner,
                    start_date=start,
                    due_date=due,
                    status=status,
                    progress=progress,
                    evidence_url=f"https://documents.{authority.slug}.example/evidence/{n + 1}"
                    if status in ActionStatus.done()
                    else "",
                    signed_off_by=lead if evidenced else None,
                    signed_off_at=now - dt.timedelta(days=max((today - due).days - 5, 0)) if evidenced else None,
                )
            )
        made = Action.objects.bulk_create(made, batch_size=500)

        links_r, links_m = [], []
        for n, action in enumerate(made):
            t = n % len(THEMES)
            for rec in (recs_by_theme.get(t) or recs[:1])[: 1 + n % 2]:
                links_r.append(Action.recommendations.through(action_id=action.pk, recommendation_id=rec.pk))
            for measure in measure_by_theme.get(t, [])[:1]:
                links_m.append(Action.measures.through(action_id=action.pk, measure_id=measure.pk))
        Action.recommendations.through.objects.bulk_create(links_r, batch_size=1000)
        Action.measures.through.objects.bulk_create(links_m, batch_size=1000)

        updates, versions = [], {}
        owner_users = {o.pk: o.user for o in Owner.objects.filter(authority=authority).select_related("user")}
        for action in made:
            history = [(action.start_date, UpdateKind.CREATED, ActionStatus.NOT_STARTED, 0, "", lead)]
            if action.status != ActionStatus.NOT_STARTED:
                steps = rng.randint(1, 4)
                span = max((min(today, action.due_date) - action.start_date).days, steps + 1)
                for k in range(1, steps + 1):
                    on = action.start_date + dt.timedelta(days=span * k // (steps + 1))
                    last = k == steps
                    status = action.status if last else ActionStatus.ON_TRACK
                    if status == ActionStatus.EVIDENCED:
                        status = ActionStatus.COMPLETE
                    progress = action.progress if last else action.progress * k // (steps + 1)
                    kind = (
                        UpdateKind.SIGN_OFF_REQUEST if status == ActionStatus.COMPLETE and last else UpdateKind.PROGRESS
                    )
                    history.append(
                        (
                            on,
                            kind,
                            status,
                            progress,
                            rng.choice(NOTES[status]),
                            owner_users.get(action.owner_id) or lead,
                        )
                    )
                if action.status == ActionStatus.EVIDENCED:
                    history.append(
                        (
                            min(today, action.due_date + dt.timedelta(days=5)),
                            UpdateKind.SIGN_OFF,
                            ActionStatus.EVIDENCED,
                            100,
                            rng.choice(NOTES[ActionStatus.EVIDENCED]),
                            lead,
                        )
                    )
            for on, kind, status, progress, note, author in history:
                updates.append(
                    ProgressUpdate(
                        action=action,
                        kind=kind,
                        author=author,
                        status=status,
                        progress=progress,
                        note=note,
                        evidence_url=action.evidence_url
                        if kind in (UpdateKind.SIGN_OFF_REQUEST, UpdateKind.SIGN_OFF)
                        else "",
                    )
                )
                updates[-1]._when = timezone.make_aware(
                    dt.datetime.combine(on, dt.time(9 + len(updates) % 8, len(updates) % 60))
                )
            versions[action.pk] = len(history)
        updates = ProgressUpdate.objects.bulk_create(updates, batch_size=1000)
        for update in updates:
            update.created_at = update._when
        ProgressUpdate.objects.bulk_update(updates, ["created_at"], batch_size=1000)
        for action in made:
            action.version = versions[action.pk]
        Action.objects.bulk_update(made, ["version"], batch_size=1000)
    return {
        "actions": len(made),
        "updates": len(updates),
        "measures": len(measures),
        "values": len(values),
        "visits": 1 + len(visits),
    }
