"""Reads for the import review page and the document page: text cut into highlighted segments."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse

from improvement import permissions
from improvement.models import (
    Action,
    Decision,
    ImportDraft,
    Inspection,
    Measure,
    MeasureValue,
    Owner,
    Recommendation,
    SourceDocument,
    Theme,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Protocol

    from django.db.models import Choices as ModelChoices
    from django.db.models import Model

    from improvement.models import User

    # What these reads use of the import's objects, which live in improvement/services/importing
    # (a selector may not import a service, even for a type).
    class _Preview(Protocol):  # services.importing.Preview
        text: str

        def fact_list(self, kind: str) -> list[dict]: ...

    class _Line(Protocol):  # services.importing.writer.Outcome
        kind: str
        status: str
        label: str
        record: Model | None
        reason: str

    class _ImportOutcome(Protocol):  # services.importing.ImportOutcome
        created: Mapping[str, int]
        report: Sequence[_Line]


LABELS = {
    "visits": "Visit",
    "recommendations": "Recommendation",
    "actions": "Action",
    "measures": "Measure",
    "owners": "Owner",
    "decisions": "Decision",
}


@dataclass
class Segment:
    text: str
    label: str = ""
    anchor: int | None = None

    @property
    def highlighted(self) -> bool:
        return bool(self.label)


def text_segments(*, text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    """Cut text into plain and highlighted pieces; overlapping spans merge into the first."""
    out: list[Segment] = []
    cursor = 0
    for start, end, label in sorted(spans):
        if start < cursor or end <= start or end > len(text):
            continue
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], label=label, anchor=start))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
    return out


def documents_for_user(*, user: User) -> QuerySet[SourceDocument]:
    return permissions.scope_to_user(SourceDocument.objects.all(), user).defer("text")


def drafts_for_user(*, user: User) -> QuerySet[ImportDraft]:
    return permissions.scope_to_user(ImportDraft.objects.filter(uploaded_by=user), user).defer("data")


def document_records(*, document: SourceDocument) -> list[dict]:
    """Every record that came from this document, with its quote span, in text order."""
    records = []
    sources = [
        ("Visit", Inspection.objects.filter(source_document=document)),
        ("Recommendation", Recommendation.objects.filter(source_document=document)),
        ("Action", Action.objects.filter(source_document=document).select_related("owner")),
        ("Owner", Owner.objects.filter(source_document=document)),
        ("Measure", Measure.objects.filter(source_document=document)),
        ("Measure value", MeasureValue.objects.filter(source_document=document).select_related("measure")),
        ("Decision", Decision.objects.filter(source_document=document)),
    ]
    for label, queryset in sources:
        for record in queryset:
            records.append({"label": label, "record": record, "start": record.source_start, "end": record.source_end})
    records.sort(key=lambda r: (r["start"] is None, r["start"] or 0))
    return records


def document_segments(*, document: SourceDocument, records: list[dict]) -> list[Segment]:
    spans = [(r["start"], r["end"], r["label"]) for r in records if r["start"] is not None]
    return text_segments(text=document.text, spans=spans)


def preview_segments(*, preview: _Preview) -> list[Segment]:
    spans = []
    for kind, label in LABELS.items():
        for item in preview.fact_list(kind):
            if item.get("span"):
                spans.append((item["span"][0], item["span"][1], label))
    return text_segments(text=preview.text, spans=spans)


# Below this the review page marks a fact "check this": the importer read it from prose, or
# parts of it are missing (see improvement/extraction/confidence.py).
LESS_SURE = 0.6


def added_items(*, text: str, kind: str, added: list[dict], after: int) -> list[dict]:
    """The facts of one kind the reviewer added from the text, as review items numbered after the `after` found."""
    items = []
    for fact in added or []:
        if fact.get("kind") != kind:
            continue
        start, end = fact["start"], fact["end"]
        items.append({"quote": text[start:end], "span": [start, end], "added": True, "confidence": None})
    return items


def review_items(
    *, preview: _Preview, kind: str, saved: dict[str, set[int]], added: list[dict] | None = None
) -> list[dict]:
    """One kind of fact for the review page: those the reviewer added first, then the importer's least
    sure first; each keeps its position in the preview (added ones after those found) as `index`, which
    the form's tick boxes and correction fields are named by."""
    items = []
    found = list(preview.fact_list(kind))
    extra = added_items(text=preview.text, kind=kind, added=added or [], after=len(found)) if added else []
    for index, item in enumerate(found + extra):
        fact = dict(item) if isinstance(item, dict) else {"value": item}
        fact["index"] = index
        fact["saved"] = bool(fact.get("span")) and fact["span"][0] in saved.get(kind, ())
        describe(kind, fact)
        confidence = fact.get("confidence")
        fact["less_sure"] = confidence is not None and confidence < LESS_SURE
        items.append(fact)
    items.sort(key=lambda f: (f["saved"], not f.get("added"), f.get("confidence") or 1.0, f["index"]))
    return items


