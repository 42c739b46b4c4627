"""Blanking personal data out of a document's text in place, so every offset into it stays true."""

from __future__ import annotations

from .model import PrivacyFlag

MASK = "\u2588"


def mask_personal_data(text: str, flags: list[PrivacyFlag]) -> str:
    """The text with every non-space character inside a flagged span replaced by MASK; same length."""
    chars = list(text)
    for flag in flags:
        for i in range(max(0, flag.start), min(len(chars), flag.end)):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)
