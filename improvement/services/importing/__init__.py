"""Importing minutes: the adapter between pure extraction and the database.

preview.py reads and extracts, writing nothing; writer.py holds the merge rules;
documents.py imports a document (or adds to one imported before) in one transaction.
"""

from .documents import ImportOutcome, document_import, document_reimport, saved_starts
from .preview import KINDS, Preview, document_preview, text_preview
from .writer import ImportRefused

__all__ = [
    "KINDS",
    "ImportOutcome",
    "ImportRefused",
    "Preview",
    "document_import",
    "document_preview",
    "document_reimport",
    "saved_starts",
    "text_preview",
]
