"""What importing one document may merge with, read in one statement (issue 15).

The importer's merge rules (services/importing/writer.py) compare a document's facts with the
council's records: the document with the same bytes, the meeting, the owners and measures it
names, the visits of the kinds and months it mentions (with the areas they grade), the
recommendations with its references, the themes, visits and recommendations the reviewer
picked, and the frameworks. `merge_candidates` reads all of them in one SELECT, one sub-select
per kind, so a document's reads cost one round trip however many facts and kinds it holds.
Each sub-select returns its rows as JSON; they come back as model instances, as the ORM makes them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.db import connection
from django.db.models import Model, Q

from improvement.models import (
    Framework,
    ImprovementPlan,
    Inspection,
    InspectionJudgement,
    Measure,
    Meeting,
    Owner,
    Recommendation,
    SourceDocument,
    Theme,
)


@dataclass
class MergeCandidates:
    """The council's records one document's facts could merge with, or that its reviewer picked."""

    document_id: int | None = None  # the council's document with the same bytes, imported before
    meeting: Meeting | None = None
    owners: list[Owner] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    visits: list[Inspection] = field(default_factory=list)  # newest first, as Inspection's ordering
    graded_areas: dict[int, set[str]] | None = None  # by visit id; None when not asked for
    recommendations: list[Recommendation] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    picked_visits: list[Inspection] = field(default_factory=list)
    picked_recommendations: list[Recommendation] = field(default_factory=list)
    frameworks: list[Framework] | None = None  # every framework, oldest first; None when not asked for


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@cache
def _parts() -> dict[str, str]:
    """One sub-select per kind of record; table names from the models' own metadata, every value a parameter."""
    document, meeting, owner = _table(SourceDocument), _table(Meeting), _table(Owner)
    measure, judgement, recommendation = _table(Measure), _table(InspectionJudgement), _table(Recommendation)
    inspection, theme, plan, framework = _table(Inspection), _table(Theme), _table(ImprovementPlan), _table(Framework)
    council = "t.authority_id = %(authority)s"
    # Only the models' own table names, quoted by the backend, are put into the SQL; every value is a parameter.
    return {
        "document": f"SELECT id FROM {document} t WHERE {council} AND t.sha256 = %(sha256)s LIMIT 1",  # nosec B608 - table names from the models
        "meeting": f"SELECT json_agg(t)::text FROM {meeting} t "  # nosec B608 - table names from the models
        f"WHERE {council} AND t.committee = %(committee)s AND t.date = %(date)s",
        "owners": f"SELECT json_agg(t)::text FROM {owner} t "  # nosec B608 - table names from the models
        f"WHERE {council} AND t.role_key = ANY(%(role_keys)s::text[])",
        "measures": f"SELECT json_agg(t)::text FROM {measure} t "  # nosec B608 - table names from the models
        f"WHERE {council} AND t.name_key = ANY(%(name_keys)s::text[])",
        "visits": "SELECT json_agg(t ORDER BY t.start_date DESC, t.id DESC)::text FROM visits t",
        "graded": f"SELECT json_agg(json_build_array(j.inspection_id, j.area))::text FROM {judgement} j "  # nosec B608 - table names from the models
        "WHERE j.inspection_id IN (SELECT id FROM visits)",
        "recommendations": f"SELECT json_agg(t ORDER BY t.inspection_id, t.reference, t.id)::text "  # nosec B608 - table names from the models
        f"FROM {recommendation} t WHERE {council} AND t.reference = ANY(%(refs)s::text[])",
        "themes": f"SELECT json_agg(t)::text FROM {theme} t JOIN {plan} p ON p.id = t.plan_id "  # nosec B608 - table names from the models
        "WHERE p.authority_id = %(authority)s AND t.id = ANY(%(theme_ids)s::bigint[])",
        "picked_visits": f"SELECT json_agg(t)::text FROM {inspection} t "  # nosec B608 - table names from the models
        f"WHERE {council} AND t.id = ANY(%(visit_ids)s::bigint[])",
        "picked_recommendations": f"SELECT json_agg(t)::text FROM {recommendation} t "  # nosec B608 - table names from the models
        f"WHERE {council} AND t.id = ANY(%(recommendation_ids)s::bigint[])",
        "frameworks": f"SELECT json_agg(t ORDER BY t.starts_on, t.id)::text FROM {framework} t",  # nosec B608 - table names from the models
        # The council's visits of the document's kinds that `visit_match` could merge one of its visits with.
        "visits_cte": f"SELECT t.* FROM {inspection} t WHERE {council} AND t.kind = ANY(%(kinds)s::text[]) "  # nosec B608 - table names from the models
        "AND (t.start_date = ANY(%(days)s::date[]) "
        "OR date_trunc('month', t.start_date)::date = ANY(%(months)s::date[]) "
        "OR (t.date_precision = 'month' AND date_trunc('month', t.start_date)::date = ANY(%(day_months)s::date[])) "
        "OR t.ordinal = ANY(%(ordinals)s::integer[]) "
        "OR (t.start_date IS NULL AND (t.ordinal = ANY(%(undated_ordinals)s::integer[]) "
        "OR (%(unnumbered)s AND t.ordinal IS NULL))))",
    }


