"""Text for a public page: the names of the council's people, email addresses and child-level
personal data taken out of titles typed or imported from minutes ("Jane Smith to audit files").
Pure Python."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .privacy import find_personal_data, redact

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
NAME_REMOVED = "[name removed]"
EMAIL_REMOVED = "[email address removed]"


def name_pattern(names: Iterable[str]) -> re.Pattern | None:
    """One pattern for every name given (whole words, any case, longest first); None for none."""
    cleaned = sorted({" ".join(n.split()) for n in names if n and len(n.strip()) >= 3}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in cleaned) + r")\b", re.I)


def public_text(text: str, names: re.Pattern | None) -> str:
    """The text with email addresses, the names matched and personal data (NHS numbers, pupil
    numbers, dates of birth, postcodes) replaced by words saying what was removed."""
    if not text:
        return text
    out = EMAIL.sub(EMAIL_REMOVED, text)
    if names is not None:
        out = names.sub(NAME_REMOVED, out)
    flags = find_personal_data(out)
    return redact(out, 0, flags) if flags else out
