"""The review step: an uploaded file waits as an ImportDraft until the improvement lead confirms or discards it.

Nothing from a draft reaches the plan before it is confirmed; confirming imports it and deletes
the draft in the same transaction, so a failed import leaves the draft to review again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from improvement.extraction.limits import document_too_large
from improvement.models import ImportDraft, SourceDocument

from .documents import Corrections, ImportOutcome, document_import, document_reimport
from .preview import Preview, document_preview, text_preview
from .writer import Extras, ImportRefused

if TYPE_CHECKING:
    from improvement.models import User


def drafts_create(
    *, by: User, files: list[File], committee: str = "", meeting_date: date | None = None
) -> list[ImportDraft]:
    """One draft per uploaded file, for the uploader's authority; none at all if a file is past the size limit."""
    too_large = [f"{f.name}: {problem}" for f in files if (problem := document_too_large(f.size))]
    if too_large:
        raise ImportRefused("; ".join(too_large))
    with transaction.atomic():
        return [
            ImportDraft.objects.create(
                authority_id=by.authority_id,
                uploaded_by=by,
                filename=f.name[:255],
                data=f.read(),
                committee=committee,
                meeting_date=meeting_date,
            )
            for f in files
        ]


def draft_for_document(*, document: SourceDocument, by: User) -> ImportDraft:
    """Open an imported document for review again: a draft of its stored text, tied to the document."""
    return ImportDraft.objects.create(
        authority_id=document.authority_id,
        uploaded_by=by,
        filename=document.filename,
        data=document.text.encode("utf-8"),
        committee=document.committee,
        meeting_date=document.meeting_date,
        document=document,
    )


def draft_preview(*, draft: ImportDraft) -> Preview:
    """What the draft's file holds; raises extraction.InputError when it cannot be read. Writes nothing."""
    if draft.document_id:  # a second review works on the stored text, so every offset stays true
        document = draft.document
        return text_preview(
            text=document.text,
            sha256=document.sha256,
            filename=document.filename,
            authority_name=draft.authority.name,
            committee=draft.committee or None,
            meeting_date=draft.meeting_date,
            kind=document.kind,
        )
    return document_preview(
        data=bytes(draft.data),
        filename=draft.filename,
        authority_name=draft.authority.name,
        committee=draft.committee or None,
        meeting_date=draft.meeting_date,
    )


def draft_confirm(
    *,
    draft: ImportDraft,
    preview: Preview,
    by: User,
    keep: dict[str, set[int]],
    corrections: Corrections | None = None,
    extras: Extras | None = None,
    meta: dict | None = None,
) -> ImportOutcome:
    """Import the facts kept (into the draft's document, on a second review) and delete the draft, in one transaction.

    The facts added from the text are the draft's (`draft_fact_add`); `meta` corrects a new document's
    meeting date, committee and kind. Raises ImportRefused, leaving the draft and saving nothing, when
    the document cannot be imported."""
    added = (draft.review or {}).get("added") or []
    with transaction.atomic():
        if draft.document_id:
            outcome = document_reimport(
                preview=preview,
                document=draft.document,
                imported_by=by,
                keep=keep,
                corrections=corrections,
                extras=extras,
                added=added,
            )
        else:
            if meta:
                preview = replace(
                    preview, **{k: v for k, v in meta.items() if k in ("meeting_date", "committee", "kind")}
                )
            outcome = document_import(
                preview=preview,
                authority=draft.authority,
                imported_by=by,
                keep=keep,
                corrections=corrections,
                extras=extras,
                added=added,
            )
        draft.delete()
    return outcome


def draft_review_save(*, draft: ImportDraft, data: dict) -> None:
    """Keep what the reviewer typed on the review page (field name to values) on the draft, so a
    validation error, a visit to add a fact or coming back later never loses a correction."""
    review = dict(draft.review or {})
    review["data"] = data
    draft.review = review
    draft.save(update_fields=["review"])


def draft_fact_add(*, draft: ImportDraft, kind: str, start: int, end: int, found: int) -> int:
    """Add a fact the importer missed, quoting the draft's text from `start` to `end`, ticked to be saved;
    returns its index among the facts of its kind (after the `found` ones the importer found).
    Nothing reaches the plan until the draft is confirmed."""
    review = dict(draft.review or {})
    added = list(review.get("added") or [])
    index = found + sum(1 for fact in added if fact["kind"] == kind)
    added.append({"kind": kind, "start": start, "end": end})
    review["added"] = added
    if review.get("data") is not None:
        review["data"] = {**review["data"], "keep": [*review["data"].get("keep", []), f"{kind}:{index}"]}
    draft.review = review
    draft.save(update_fields=["review"])
    return index


def draft_discard(*, draft: ImportDraft) -> None:
    """Throw a draft away; nothing from it was saved."""
    draft.delete()


DRAFT_LIFETIME = timedelta(days=1)


def drafts_expire(*, now: datetime | None = None, lifetime: timedelta = DRAFT_LIFETIME) -> int:
    """Delete drafts nobody confirmed within a day, with the bytes they hold; returns how many."""
    cutoff = (now or timezone.now()) - lifetime
    deleted, _ = ImportDraft.objects.filter(created_at__lt=cutoff).delete()
    return deleted