def describe(kind: str, fact: dict, fields: dict | None = None) -> dict:
    """Add the plain-English words the review page shows for a fact (its corrected `fields` first)."""
    if fields:
        fact.update(fields)
        if kind == "owners":
            fact["value"] = fields.get("role", fact.get("value"))
    if kind == "visits":
        fact["kind_label"] = VISIT_KIND_WORDS.get(fact.get("kind") or "other") or _kind_label(fact.get("kind"))
        fact["when"] = plain_date_range(fact.get("start"), fact.get("end"))
        fact["judgement_words"] = JUDGEMENT_WORDS.get(fact.get("judgement") or "", "")
    if kind == "actions":
        fact["due_words"] = plain_date_range(fact.get("due"), None)
    if kind == "decisions":
        fact["kind_label"] = _choice_label(Decision.Kind, fact.get("kind"))
    if kind == "measures":
        fact["unit_label"] = "" if fact.get("unit") in ("%", "other") else fact.get("unit")
    return fact


def _choice_label(choices: type[ModelChoices], value: str | None) -> str:
    return dict(choices.choices).get(value or "", "") or str(value or "")


def _kind_label(kind: str | None) -> str:
    return _choice_label(Inspection.Kind, kind) or "Visit"


@dataclass
class Choices:
    """The council's records a fact can point at, as (value, label) pairs; the council's records are
    "id:<pk>" (a theme is its pk), those found in the document being reviewed are "found:<index>"."""

    owners: list[tuple[str, str]] = field(default_factory=list)
    themes: list[tuple[str, str]] = field(default_factory=list)
    inspections: list[tuple[str, str]] = field(default_factory=list)
    recommendations: list[tuple[str, str]] = field(default_factory=list)
    found_visits: list[tuple[str, str]] = field(default_factory=list)
    found_recommendations: list[tuple[str, str]] = field(default_factory=list)


def review_choices(*, authority_id: int, preview: _Preview, added: list[dict] | None = None) -> Choices:
    """What the review page's lists offer: the council's owners, themes, inspections and
    recommendations (four queries), and the visits and recommendations in this document."""
    visits = review_items(preview=preview, kind="visits", saved={}, added=added)
    recs = review_items(preview=preview, kind="recommendations", saved={}, added=added)
    return Choices(
        owners=[(f"id:{o.pk}", o.role_title) for o in Owner.objects.filter(authority_id=authority_id)],
        themes=[(str(t.pk), str(t)) for t in Theme.objects.filter(plan__authority_id=authority_id)],
        inspections=[(f"id:{i.pk}", str(i)) for i in Inspection.objects.filter(authority_id=authority_id)],
        recommendations=[
            (f"id:{r.pk}", _clip(str(r), 100)) for r in Recommendation.objects.filter(authority_id=authority_id)
        ],
        found_visits=[
            (f"found:{v['index']}", ", ".join(p for p in (v["kind_label"], v["when"]) if p))
            for v in sorted(visits, key=lambda v: v["index"])
        ],
        found_recommendations=[
            (f"found:{r['index']}", _clip(f"Recommendation {r.get('ref') or ''}: {r.get('text') or r['quote']}", 100))
            for r in sorted(recs, key=lambda r: r["index"])
        ],
    )


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3].rstrip() + "..."


