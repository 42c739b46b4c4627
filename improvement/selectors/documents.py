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


# Below this the review page marks a fact "check this": the importer read it from prose, or
# parts of it are missing (see improvement/extraction/confidence.py).
LESS_SURE = 0.6


def review_items(*, preview, kind: str, saved: dict[str, set[int]]) -> list[dict]:
    """One kind of fact for the review page, least sure first; each keeps its position in the
    preview as `index`, which the form's tick boxes and correction fields are named by."""
    items = []
    for index, item in enumerate(preview.fact_list(kind)):
        fact = dict(item) if isinstance(item, dict) else {"value": item}
        fact["index"] = index
        fact["saved"] = bool(fact.get("span")) and fact["span"][0] in saved.get(kind, ())
        if kind == "visits":
            fact["kind_label"] = VISIT_KIND_WORDS.get(fact.get("kind") or "other", "Visit")
            fact["when"] = plain_date_range(fact.get("start"), fact.get("end"))
            fact["judgement_words"] = JUDGEMENT_WORDS.get(fact.get("judgement") or "", "")
        if kind == "actions":
            fact["due_words"] = plain_date_range(fact.get("due"), None)
        confidence = fact.get("confidence")
        fact["less_sure"] = confidence is not None and confidence < LESS_SURE
        items.append(fact)
    items.sort(key=lambda f: (f["saved"], f.get("confidence", 1.0), f["index"]))
    return items


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
