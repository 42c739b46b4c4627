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
from improvement.models import (
    Action,
    ActionStatus,
    Authority,
    Decision,
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

from .preview import Preview


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
    """Writes one document's kept facts; used inside document_import's transaction."""

    def __init__(self, *, authority: Authority, document: SourceDocument, preview: Preview, by):
        self.authority = authority
        self.document = document
        self.preview = preview
        self.text = document.text
        self.by = by
        self.created: Counter = Counter()
        self.inspection: Inspection | None = None
        self.inspections: dict[str, list[Inspection]] = {}
        self.flags = [extraction.PrivacyFlag(**f) for f in preview.privacy_flags]
        self.pending_actions: list[Action] = []
        self.pending_values: list[MeasureValue] = []
        self.pending_decisions: list[Decision] = []
        # The authority's owners and measures that this document names, fetched once.
        keys = {extraction.normalise_role(_owner_title(i)) for i in preview.fact_list("owners")}
        keys |= {extraction.normalise_role(i.get("owner") or "") for i in preview.fact_list("actions")}
        self.owners: dict[str, Owner] = {
            o.role_key: o for o in Owner.objects.filter(authority=authority, role_key__in=keys - {""})
        }
        names = {_measure_key(i.get("name") or "") for i in preview.fact_list("measures")}
        self.measures: dict[str, Measure] = {
            m.name_key: m for m in Measure.objects.filter(authority=authority, name_key__in=names)
        }

    def provenance(self, item: dict) -> dict:
        span = item.get("span")
        if not span:
            return {"source_document": self.document}
        start, end = span
        quote = self.text[start:end]
        original = item.get("quote")
        if original is not None and self.expected_quote(start, end) != original:
            raise ImportRefused(f"a quote is not a verbatim span of the text: {original[:60]!r}")
        return {"source_document": self.document, "source_quote": quote, "source_start": start, "source_end": end}

    def expected_quote(self, start: int, end: int) -> str:
        """The text's span as extraction quotes it: verbatim, with personal data redacted."""
        return extraction.redact(self.preview.text[start:end], start, self.flags)

    def owner(self, title: str, item: dict | None = None) -> Owner | None:
        title = " ".join((title or "").split())
        if not title:
            return None
        key = extraction.normalise_role(title)
        if key not in self.owners:
            owner = Owner(authority=self.authority, role_title=title[:200], **self.provenance(item or {}))
            owner.save()
            self.created["owners"] += 1
            self.owners[key] = owner
        return self.owners[key]

    def visit(self, item: dict) -> Inspection:
        kind = item.get("kind") or "other"
        kind = kind if kind in Inspection.Kind.values else Inspection.Kind.OTHER
        start = parse_fact_date(item.get("start"))
        precision = Inspection.DatePrecision.MONTH if is_month_only(item.get("start")) else "day"
        ordinal = item.get("ordinal")
        if kind not in self.inspections:
            self.inspections[kind] = list(Inspection.objects.filter(authority=self.authority, kind=kind))
        existing = self.inspections[kind]
        match = None
        if start:
            match = next((i for i in existing if i.start_date == start), None)
        if match is None and ordinal:
            match = next((i for i in existing if i.ordinal == ordinal), None)
        if match is None and not start and not ordinal and item.get("focus"):
            focus = item["focus"].lower()
            match = next((i for i in existing if not i.start_date and not i.ordinal and i.focus.lower() == focus), None)
        judgement = item.get("judgement") or ""
        if match is None:
            match = Inspection.objects.create(
                authority=self.authority,
                kind=kind,
                ordinal=ordinal,
                start_date=start,
                end_date=parse_fact_date(item.get("end")) if start else None,
                date_precision=precision,
                focus=item.get("focus") or "",
                overall_judgement=judgement,
                **self.provenance(item),
            )
            existing.append(match)
            self.created["visits"] += 1
        else:
            changed = False
            for name, value in (("focus", item.get("focus")), ("overall_judgement", judgement)):
                if value and not getattr(match, name):
                    setattr(match, name, value)
                    changed = True
            if changed:
                match.save()
        if item.get("area_judgements"):
            InspectionJudgement.objects.bulk_create(
                [InspectionJudgement(inspection=match, area=area[:200], grade=grade)
                 for area, grade in item["area_judgements"].items() if grade in Judgement.values],
                ignore_conflicts=True,
            )
        self.inspection = self.inspection or match
        return match

    def recommendation(self, item: dict) -> None:
        ref = str(item.get("ref") or "")[:20]
        source = (item.get("source") or "")[:300]
        text = item.get("text") or item.get("quote") or ""
        existing = Recommendation.objects.filter(authority=self.authority, reference=ref, source_label=source)
        if ref and existing.exists():
            return
        Recommendation.objects.create(
            authority=self.authority, reference=ref, source_label=source, text=text,
            inspection=self.inspection, **self.provenance(item),
        )
        self.created["recommendations"] += 1

    def action(self, item: dict) -> None:
        owner = self.owner(item.get("owner") or "", item)
        title = (item.get("title") or item.get("quote") or "Action from minutes").strip()
        self.pending_actions.append(
            Action(
                authority=self.authority,
                owner=owner,
                title=title[:300],
                description=item.get("quote") or "",
                due_date=due_date(item.get("due")),
                status=ActionStatus.NOT_STARTED,
                progress=0,
                **self.provenance(item),
            )
        )
        self.created["actions"] += 1

    def measure(self, item: dict) -> None:
        value = _decimal(item.get("value"))
        if value is None:
            return
        name = (item.get("name") or "").strip()[:300] or "Measure from minutes"
        unit = item.get("unit") if item.get("unit") in Measure.Unit.values else Measure.Unit.OTHER
        key = _measure_key(name)
        measure = self.measures.get(key)
        target = _decimal(item.get("target"))
        if measure is None:
            measure = Measure(authority=self.authority, name=name, unit=unit, target=target, **self.provenance(item))
            measure.save()
            self.measures[key] = measure
            self.created["measures"] += 1
        elif target is not None and measure.target is None:
            measure.target = target
            measure.save(update_fields=["target", "name_key"])
        if target is not None and target == value and _is_target_only(item):
            return
        self.pending_values.append(MeasureValue(
            measure=measure,
            date=self.document.meeting_date or timezone.localdate(),
            value=value,
            numerator=item.get("numerator"),
            denominator=item.get("denominator"),
            qualifier=(item.get("qualifier") or "")[:30],
            **self.provenance(item),
        ))
        self.created["measure values"] += 1

    def decision(self, item: dict) -> None:
        kind = item.get("kind") if item.get("kind") in Decision.Kind.values else Decision.Kind.OTHER
        self.pending_decisions.append(Decision(
            authority=self.authority,
            meeting=self.document.meeting,
            kind=kind,
            text=item.get("text") or item.get("quote") or kind,
            **self.provenance(item),
        ))
        self.created["decisions"] += 1

    def flush(self) -> None:
        """Write the batched rows: a handful of INSERTs whatever the number of facts."""
        actions = Action.objects.bulk_create(self.pending_actions)
        ProgressUpdate.objects.bulk_create(
            ProgressUpdate(action=action, kind=UpdateKind.IMPORTED, author=self.by, status=action.status,
                           progress=0, note=f"Imported from {self.document.filename}.")
            for action in actions
        )
        MeasureValue.objects.bulk_create(self.pending_values)
        Decision.objects.bulk_create(self.pending_decisions)


def _owner_title(item) -> str:
    if isinstance(item, str):
        return item
    return item.get("value") or item.get("role") or item.get("name") or ""


def _measure_key(name: str) -> str:
    return " ".join(name.strip()[:300].lower().replace("\u2019", "'").split())


def _is_target_only(item: dict) -> bool:
    quote = (item.get("quote") or "").lower()
    return any(word in quote for word in ("goal", "target", "aim", "ambition", "should be"))


def write_facts(writer: _Writer, preview: Preview, keep, corrections, skip: dict[str, set[int]] | None = None) -> None:
    for kind, write in (
        ("visits", writer.visit),
        ("owners", None),
        ("recommendations", writer.recommendation),
        ("actions", writer.action),
        ("measures", writer.measure),
        ("decisions", writer.decision),
    ):
        for index, item in enumerate(preview.fact_list(kind)):
            if keep is not None and index not in keep.get(kind, set()):
                continue
            span = item.get("span")
            if skip and span and span[0] in skip.get(kind, set()):
                continue
            item = {**item, **corrections.get((kind, index), {})}
            if kind == "owners":
                writer.owner(_owner_title(item), item)
            else:
                write(item)
