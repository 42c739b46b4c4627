"""Importing a document, and adding to one already imported, each in one transaction.

`document_import` saves one previewed document: the SourceDocument, then every fact the
reviewer kept, each with its provenance (document, verbatim quote, offsets). The sha256
of the file's bytes makes a second import of the same file a no-op ("unchanged").
Owners, measures and visits merge with the authority's existing records (writer.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.text import slugify

from improvement import extraction
from improvement.extraction.masking import mask_personal_data
from improvement.extraction.model import (
    ActionItem,
    DecisionItem,
    DocumentFacts,
    MeasureItem,
    OwnerItem,
    Visit,
)
from improvement.extraction.model import (
    Recommendation as RecommendationItem,
)
from improvement.models import (
    Action,
    Authority,
    Decision,
    Inspection,
    MeasureValue,
    Meeting,
    Owner,
    Recommendation,
    SourceDocument,
)
from improvement.selectors.importing import merge_candidates
from improvement.services.audit import audit_context

from .preview import KINDS, Preview
from .writer import Extras, Outcome, _Writer, merge_keys, write_facts

if TYPE_CHECKING:
    import datetime as dt

    from improvement.models import User

Corrections = dict[tuple[str, int], dict]  # the reviewer's changed field values, by (kind, index)


@dataclass
class ImportOutcome:
    filename: str
    status: str  # imported | unchanged | failed
    reason: str = ""
    created: Counter = field(default_factory=Counter)
    document: SourceDocument | None = None
    privacy_flags: int = 0
    warnings: list[str] = field(default_factory=list)
    report: list[Outcome] = field(default_factory=list)  # fact by fact: created, merged, left out


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
    return {
        kind: set(qs.exclude(source_start=None).values_list("source_start", flat=True)) for kind, qs in sources.items()
    }


def document_imported_before(*, authority_id: int, sha256: str) -> SourceDocument | None:
    """The authority's document with these bytes, if it was imported before (its text not loaded)."""
    return SourceDocument.objects.filter(authority_id=authority_id, sha256=sha256).defer("text").first()


ADDED_KINDS = {
    "visits": Visit,
    "recommendations": RecommendationItem,
    "actions": ActionItem,
    "measures": MeasureItem,
    "owners": OwnerItem,
    "decisions": DecisionItem,
}


def facts_with_added(*, facts: DocumentFacts, added: list[dict] | None) -> DocumentFacts:
    """The facts with the ones the reviewer added from the text after those found, per kind (a copy).

    Each added fact is {"kind", "start", "end"}: its quote is the text between the offsets exactly as
    extraction would quote it (personal data redacted), so provenance holds; its other fields start
    empty and come from the reviewer's corrections. One outside the text or of an unknown kind is ignored."""
    if not added:
        return facts
    lists = {kind: list(getattr(facts, kind)) for kind in KINDS}
    for fact in added:
        kind, start, end = fact.get("kind"), fact.get("start"), fact.get("end")
        if kind not in ADDED_KINDS or not isinstance(start, int) or not isinstance(end, int):
            continue
        if not 0 <= start < end <= len(facts.text):
            continue
        quote = extraction.redact(facts.text[start:end], start, facts.privacy_flags)
        lists[kind].append(ADDED_KINDS[kind](quote=quote, quote_start=start, quote_end=end, confidence=1.0))
    return replace(facts, **lists)


def added_quote(*, text: str, start: int, end: int, words: str = "") -> tuple[int, int] | None:
    """The offsets of a fact added from the text: the paragraph [start, end), narrowed to `words` when they
    appear in it (the first time), trimmed of surrounding spaces; None when the offsets are outside the text."""
    if not 0 <= start < end <= len(text):
        return None
    words = " ".join(words.split())
    if words:
        at = text.find(words, start, end)
        if at < 0:
            return None
        start, end = at, at + len(words)
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    return (start, end) if start < end else None


def facts_corrected(*, facts: DocumentFacts, corrections: Corrections | None) -> DocumentFacts:
    """The facts with the reviewer's corrections applied, as dataclasses again (a copy; `facts` is unchanged).

    The review page sends corrections as field values by (kind, index), e.g.
    {("actions", 0): {"owner": "Head of Quality Assurance", "due": "2022-02-28"}};
    an index past the facts found is ignored."""
    if not corrections:
        return facts
    lists = {kind: list(getattr(facts, kind)) for kind in KINDS}
    for (kind, index), fix in corrections.items():
        if fix and kind in lists and 0 <= index < len(lists[kind]):
            lists[kind][index] = replace(lists[kind][index], **fix)
    return replace(facts, **lists)


def reviewed_facts(*, preview: Preview, corrections: Corrections | None, added: list[dict] | None) -> DocumentFacts:
    """What the reviewer will save: the facts found plus those added from the text, with the corrections."""
    return facts_corrected(facts=facts_with_added(facts=preview.extracted, added=added), corrections=corrections)


