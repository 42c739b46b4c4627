"""Importing a document, and adding to one already imported, each in one transaction.

`document_import` saves one previewed document: the SourceDocument, then every fact the
reviewer kept, each with its provenance (document, verbatim quote, offsets). The sha256
of the file's bytes makes a second import of the same file a no-op ("unchanged").
Owners, measures and visits merge with the authority's existing records (writer.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from improvement import extraction
from improvement.extraction.masking import mask_personal_data
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

from .preview import Preview
from .writer import _Writer, write_facts


@dataclass
class ImportOutcome:
    filename: str
    status: str  # imported | unchanged | failed
    reason: str = ""
    created: Counter = field(default_factory=Counter)
    document: SourceDocument | None = None
    privacy_flags: int = 0
    warnings: list[str] = field(default_factory=list)


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
        write_facts(writer, preview, keep, corrections or {}, skip=saved)
        writer.flush()
    outcome.created = writer.created
    if not sum(writer.created.values()):
        outcome.status = "unchanged"
    return outcome


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
        write_facts(writer, preview, keep, corrections or {})
        writer.flush()
    outcome.document = document
    outcome.created = writer.created
    outcome.privacy_flags = len(preview.privacy_flags)
    return outcome
