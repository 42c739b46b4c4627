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
    extracted: extraction.DocumentFacts  # the same facts as dataclasses, in the same order: what the writer takes
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
    """Read and extract one file; raises extraction.InputError for unreadable input, or for a file
    whose reading and extraction together pass limits.MAX_SECONDS_PER_DOCUMENT. Writes nothing."""
    deadline = extraction.Deadline()
    text, warnings = extraction.read_document(data, filename=filename, deadline=deadline)
    return text_preview(
        deadline=deadline,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        filename=filename,
        warnings=warnings,
        authority_name=authority_name,
        committee=committee,
        meeting_date=meeting_date,
        kind=kind,
    )


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
    deadline: extraction.Deadline | None = None,
) -> Preview:
    """Extract from text already read (a stored document's text, offsets unchanged). Writes nothing.

    Raises extraction.DocumentTooSlow (an InputError) past `deadline` (a new one by default)."""
    warnings = warnings or []
    facts = extraction.extract(
        text,
        source=filename,
        meeting_date=meeting_date,
        committee=committee,
        authority=authority_name,
        deadline=deadline,
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
        facts=_with_spans(contract, facts),
        privacy_flags=flags,
        meeting_date=meeting_date or found_date,
        committee=committee or meeting.get("committee") or "",
        authority_name=authority_name or meeting.get("authority"),
        extracted=facts,
        kind=kind or SourceDocument.Kind.MINUTES,
    )


def _with_spans(contract: dict, facts: extraction.DocumentFacts) -> dict:
    """Give every fact in the contract its [start, end] span, taken from the extraction's own dataclass."""
    out = dict(contract)
    for kind in KINDS:
        out[kind] = [
            {**({"value": item} if isinstance(item, str) else item), "span": [fact.quote_start, fact.quote_end]}
            for item, fact in zip(contract.get(kind) or [], getattr(facts, kind), strict=True)
        ]
    return out


def preview_contract(*, preview: Preview) -> dict:
    """The extraction contract's per-document dict for this preview (what `--dry-run --json` prints).

    Facts lose their spans, owners are role titles again, and the meeting is the one the
    import would use: the metadata given, else what the text says."""
    doc = dict(preview.facts)
    for kind in ("visits", "recommendations", "actions", "measures", "decisions"):
        doc[kind] = [{k: v for k, v in item.items() if k != "span"} for item in doc.get(kind) or []]
    doc["owners"] = [
        item.get("value") if isinstance(item, dict) and "value" in item else item for item in doc.get("owners") or []
    ]
    doc["meeting"] = {
        "date": preview.meeting_date.isoformat() if preview.meeting_date else None,
        "committee": preview.committee or None,
        "authority": preview.authority_name,
    }
    doc.setdefault("errors", [])
    doc["warnings"] = preview.warnings
    return doc


def failure_contract(*, source: str, reason: str) -> dict:
    """The contract's dict for a document that could not be read or imported: no facts, the reason as its error."""
    return {
        "source": source,
        "meeting": {"date": None, "committee": None, "authority": None},
        "visits": [],
        "recommendations": [],
        "actions": [],
        "measures": [],
        "owners": [],
        "decisions": [],
        "errors": [reason],
    }
