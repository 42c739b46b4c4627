"""The merge rules: one document's kept facts written as rows, merged with the authority's records.

Owners merge on their normalised role, measures on their name, visits on kind and date (or
ordinal, or focus); recommendations with a reference already saved are skipped. Every row
keeps its provenance: the document, the verbatim quote and its offsets.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from improvement import extraction
from improvement.extraction.fact_dates import due_date, is_month_only, parse_fact_date
from improvement.extraction.judgements import GRADED_KINDS, area_key_for, kind_family
from improvement.extraction.model import (
    ActionItem,
    DecisionItem,
    DocumentFacts,
    Fact,
    MeasureItem,
    OwnerItem,
    Visit,
)
from improvement.extraction.model import Recommendation as RecommendationItem
from improvement.extraction.targets import is_target_only
from improvement.models import (
    Action,
    ActionStatus,
    Authority,
    Decision,
    Framework,
    Inspection,
    InspectionJudgement,
    Judgement,
    Measure,
    MeasureValue,
    Owner,
    ProgressUpdate,
    Recommendation,
    SourceDocument,
    UpdateKind,
)
from improvement.services.audit import audit_bulk_created


def kinds_in_family(kind: str) -> list[str]:
    return list(GRADED_KINDS) if kind in GRADED_KINDS else [kind]


def same_inspection(candidates, start, *, month_only: bool = False) -> Inspection | None:
    """The inspection among candidates (one council, one kind family) that starts on this date.

    A date known only to the month matches an inspection in that month, and the other way round."""
    for inspection in candidates:
        if inspection.start_date == start:
            return inspection
    for inspection in candidates:
        if inspection.start_date is None:
            continue
        either_month_only = month_only or inspection.date_precision == Inspection.DatePrecision.MONTH
        if either_month_only and (inspection.start_date.year, inspection.start_date.month) == (start.year, start.month):
            return inspection
    return None


def judgement_rows(inspection: Inspection, grades, *, framework=None) -> list[InspectionJudgement]:
    """Unsaved area grades for an inspection, each linked to its framework area where the words name one.

    grades is (area words or key, grade key) pairs; a grade the framework does not use is dropped."""
    areas = {a.key: a for a in framework.areas.all()} if framework else {}
    allowed = {g.key for g in framework.grades.all()} if framework else set(Judgement.values)
    rows, seen = [], set()
    for words, grade in grades:
        if grade not in allowed:
            continue
        key = words if words in areas else area_key_for(words.replace("_", " "), areas)
        area = areas.get(key)
        name = (area.name if area else words)[:200]
        if name in seen:
            continue  # two columns for one area (2018 graded children in care and care leavers together)
        seen.add(name)
        rows.append(InspectionJudgement(inspection=inspection, area=name, judgement_area=area, grade=grade))
    return rows


class ImportRefused(Exception):
    """The document cannot be imported; the message says why in plain words."""


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


class _Writer:
    """Writes one document's kept facts (extraction's dataclasses); used inside the import's transaction."""

    def __init__(self, *, authority: Authority, document: SourceDocument, facts: DocumentFacts, by):
        self.authority = authority
        self.document = document
        self.found = facts  # the text the facts were found in, before personal data was blanked
        self.text = document.text
        self.by = by
        self.created: Counter = Counter()
        self.inspection: Inspection | None = None
        self.inspections: dict[str, list[Inspection]] = {}
        self.pending_actions: list[Action] = []
        self.pending_values: list[MeasureValue] = []
        self.pending_decisions: list[Decision] = []
        # The authority's owners and measures that this document names, fetched once.
        keys = {extraction.normalise_role(o.role or "") for o in facts.owners}
        keys |= {extraction.normalise_role(a.owner or "") for a in facts.actions}
        self.owners: dict[str, Owner] = {
            o.role_key: o for o in Owner.objects.filter(authority=authority, role_key__in=keys - {""})
        }
        names = {_measure_key(m.name or "") for m in facts.measures}
        self.measures: dict[str, Measure] = {
            m.name_key: m for m in Measure.objects.filter(authority=authority, name_key__in=names)
        }

    def provenance(self, fact: Fact | None) -> dict:
        if fact is None:
            return {"source_document": self.document}
        start, end = fact.quote_start, fact.quote_end
        if self.expected_quote(start, end) != fact.quote:
            raise ImportRefused(f"a quote is not a verbatim span of the text: {fact.quote[:60]!r}")
        return {
            "source_document": self.document,
            "source_quote": self.text[start:end],
            "source_start": start,
            "source_end": end,
        }

    def expected_quote(self, start: int, end: int) -> str:
        """The text's span as extraction quotes it: verbatim, with personal data redacted."""
        return extraction.redact(self.found.text[start:end], start, self.found.privacy_flags)

    def owner(self, title: str, fact: Fact | None = None) -> Owner | None:
        title = " ".join((title or "").split())
        if not title:
            return None
        key = extraction.normalise_role(title)
        if key not in self.owners:
            owner = Owner(authority=self.authority, role_title=title[:200], **self.provenance(fact))
            owner.save()
            self.created["owners"] += 1
            self.owners[key] = owner
        return self.owners[key]

    def owner_item(self, item: OwnerItem) -> None:
        self.owner(item.role, item)

    def visit(self, item: Visit) -> Inspection:
        kind = item.kind or "other"
        kind = kind if kind in Inspection.Kind.values else Inspection.Kind.OTHER
        start = parse_fact_date(item.start)
        precision = Inspection.DatePrecision.MONTH if is_month_only(item.start) else "day"
        ordinal = item.ordinal
        family = kind_family(kind)
        if family not in self.inspections:
            self.inspections[family] = list(
                Inspection.objects.filter(authority=self.authority, kind__in=kinds_in_family(kind))
            )
        existing = self.inspections[family]
        match = None
        if start:
            match = same_inspection(existing, start, month_only=precision == Inspection.DatePrecision.MONTH)
        if match is None and ordinal:
            match = next((i for i in existing if i.ordinal == ordinal), None)
        if match is None and not start and not ordinal and item.focus:
            focus = item.focus.lower()
            match = next((i for i in existing if not i.start_date and not i.ordinal and i.focus.lower() == focus), None)
        framework = Framework.objects.in_force(kind, start)
        judgement = item.judgement or ""
        if framework and framework.overall_problem(judgement):
            judgement = ""  # never an overall grade where the framework gives none (from 1 April 2026)
        if match is None:
            match = Inspection.objects.create(
                authority=self.authority,
                kind=kind,
                ordinal=ordinal,
                start_date=start,
                end_date=parse_fact_date(item.end) if start else None,
                date_precision=precision,
                focus=item.focus or "",
                overall_judgement=judgement,
                **self.provenance(item),
            )
            existing.append(match)
            self.created["visits"] += 1
        else:
            changed = False
            for name, value in (("focus", item.focus), ("overall_judgement", judgement)):
                if value and not getattr(match, name):
                    setattr(match, name, value)
                    changed = True
            if changed:
                match.save()
        if item.area_judgements:
            InspectionJudgement.objects.bulk_create(
                judgement_rows(match, item.area_judgements.items(), framework=match.framework), ignore_conflicts=True
            )
        self.inspection = self.inspection or match
        return match

    def recommendation(self, item: RecommendationItem) -> None:
        ref = str(item.ref or "")[:20]
        source = (item.source or "")[:300]
        text = item.text or item.quote or ""
        existing = Recommendation.objects.filter(authority=self.authority, reference=ref, source_label=source)
        if ref and existing.exists():
            return
        Recommendation.objects.create(
            authority=self.authority,
            reference=ref,
            source_label=source,
            text=text,
            inspection=self.inspection,
            **self.provenance(item),
        )
        self.created["recommendations"] += 1

    def action(self, item: ActionItem) -> None:
        owner = self.owner(item.owner or "", item)
        title = (item.title or item.quote or "Action from minutes").strip()
        self.pending_actions.append(
            Action(
                authority=self.authority,
                owner=owner,
                title=title[:300],
                description=item.quote or "",
                due_date=due_date(item.due),
                status=ActionStatus.NOT_STARTED,
                progress=0,
                **self.provenance(item),
            )
        )
        self.created["actions"] += 1

    def measure(self, item: MeasureItem) -> None:
        value = _decimal(item.value)
        if value is None:
            return
        name = (item.name or "").strip()[:300] or "Measure from minutes"
        unit = item.unit if item.unit in Measure.Unit.values else Measure.Unit.OTHER
        key = _measure_key(name)
        measure = self.measures.get(key)
        target = _decimal(item.target)
        if measure is None:
            measure = Measure(authority=self.authority, name=name, unit=unit, target=target, **self.provenance(item))
            measure.save()
            self.measures[key] = measure
            self.created["measures"] += 1
        elif target is not None and measure.target is None:
            measure.target = target
            measure.save(update_fields=["target", "name_key"])
        if is_target_only(item):
            return
        self.pending_values.append(
            MeasureValue(
                measure=measure,
                date=self.document.meeting_date or timezone.localdate(),
                value=value,
                numerator=item.numerator,
                denominator=item.denominator,
                qualifier=(item.qualifier or "")[:30],
                **self.provenance(item),
            )
        )
        self.created["measure values"] += 1

    def decision(self, item: DecisionItem) -> None:
        kind = item.kind if item.kind in Decision.Kind.values else Decision.Kind.OTHER
        self.pending_decisions.append(
            Decision(
                authority=self.authority,
                meeting=self.document.meeting,
                kind=kind,
                text=item.text or item.quote or kind,
                **self.provenance(item),
            )
        )
        self.created["decisions"] += 1

    def flush(self) -> None:
        """Write the batched rows: a handful of INSERTs whatever the number of facts."""
        actions = Action.objects.bulk_create(self.pending_actions)
        ProgressUpdate.objects.bulk_create(
            ProgressUpdate(
                action=action,
                kind=UpdateKind.IMPORTED,
                author=self.by,
                status=action.status,
                progress=0,
                note=f"Imported from {self.document.filename}.",
            )
            for action in actions
        )
        values = MeasureValue.objects.bulk_create(self.pending_values)
        decisions = Decision.objects.bulk_create(self.pending_decisions)
        # bulk_create sends no signals: the audit trail records these rows here, in one INSERT.
        audit_bulk_created([*actions, *values, *decisions])


def _measure_key(name: str) -> str:
    return Measure.key_for(name.strip()[:300])  # the stored name is cut at 300 characters


def write_facts(
    *,
    writer: _Writer,
    facts: DocumentFacts,
    keep: dict[str, set[int]] | None,
    skip: dict[str, set[int]] | None = None,
) -> None:
    """Write the facts kept (all, unless `keep` names indexes per kind), except those starting where `skip` says."""
    for kind, write in (
        ("visits", writer.visit),
        ("owners", writer.owner_item),
        ("recommendations", writer.recommendation),
        ("actions", writer.action),
        ("measures", writer.measure),
        ("decisions", writer.decision),
    ):
        for index, fact in enumerate(getattr(facts, kind)):
            if keep is not None and index not in keep.get(kind, set()):
                continue
            if skip and fact.quote_start in skip.get(kind, set()):
                continue
            write(fact)
