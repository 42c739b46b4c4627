"""Previewing a document: read and extract, writing nothing; every fact carries its [start, end] span."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from improvement import extraction
from improvement.extraction.fact_dates import parse_fact_date
from improvement.models import SourceDocument

KINDS = ("visits", "recommendations", "actions", "measures", "owners", "decisions")


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
