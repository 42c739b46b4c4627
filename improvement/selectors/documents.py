"""Reads for the import review page and the document page: text cut into highlighted segments."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

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
)

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


def documents_for_user(*, user) -> QuerySet[SourceDocument]:
    return permissions.scope_to_user(SourceDocument.objects.all(), user).defer("text")


def drafts_for_user(*, user) -> QuerySet[ImportDraft]:
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


def preview_segments(*, preview) -> list[Segment]:
    spans = []
    for kind, label in LABELS.items():
        for item in preview.fact_list(kind):
            if item.get("span"):
                spans.append((item["span"][0], item["span"][1], label))
    return text_segments(text=preview.text, spans=spans)
