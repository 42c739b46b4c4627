"""How large a document extraction will read: one limit for the upload page, the command and the reader."""

from __future__ import annotations

MAX_DOCUMENT_MB = 5
MAX_DOCUMENT_BYTES = MAX_DOCUMENT_MB * 1024 * 1024


def document_too_large(size: int) -> str | None:
    """Why a document of `size` bytes is refused, in plain words; None when it is within the limit."""
    if size <= MAX_DOCUMENT_BYTES:
        return None
    return f"the file is too large ({size:,} bytes); the limit is {MAX_DOCUMENT_MB} MB"
