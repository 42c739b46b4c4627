"""How large a document extraction will read: one limit for the upload page, the command and the reader."""

from __future__ import annotations

import time
from collections.abc import Callable

from .model import InputError

MAX_DOCUMENT_MB = 5
MAX_DOCUMENT_BYTES = MAX_DOCUMENT_MB * 1024 * 1024


def document_too_large(size: int) -> str | None:
    """Why a document of `size` bytes is refused, in plain words; None when it is within the limit."""
    if size <= MAX_DOCUMENT_BYTES:
        return None
    return f"the file is too large ({size:,} bytes); the limit is {MAX_DOCUMENT_MB} MB"


# How long reading one document may take. Pure code, no signals or threads: the reading loops
# (over lines and paragraphs) check a monotonic deadline and stop with DocumentTooSlow.
MAX_SECONDS_PER_DOCUMENT = 60


class Deadline:
    """A point on the monotonic clock after which reading a document stops."""

    def __init__(self, seconds: float = MAX_SECONDS_PER_DOCUMENT, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self.at = clock() + seconds

    def check(self, doing: str) -> None:
        """Raise DocumentTooSlow (an InputError, the documented error) once the deadline has passed."""
        if self.clock() > self.at:
            raise DocumentTooSlow(
                f"this document took too long to read: still {doing} after {self.seconds:g} seconds "
                f"(the limit is {self.seconds:g} seconds); split it into smaller files"
            )


class DocumentTooSlow(InputError):
    """Reading a document passed its deadline (Deadline.check)."""
