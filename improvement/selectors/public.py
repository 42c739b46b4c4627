"""Reads for a plan's public pages and open data.

Everything here is copied into small dataclasses that hold only what may be public: titles,
ratings, dates, progress, role titles, figures. No person's name or email, no note, evidence
link, quote or document ever reaches a public template, because none is copied. Coverage and
ratings count the published plan's own actions only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q

from improvement import rag
from improvement.extraction.public_text import name_pattern, public_text
from improvement.models import (
    Action,
    Authority,
    ImprovementPlan,
    Inspection,
    Measure,
    Owner,
    PublicView,
    Recommendation,
    User,
)
from improvement.selectors import measures as measure_selectors
from improvement.selectors.coverage import RATINGS, derive_status
from improvement.selectors.frameworks import with_judgements

if TYPE_CHECKING:
    from improvement.models import MeasureValue

# The inspections and visits Ofsted publishes; reviews a council commissions stay private.
PUBLIC_KINDS = [
    Inspection.Kind.ILACS_STANDARD,
    Inspection.Kind.ILACS_SHORT,
    Inspection.Kind.INSPECTION,
    Inspection.Kind.FOCUSED_VISIT,
    Inspection.Kind.MONITORING_VISIT,
    Inspection.Kind.JTAI,
]
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass
class PublicAction:
    reference: str
    title: str
    theme: str
    owner_role: str
    due_date: date | None
    status: str
    progress: int
    rating: str
    rating_label: str


@dataclass
class PublicRecommendation:
    reference: str
    text: str
    source: str
    rating: str
    label: str
    reason: str
    done: int
    total: int
    actions: list[str] = field(default_factory=list)


@dataclass
class PublicTheme:
    number: int | None
    title: str
    actions: list[PublicAction]


@dataclass
class PublicValue:
    date: date
    value: Decimal | None
    suppression: str
    england: Decimal | None
    region: Decimal | None
    statistical_neighbours: Decimal | None


@dataclass
class PublicMeasure:
    pk: int
    name: str
    unit: str
    polarity: str
    target: Decimal | None
    rating: str
    rating_text: str
    travel: str
    latest: PublicValue | None
    neighbour_median: Decimal | None
    values: list[PublicValue]


@dataclass
class PublicJudgement:
    area: str
    grade: str


@dataclass
class PublicInspection:
    title: str
    kind: str
    start_date: date | None
    end_date: date | None
    month_only: bool
    report_published: date | None
    report_url: str
    overall_grade: str
    no_overall_grade_text: str
    judgements: list[PublicJudgement]


@dataclass
class PublicPlan:
    authority: Authority
    plan: ImprovementPlan
    approved_on: date | None
    themes: list[PublicTheme]
    recommendations: list[PublicRecommendation]
    actions: list[PublicAction]
    rating_counts: dict[str, int]


def published_plans(*, authority_slug: str) -> tuple[Authority | None, list[ImprovementPlan]]:
    """The council and its published plans (none: the council's public index is not found). 2 queries."""
    authority = Authority.objects.filter(slug=authority_slug).first()
    if authority is None:
        return None, []
    plans = list(
        ImprovementPlan.objects.filter(authority=authority, public_view__published=True).order_by("-created_at", "pk")
    )
    return authority, plans


def published_plan(*, authority_slug: str, pk: int) -> ImprovementPlan | None:
    """The plan if it is this council's and public now, else None. 1 query."""
    return (
        ImprovementPlan.objects.select_related("authority", "inspection", "public_view")
        .filter(pk=pk, authority__slug=authority_slug, public_view__published=True)
        .first()
    )


def people_names(*, authority_id: int) -> re.Pattern | None:
    """A pattern for the names of the council's owners and users, to take out of public text: 2 queries."""
    names = list(
        Owner.objects.filter(authority_id=authority_id).exclude(person_name="").values_list("person_name", flat=True)
    )
    for first, last in User.objects.filter(authority_id=authority_id).values_list("first_name", "last_name"):
        names.append(f"{first} {last}".strip())
    return name_pattern(names)


def _public_action(action: Action, names: re.Pattern | None) -> PublicAction:
    return PublicAction(
        reference=action.reference,
        title=public_text(action.title, names),
        theme=public_text(str(action.theme), names) if action.theme else "",
        owner_role=public_text(action.owner.role_title, names) if action.owner else "",
        due_date=action.due_date,
        status=action.get_status_display(),
        progress=action.progress,
        rating=action.rag,
        rating_label=rag.LABELS[action.rag],
    )


def public_plan(*, plan: ImprovementPlan, today: date) -> PublicPlan:
    """Themes with their actions, recommendations with their coverage; people's names, email
    addresses and personal data taken out of the text: 7 queries."""
    names = people_names(authority_id=plan.authority_id)
    actions = list(
        Action.objects.filter(plan=plan, authority_id=plan.authority_id)
        .select_related("owner", "theme")
        .annotate(rag=rag.rag_annotation(today=today))
        .prefetch_related(Prefetch("recommendations", queryset=Recommendation.objects.only("pk")))
        .order_by("theme__number", "due_date", "reference", "pk")
    )
    themes = list(plan.themes.order_by("number"))
    by_theme: dict[int | None, list[PublicAction]] = {t.pk: [] for t in themes}
    by_rec: dict[int, list] = {}
    for a in actions:
        by_theme.setdefault(a.theme_id if a.theme_id in by_theme else None, []).append(_public_action(a, names))
        for rec in a.recommendations.all():
            by_rec.setdefault(rec.pk, []).append(a)
    public_themes = [PublicTheme(t.number, public_text(t.title, names), by_theme[t.pk]) for t in themes]
    if by_theme.get(None):
        public_themes.append(PublicTheme(None, "Actions not in a theme", by_theme[None]))

    match = Q(pk__in=list(by_rec)) | Q(theme__plan=plan)
    if plan.inspection_id:
        match |= Q(inspection_id=plan.inspection_id)
    recs = Recommendation.objects.filter(match, authority_id=plan.authority_id).select_related("inspection")
    public_recs = []
    for rec in recs.order_by("inspection__start_date", "reference", "pk"):
        mine = by_rec.get(rec.pk, [])
        counts = {r: sum(1 for a in mine if a.rag == r) for r in RATINGS}
        status = derive_status(
            total=len(mine),
            done=sum(1 for a in mine if a.is_done),
            evidenced=sum(1 for a in mine if a.status == "evidenced"),
            counts=counts,
        )
        public_recs.append(
            PublicRecommendation(
                reference=rec.reference,
                text=public_text(rec.text, names),
                source=str(rec.inspection) if rec.inspection else "",
                rating=status.rating,
                label=status.label,
                reason=status.reason,
                done=sum(1 for a in mine if a.is_done),
                total=len(mine),
                actions=[a.reference or public_text(a.title, names) for a in mine],
            )
        )
    flat = [a for t in public_themes for a in t.actions]
    return PublicPlan(
        authority=plan.authority,
        plan=plan,
        approved_on=plan.approved_on,
        themes=public_themes,
        recommendations=public_recs,
        actions=flat,
        rating_counts={r: sum(1 for a in flat if a.rating == r) for r in rag.ORDER},
    )


def _value(v: MeasureValue) -> PublicValue:
    return PublicValue(
        date=v.date,
        value=v.value,
        suppression=v.suppression,
        england=v.england,
        region=v.region,
        statistical_neighbours=v.statistical_neighbours,
    )


def public_measures(*, plan: ImprovementPlan, today: date) -> list[PublicMeasure]:
    """The measures the lead made public, with their values and benchmarks: the measures page's queries, plus 2."""
    chosen = Measure.objects.filter(public_views__plan=plan, public_views__published=True)
    rows = measure_selectors.measures_for_authority(authority=plan.authority, today=today, measures=chosen)
    names = people_names(authority_id=plan.authority_id) if rows else None
    out = []
    for m in rows:
        latest = None
        if m.latest_date is not None:
            latest = PublicValue(
                date=m.latest_date,
                value=m.latest_value,
                suppression=m.latest_suppression or "",
                england=m.latest_england,
                region=m.latest_region,
                statistical_neighbours=m.latest_statistical_neighbours,
            )
        out.append(
            PublicMeasure(
                pk=m.pk,
                name=public_text(m.name, names),
                unit=m.unit,
                polarity=m.get_polarity_display(),
                target=m.target,
                rating=m.rating or "",
                rating_text=getattr(m, "rating_text", "") if m.rating else "",
                travel=m.travel.text,
                latest=latest,
                neighbour_median=m.neighbour_median,
                values=[_value(v) for v in m.trend],
            )
        )
    return out


def public_inspections(*, plan: ImprovementPlan, today: date) -> list[PublicInspection]:
    """Ofsted's inspections and visits of the council so far, oldest first, with their area grades: 3 queries.
    Planned visits are left out (their dates are not public)."""
    rows = with_judgements(
        Inspection.objects.filter(authority_id=plan.authority_id, kind__in=PUBLIC_KINDS, start_date__lte=today)
    ).order_by("start_date", "pk")
    out = []
    for i in rows:
        out.append(
            PublicInspection(
                title=str(i),
                kind=i.get_kind_display(),
                start_date=i.start_date,
                end_date=i.end_date,
                month_only=i.date_precision == Inspection.DatePrecision.MONTH,
                report_published=i.report_published,
                report_url=i.report_url,
                overall_grade=i.overall_grade_name or "",
                no_overall_grade_text=i.no_overall_grade_text or "",
                judgements=[PublicJudgement(j.area_name, j.grade_name) for j in i.judgements.all()],
            )
        )
    return out


def public_view_settings(*, plan: ImprovementPlan) -> dict:
    """For the lead's page: whether the plan is public, its public measures' ids, and the record
    of every publication (who, when, what): 3 queries."""
    view = PublicView.objects.filter(plan=plan).first()
    return {
        "published": bool(view and view.published),
        "measure_ids": list(view.measures.values_list("pk", flat=True)) if view else [],
        "publications": list(plan.publications.select_related("by").order_by("-at", "-id")[:50]),
    }