def document_reimport(
    *,
    preview: Preview,
    document: SourceDocument,
    imported_by: User | None = None,
    keep: dict[str, set[int]] | None = None,
    corrections: Corrections | None = None,
    extras: Extras | None = None,
    added: list[dict] | None = None,
) -> ImportOutcome:
    """Add to an imported document the kept facts not saved from it before (a second review).

    Facts already saved from the document (same kind, same place in the text) are skipped,
    so confirming a second review never duplicates; owners, measures and visits merge as usual."""
    outcome = ImportOutcome(filename=preview.filename, status="imported", warnings=preview.warnings, document=document)
    with transaction.atomic(), audit_context(imported_by, f"Imported from {preview.filename}"):
        SourceDocument.objects.select_for_update().filter(pk=document.pk).first()  # one second review at a time
        saved = saved_starts(document)
        facts = reviewed_facts(preview=preview, corrections=corrections, added=added)
        writer = _Writer(authority=document.authority, document=document, facts=facts, by=imported_by, extras=extras)
        write_facts(writer=writer, facts=facts, keep=keep, skip=saved)
        writer.flush()
    outcome.created = writer.created
    outcome.report = writer.report
    if not sum(writer.created.values()):
        outcome.status = "unchanged"
    return outcome


def meeting_get_or_create(
    *, authority: Authority, committee: str, on: dt.date, known: Meeting | None = None
) -> tuple[Meeting, bool]:
    """The council's meeting of this committee on this day, and whether it is new (not yet in the audit trail:
    the caller records it with the rest of the document). One statement at most, however many import at once:
    `known` is the meeting read with the document's other records; a meeting another import has just made is
    taken as it is."""
    if known is not None:
        return known, False
    fields = {"authority": authority, "committee": committee, "date": on}
    [meeting] = Meeting.objects.bulk_create(
        [Meeting(**fields)],
        update_conflicts=True,
        unique_fields=["authority", "committee", "date"],
        update_fields=["committee"],  # unchanged: the row's id comes back whoever wrote it
    )
    return meeting, True


def document_import(
    *,
    preview: Preview,
    authority: Authority,
    data_sha256: str | None = None,
    imported_by: User | None = None,
    keep: dict[str, set[int]] | None = None,
    corrections: Corrections | None = None,
    extras: Extras | None = None,
    added: list[dict] | None = None,
) -> ImportOutcome:
    """Save one previewed document and the facts kept (all, unless `keep` names indexes per kind).

    The council's records it could merge with, the meeting and the check for the same file are read
    in one statement (`merge_candidates`); the new rows are written one INSERT per model, sent together with
    their audit entries (writer.py, rows.py)."""
    sha = data_sha256 or preview.sha256
    outcome = ImportOutcome(filename=preview.filename, status="imported", warnings=preview.warnings)
    committee = preview.committee[:200]
    with transaction.atomic(), audit_context(imported_by, f"Imported from {preview.filename}"):
        facts = reviewed_facts(preview=preview, corrections=corrections, added=added)
        found = merge_candidates(
            authority_id=authority.pk,
            sha256=sha,
            committee=committee,
            meeting_date=preview.meeting_date if committee else None,
            **merge_keys(facts=facts, extras=extras),
        )
        if found.document_id is not None:
            outcome.status = "unchanged"
            outcome.document = SourceDocument.objects.defer("text").get(pk=found.document_id)
            return outcome
        meeting, made = None, False
        if committee and preview.meeting_date:
            meeting, made = meeting_get_or_create(
                authority=authority, committee=committee, on=preview.meeting_date, known=found.meeting
            )
        document = SourceDocument(
            authority=authority,
            filename=preview.filename[:255],
            sha256=sha,
            text=mask_personal_data(preview.text, preview.extracted.privacy_flags),
            kind=preview.kind,
            meeting=meeting,
            meeting_date=preview.meeting_date,
            committee=committee,
            warnings=preview.warnings,
            privacy_flags=[{"kind": f["kind"], "start": f["start"], "end": f["end"]} for f in preview.privacy_flags],
            imported_by=imported_by,
        )
        writer = _Writer(
            authority=authority, document=document, facts=facts, by=imported_by, extras=extras, candidates=found
        )
        write_facts(writer=writer, facts=facts, keep=keep)
        writer.flush(also_audit=[meeting] if made else [], new_document=True)  # the document is written with its facts
    outcome.document = document
    outcome.created = writer.created
    outcome.report = writer.report
    outcome.privacy_flags = len(preview.privacy_flags)
    return outcome


def authority_get_or_create(*, name: str) -> Authority:
    """The authority of this name (any case), created with a free slug when there is none yet."""
    authority = Authority.objects.filter(name__iexact=name).first()
    if authority is None:
        base = slugify(name)[:70] or "authority"
        slug, n = base, 2
        while Authority.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        authority = Authority.objects.create(name=name, slug=slug)
    return authority