@cache
def _statement(names: tuple[str, ...]) -> str:
    """The one SELECT for these sub-selects (only those the document needs: less for PostgreSQL to plan)."""
    parts = _parts()
    columns = ",\n".join(f"({parts[name]})" for name in names)
    visits = f"WITH visits AS ({parts['visits_cte']})\n" if {"visits", "graded"} & set(names) else ""
    return f"{visits}SELECT {columns}"


def _instances(model: type[Model], text: str | None) -> list:
    """Model instances from a sub-select's JSON rows, each field's value made as the ORM makes it."""
    if not text:
        return []
    fields = model._meta.concrete_fields
    names = [f.attname for f in fields]
    return [
        model.from_db(connection.alias, names, [f.to_python(row[f.column]) for f in fields])
        for row in json.loads(text, parse_float=Decimal)  # numeric columns stay exact
    ]


def merge_candidates(
    *,
    authority_id: int,
    sha256: str = "",
    committee: str = "",
    meeting_date: dt.date | None = None,
    role_keys: set[str] = frozenset(),
    name_keys: set[str] = frozenset(),
    visit_kinds: set[str] = frozenset(),
    visit_days: set[dt.date] = frozenset(),
    visit_months: set[dt.date] = frozenset(),
    visit_day_months: set[dt.date] = frozenset(),
    visit_ordinals: set[int] = frozenset(),
    undated_ordinals: set[int] = frozenset(),
    unnumbered: bool = False,
    graded: bool = False,
    refs: set[str] = frozenset(),
    theme_ids: set[int] = frozenset(),
    visit_ids: set[int] = frozenset(),
    recommendation_ids: set[int] = frozenset(),
    frameworks: bool = False,
) -> MergeCandidates:
    """In one statement: the document with these bytes (its id), the meeting of this committee on this date,
    the owners and measures with these keys, the visits of these kinds that are undated, in one of these months
    (their first days) or of one of these ordinals (and, when `graded`, the areas each grades), the recommendations
    with these references, the themes, visits and recommendations with these ids, and every framework when asked."""
    params = {
        "authority": authority_id,
        "sha256": sha256,
        "committee": committee,
        "date": meeting_date,
        "role_keys": sorted(role_keys),
        "name_keys": sorted(name_keys),
        "kinds": sorted(visit_kinds),
        "days": sorted(visit_days),
        "months": sorted(visit_months),
        "day_months": sorted(visit_day_months),
        "ordinals": sorted(visit_ordinals),
        "undated_ordinals": sorted(undated_ordinals),
        "unnumbered": unnumbered,
        "graded": graded,
        "refs": sorted(refs),
        "theme_ids": sorted(theme_ids),
        "visit_ids": sorted(visit_ids),
        "recommendation_ids": sorted(recommendation_ids),
        "frameworks": frameworks,
    }
    if connection.vendor != "postgresql":
        return _merge_candidates_one_by_one(**params)
    wanted = {
        "document": sha256,
        "meeting": meeting_date,
        "owners": role_keys,
        "measures": name_keys,
        "visits": visit_kinds,
        "graded": graded and visit_kinds,
        "recommendations": refs,
        "themes": theme_ids,
        "picked_visits": visit_ids,
        "picked_recommendations": recommendation_ids,
        "frameworks": frameworks,
    }
    names = tuple(name for name, needed in wanted.items() if needed)
    got: dict[str, object] = {}
    if names:
        with connection.cursor() as cursor:
            cursor.execute(_statement(names), params)
            got = dict(zip(names, cursor.fetchone(), strict=True))
    found = MergeCandidates(
        document_id=got.get("document"),
        meeting=next(iter(_instances(Meeting, got.get("meeting"))), None),
        owners=_instances(Owner, got.get("owners")),
        measures=_instances(Measure, got.get("measures")),
        visits=_instances(Inspection, got.get("visits")),
        recommendations=_instances(Recommendation, got.get("recommendations")),
        themes=_instances(Theme, got.get("themes")),
        picked_visits=_instances(Inspection, got.get("picked_visits")),
        picked_recommendations=_instances(Recommendation, got.get("picked_recommendations")),
        frameworks=_instances(Framework, got.get("frameworks")) if frameworks else None,
    )
    areas = got.get("graded")
    if graded:
        found.graded_areas = {visit.pk: set() for visit in found.visits}
        for visit_id, area in json.loads(areas or "[]"):
            found.graded_areas[visit_id].add(area)
    return found