@dataclass
class Paragraph:
    start: int
    end: int
    segments: list[Segment]


_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def text_paragraphs(*, text: str, segments: list[Segment]) -> list[Paragraph]:
    """The text cut at blank lines, each paragraph with its offsets and its own highlighted pieces,
    so the review page can offer "Add a fact from this paragraph" for each. A highlight that runs over
    a blank line is cut in two; only the first piece keeps the anchor the fact list links to."""
    bounds, cursor = [], 0
    for gap in _BLANK_LINE.finditer(text):
        if gap.start() > cursor:
            bounds.append((cursor, gap.start()))
        cursor = gap.end()
    if cursor < len(text):
        bounds.append((cursor, len(text)))
    paragraphs, at, pieces = [], 0, []
    for seg in segments:
        pieces.append((at, at + len(seg.text), seg))
        at += len(seg.text)
    for start, end in bounds:
        segs = []
        for s, e, seg in pieces:
            if e <= start or s >= end:
                continue
            a, b = max(s, start), min(e, end)
            anchor = seg.anchor if seg.anchor is not None and a == s else None
            segs.append(Segment(text[a:b], label=seg.label, anchor=anchor))
        if text[start:end].strip():
            paragraphs.append(Paragraph(start, end, segs))
    return paragraphs


JUDGEMENT_WORDS = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement to be good",
    "inadequate": "Inadequate",
}

VISIT_KIND_WORDS = {
    "inspection": "Inspection",
    "monitoring_visit": "Monitoring visit",
    "focused_visit": "Focused visit",
    "thematic_study": "Thematic inspection",
    "jtai": "Joint targeted area inspection",
    "peer_review": "Peer review",
    "other": "Other visit or review",
}


def _date_words(iso: str) -> tuple[str, str, str]:
    """("15", "October", "2019") from "2019-10-15"; ("", "October", "2019") from "2019-10"."""
    parts = iso.split("-")
    year, month = parts[0], MONTH_NAMES[int(parts[1]) - 1]
    day = str(int(parts[2])) if len(parts) > 2 else ""
    return day, month, year


def plain_date_range(start: str | None, end: str | None) -> str:
    """ "15 to 17 October 2019", "30 September to 2 October 2019", "October 2019", or "" when undated."""
    if not start:
        return ""
    try:
        day, month, year = _date_words(start)
        if not end or end == start:
            return " ".join(part for part in (day, month, year) if part)
        end_day, end_month, end_year = _date_words(end)
    except (ValueError, IndexError):
        return start
    if (month, year) == (end_month, end_year) and day:
        return f"{day} to {end_day} {month} {year}"
    if year == end_year:
        return f"{' '.join(p for p in (day, month) if p)} to {' '.join(p for p in (end_day, end_month) if p)} {year}"
    return (
        f"{' '.join(p for p in (day, month, year) if p)} to {' '.join(p for p in (end_day, end_month, end_year) if p)}"
    )


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


REPORT_KINDS = {  # kind: (one, many)
    "visits": ("visit", "visits"),
    "recommendations": ("recommendation", "recommendations"),
    "actions": ("action", "actions"),
    "measures": ("measure", "measures"),
    "measure values": ("measure reading", "measure readings"),
    "owners": ("owner", "owners"),
    "decisions": ("decision", "decisions"),
}


def counted(n: int, kind: str) -> str:
    """ "1 visit", "2 visits"."""
    one, many = REPORT_KINDS.get(kind, (kind, kind))
    return f"{n} {one if n == 1 else many}"


def record_url(record: Model | None) -> str:
    """Where a record imported or merged into can be seen."""
    if record is None or record.pk is None:
        return ""
    if isinstance(record, Action):
        return reverse("action_detail", args=[record.pk])
    if isinstance(record, Measure):
        return reverse("measure_detail", args=[record.pk])
    if isinstance(record, Owner):
        return reverse("plan_admin_edit", args=["owners", record.pk])
    if isinstance(record, Recommendation):
        return reverse("plan_admin_edit", args=["recommendations", record.pk])
    if isinstance(record, Inspection):
        return reverse("inspection_journey")
    if record.source_document_id and record.source_start is not None:
        return reverse("document_detail", args=[record.source_document_id]) + f"#q{record.source_start}"
    return ""


