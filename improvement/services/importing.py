"""Importing minutes: the adapter between pure extraction and the database.

`document_preview` reads and extracts without writing anything; `document_import` saves
one previewed document in one transaction: the SourceDocument, then every fact the
reviewer kept, each with its provenance (document, verbatim quote, offsets). The sha256
of the file's bytes makes a second import of the same file a no-op ("unchanged").
Owners, measures and visits merge with the authority's existing records.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from improvement import extraction
from improvement.extraction.fact_dates import due_date, is_month_only, parse_fact_date
from improvement.extraction.masking import mask_personal_data
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
    Meeting,
    Owner,
    ProgressUpdate,
    Recommendation,
    SourceDocument,
    UpdateKind,
)

KINDS = ("visits", "recommendations", "actions", "measures", "owners", "decisions")


class ImportRefused(Exception):
    """The document cannot be imported; the message says why in plain words."""


@dataclass
class Preview:
    filename: str
    sha256: str
    text: str
    warnings: list[str]
    facts: dict  # the extraction contract's per-document dict, each fact with "span": [start, end]
    privacy_flags: list[dict]
    meeting_date: date | None
    committee: str
    authority_name: str | None
    kind: str = SourceDocument.Kind.MINUTES

    def fact_list(self, kind: str) -> list[dict]:
        return self.facts.get(kind) or []


@dataclass
class ImportOutcome:
    filename: str
    status: str  # imported | unchanged | failed
    reason: str = ""
    created: Counter = field(default_factory=Counter)
    document: SourceDocument | None = None
    privacy_flags: int = 0
    warnings: list[str] = field(default_factory=list)


def document_preview(
    *,
    data: bytes,
    filename: str,
    authority_name: str | None = None,
    committee: str | None = None,
    meeting_date: date | None = None,
    kind: str | None = None,
) -> Preview:
    """Read and extract one file; raises extraction.InputError for unreadable input. Writes nothing."""
    text, warnings = extraction.read_document(data, filename=filename)
    return text_preview(text=text, sha256=hashlib.sha256(data).hexdigest(), filename=filename, warnings=warnings,
                        authority_name=authority_name, committee=committee, meeting_date=meeting_date, kind=kind)


def text_preview(
    *,
    text: str,
    sha256: str,
    filename: str,
    warnings: list[str] | None = None,
    authority_name: str | None = None,
    committee: str | None = None,
    meeting_date: date | None = None,
    kind: str | None = None,
) -> Preview:
    """Extract from text already read (a stored document's text, offsets unchanged). Writes nothing."""
    warnings = warnings or []
    facts = extraction.extract(
        text, source=filename, meeting_date=meeting_date, committee=committee, authority=authority_name
    )
    contract = facts.to_contract()
    meeting = contract.get("meeting") or {}
    found_date = parse_fact_date(meeting.get("date")) if meeting.get("date") else None
    flags = [dict(f) for f in contract.get("privacy_flags") or []]
    return Preview(
        filename=filename,
        sha256=sha256,
        text=text,
        warnings=list(warnings),
        facts=_with_spans(contract, facts, text),
        privacy_flags=flags,
        meeting_date=meeting_date or found_date,
        committee=committee or meeting.get("committee") or "",
        authority_name=authority_name or meeting.get("authority"),
        kind=kind or SourceDocument.Kind.MINUTES,
    )


def _with_spans(contract: dict, facts, text: str) -> dict:
    """Give every fact its [start, end] span, taken from the extraction's own objects."""
    out = dict(contract)
    for kind in KINDS:
        items = list(contract.get(kind) or [])
        objects = list(getattr(facts, kind, []) or [])
        spanned = []
        for index, item in enumerate(items):
            item = {"value": item} if isinstance(item, str) else dict(item)
            obj = objects[index] if index < len(objects) else None
            span = _span_of(obj, item, text)
            item["span"] = list(span) if span else None
            spanned.append(item)
        out[kind] = spanned
    return out


def _span_of(obj, item: dict, text: str) -> tuple[int, int] | None:
    for a, b in (("quote_start", "quote_end"), ("start_offset", "end_offset"), ("start", "end")):
        s, e = getattr(obj, a, None), getattr(obj, b, None)
        if isinstance(s, int) and isinstance(e, int):
            return s, e
    for a, b in (("quote_start", "quote_end"), ("start_offset", "end_offset")):
        if isinstance(item.get(a), int) and isinstance(item.get(b), int):
            return item[a], item[b]
    quote = item.get("quote") or getattr(obj, "quote", None)
    if quote:
        at = text.find(quote)
        if at >= 0:
            return at, at + len(quote)
    return None


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


def saved_starts(document: SourceDocument) -> dict[str, set[int]]:
    """Where the facts already saved from this document start, per kind, to tell new from saved."""
    sources = {
        "visits": Inspection.objects.filter(source_document=document),
        "recommendations": Recommendation.objects.filter(source_document=document),
        "actions": Action.objects.filter(source_document=document),
        "measures": MeasureValue.objects.filter(source_document=document),
        "owners": Owner.objects.filter(source_document=document),
        "decisions": Decision.objects.filter(source_document=document),
    }
    return {kind: set(qs.exclude(source_start=None).values_list("source_start", flat=True)) for kind, qs in sources.items()}


def document_reimport(
    *,
    preview: Preview,
    document: SourceDocument,
    imported_by=None,
    keep: dict[str, set[int]] | None = None,
    corrections: dict[tuple[str, int], dict] | None = None,
) -> ImportOutcome:
    """Add to an imported document the kept facts not saved from it before (a second review).

    Facts already saved from the document (same kind, same place in the text) are skipped,
    so confirming a second review never duplicates; owners, measures and visits merge as usual."""
    outcome = ImportOutcome(filename=preview.filename, status="imported", warnings=preview.warnings, document=document)
    with transaction.atomic():
        SourceDocument.objects.select_for_update().filter(pk=document.pk).first()  # one second review at a time
        saved = saved_starts(document)
        writer = _Writer(authority=document.authority, document=document, preview=preview, by=imported_by)
        _write_facts(writer, preview, keep, corrections or {}, skip=saved)
        writer.flush()
    outcome.created = writer.created
    if not sum(writer.created.values()):
        outcome.status = "unchanged"
    return outcome


def _write_facts(writer, preview: Preview, keep, corrections, skip: dict[str, set[int]] | None = None) -> None:
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


def document_import(
    *,
    preview: Preview,
    authority: Authority,
    data_sha256: str | None = None,
    imported_by=None,
    keep: dict[str, set[int]] | None = None,
    corrections: dict[tuple[str, int], dict] | None = None,
) -> ImportOutcome:
    """Save one previewed document and the facts kept (all, unless `keep` names indexes per kind)."""
    sha = data_sha256 or preview.sha256
    outcome = ImportOutcome(filename=preview.filename, status="imported", warnings=preview.warnings)
    existing = SourceDocument.objects.filter(authority=authority, sha256=sha).defer("text").first()
    if existing is not None:
        outcome.status = "unchanged"
        outcome.document = existing
        return outcome
    with transaction.atomic():
        meeting = None
        if preview.committee and preview.meeting_date:
            meeting, _ = Meeting.objects.get_or_create(
                authority=authority, committee=preview.committee[:200], date=preview.meeting_date
            )
        document = SourceDocument.objects.create(
            authority=authority,
            filename=preview.filename[:255],
            sha256=sha,
            text=mask_personal_data(preview.text, [extraction.PrivacyFlag(**f) for f in preview.privacy_flags]),
            kind=preview.kind,
            meeting=meeting,
            meeting_date=preview.meeting_date,
            committee=preview.committee[:200],
            warnings=preview.warnings,
            privacy_flags=[{"kind": f["kind"], "start": f["start"], "end": f["end"]} for f in preview.privacy_flags],
            imported_by=imported_by,
        )
        writer = _Writer(authority=authority, document=document, preview=preview, by=imported_by)
        _write_facts(writer, preview, keep, corrections or {})
        writer.flush()
    outcome.document = document
    outcome.created = writer.created
    outcome.privacy_flags = len(preview.privacy_flags)
    return outcome