def _merge_candidates_one_by_one(
    *,
    authority: int,
    sha256: str,
    committee: str,
    date: dt.date | None,
    role_keys: list[str],
    name_keys: list[str],
    kinds: list[str],
    days: list[dt.date],
    months: list[dt.date],
    day_months: list[dt.date],
    ordinals: list[int],
    undated_ordinals: list[int],
    unnumbered: bool,
    graded: bool,
    refs: list[str],
    theme_ids: list[int],
    visit_ids: list[int],
    recommendation_ids: list[int],
    frameworks: bool,
) -> MergeCandidates:
    """The same reads a query each, for databases other than PostgreSQL (SQLite, for `make run`);
    tests/importing/test_merge_candidates.py holds the two equal."""
    visits = Q(start_date__in=days) | Q(ordinal__in=ordinals) | Q(start_date=None, ordinal__in=undated_ordinals)
    if unnumbered:
        visits |= Q(start_date=None, ordinal=None)
    for first, precision in [*((m, None) for m in months), *((m, Inspection.DatePrecision.MONTH) for m in day_months)]:
        in_month = Q(start_date__gte=first, start_date__lt=(first + dt.timedelta(days=31)).replace(day=1))
        visits |= in_month & Q(date_precision=precision) if precision else in_month
    same_file = SourceDocument.objects.filter(authority_id=authority, sha256=sha256)
    meeting = Meeting.objects.filter(authority_id=authority, committee=committee, date=date)
    found = MergeCandidates(
        document_id=same_file.values_list("id", flat=True).first(),
        meeting=meeting.first() if date else None,
        owners=list(Owner.objects.filter(authority_id=authority, role_key__in=role_keys)),
        measures=list(Measure.objects.filter(authority_id=authority, name_key__in=name_keys)),
        visits=list(Inspection.objects.filter(visits, authority_id=authority, kind__in=kinds)),
        recommendations=list(Recommendation.objects.filter(authority_id=authority, reference__in=refs)),
        themes=list(Theme.objects.filter(plan__authority_id=authority, pk__in=theme_ids)),
        picked_visits=list(Inspection.objects.filter(authority_id=authority, pk__in=visit_ids)),
        picked_recommendations=list(Recommendation.objects.filter(authority_id=authority, pk__in=recommendation_ids)),
        frameworks=list(Framework.objects.order_by("starts_on", "id")) if frameworks else None,
    )
    if graded:
        found.graded_areas = {visit.pk: set() for visit in found.visits}
        for visit_id, area in InspectionJudgement.objects.filter(inspection__in=found.visits).values_list(
            "inspection_id", "area"
        ):
            found.graded_areas[visit_id].add(area)
    return found
