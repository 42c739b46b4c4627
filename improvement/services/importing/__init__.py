"""Importing minutes: the adapter between pure extraction and the database.

preview.py reads and extracts, writing nothing; writer.py holds the merge rules;
documents.py imports a document (or adds to one imported before) in one transaction;
drafts.py is the review step: create, review again, confirm, discard an ImportDraft.
"""

from .documents import (
    ImportOutcome,
    authority_get_or_create,
    document_import,
    document_imported_before,
    document_reimport,
    facts_corrected,
    saved_starts,
)
from .drafts import draft_confirm, draft_discard, draft_for_document, draft_preview, drafts_create
from .preview import KINDS, Preview, document_preview, failure_contract, preview_contract, text_preview
from .writer import ImportRefused

__all__ = [
    "KINDS",
    "ImportOutcome",
    "ImportRefused",
    "Preview",
    "authority_get_or_create",
    "document_import",
    "document_imported_before",
    "document_preview",
    "document_reimport",
    "draft_confirm",
    "draft_discard",
    "draft_for_document",
    "draft_preview",
    "drafts_create",
    "facts_corrected",
    "failure_contract",
    "preview_contract",
    "saved_starts",
    "text_preview",
]