def import_report(*, outcome: _ImportOutcome) -> dict:
    """What an import did, fact by fact, for the page after saving (kept in the session, so plain data):
    the counts of records created ("1 visit", "2 actions") and a line per fact with a link."""
    lines = [
        {
            "kind": LABELS.get(line.kind, line.kind),
            "status": line.status,
            "label": line.label,
            "url": record_url(line.record) if line.status in ("created", "merged") else "",
            "reason": line.reason,
        }
        for line in outcome.report
    ]
    order = list(REPORT_KINDS)
    created = [counted(n, kind) for kind, n in sorted(outcome.created.items(), key=lambda kv: order.index(kv[0])) if n]
    merged = Counter(line.kind for line in outcome.report if line.status == "merged")
    left = Counter(line.kind for line in outcome.report if line.status == "left out")
    return {
        "created": created,
        "merged": [counted(n, kind) for kind, n in merged.items()],
        "left_out": [counted(n, kind) for kind, n in left.items()],
        "lines": lines,
    }


@dataclass
class DocumentFacts:
    """The records that came from a document, split by whether anyone has touched them since."""

    untouched: list = field(default_factory=list)  # records nobody changed or worked on since
    touched: list = field(default_factory=list)  # changed, worked on, or relied on by other records

    @property
    def all(self) -> list:
        return [*self.untouched, *self.touched]


def document_facts(*, document: SourceDocument) -> DocumentFacts:
    """What deleting this document could remove: each record it gave, touched or not.

    Touched means: changed by anyone after it was imported (the audit trail has an update),
    worked on (an action with updates), or relied on by a record that stays (a measure with other
    values, an owner of other actions, a recommendation another action answers, an inspection
    with other recommendations or a plan). Untouched records may go with the document."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from improvement.models import ImprovementPlan, UpdateKind

    mine = {model: list(model.objects.filter(source_document=document)) for model in PROVENANCE_MODELS}
    types = ContentType.objects.get_for_models(*PROVENANCE_MODELS)
    changed = set()
    for model, records in mine.items():
        if records:
            ids = LogEntry.objects.filter(
                content_type=types[model], object_id__in=[r.pk for r in records], action=LogEntry.Action.UPDATE
            ).values_list("object_id", flat=True)
            changed |= {(model, pk) for pk in ids}
    gone: set = set()

    def touched(model: type[Model], record: Model) -> bool:
        if (model, record.pk) in changed:
            return True
        if model is Action:
            return record.updates.filter(kind__in=UpdateKind.work()).exists()
        if model is Measure:
            return record.values.exclude(
                pk__in=[v.pk for v in mine[MeasureValue] if (MeasureValue, v.pk) in gone]
            ).exists()
        if model is Owner:
            return record.actions.exclude(pk__in=[a.pk for a in mine[Action] if (Action, a.pk) in gone]).exists()
        if model is Recommendation:
            return record.actions.exclude(pk__in=[a.pk for a in mine[Action] if (Action, a.pk) in gone]).exists()
        if model is Inspection:
            others = record.recommendations.exclude(
                pk__in=[r.pk for r in mine[Recommendation] if (Recommendation, r.pk) in gone]
            )
            return others.exists() or ImprovementPlan.objects.filter(inspection=record).exists()
        return False

    result = DocumentFacts()
    # In this order, so a measure whose only values go with the document may go too.
    for model in PROVENANCE_MODELS:
        for record in mine[model]:
            if touched(model, record):
                result.touched.append(record)
            else:
                gone.add((model, record.pk))
                result.untouched.append(record)
    return result


# The kinds of record the importer makes, in the order they can be removed (dependants first).
PROVENANCE_MODELS = (MeasureValue, Action, Decision, Recommendation, Measure, Owner, Inspection)
