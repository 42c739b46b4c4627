"""Child-level personal data has no place in a plan tracker. This finds what looks like it -
NHS numbers (valid check digit), unique pupil numbers (valid check letter), dates of birth
and full postcodes - so the importer can flag it and store quotes with it blanked out."""

from __future__ import annotations

import re

from .dates import find_dates
from .model import PrivacyFlag

# Each pattern starts with a character class so the scan is quick; what must not come
# before a match (a digit, a letter) is checked by hand in _clear_before.
NHS = re.compile(r"[0-9][0-9][0-9][ -]?[0-9]{3}[ -]?[0-9]{4}(?![0-9-])")
UPN = re.compile(r"[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]\b")
POSTCODE = re.compile(r"[A-PR-UWYZ](?:[A-HK-Y]?[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}|IR ?0AA)\b")
DOB_WORDS = ("dob", "d.o.b", "birth", "born")
DOB = re.compile(r"\b(?:DOB|D\.O\.B\.?|date of birth|born(?: on)?|birth date)\s*[:\-]?\s*", re.I)
DIGITS_DOB = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
PHONE_BEFORE = re.compile(
    r"\b(?:tel|telephone|phone|mobile|fax|call|ring|contact|ext|extension)\b[.:]?[^\n\d]{0,12}$", re.I
)
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def nhs_number_is_valid(digits: str) -> bool:
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def upn_is_valid(upn: str) -> bool:
    """DfE check letter: the other 12 characters weighted 2..13, mod 23, into A-Z less I, O, S."""
    upn = upn.upper()
    if len(upn) != 13:
        return False
    total = 0
    for position, char in enumerate(upn[1:], start=2):
        value = int(char) if char.isdigit() else UPN_LETTERS.index(char) if char in UPN_LETTERS else None
        if value is None:
            return False
        total += value * position
    return UPN_LETTERS[total % 23] == upn[0]


def _clear_before(text: str, start: int, blocked: str) -> bool:
    if start == 0:
        return True
    before = text[start - 1]
    return not (before in blocked or (blocked == "word" and (before.isalnum() or before == "_")))


def find_personal_data(text: str) -> list[PrivacyFlag]:
    flags: list[PrivacyFlag] = []
    for m in NHS.finditer(text):
        if not _clear_before(text, m.start(), "0123456789-"):
            continue
        if m.group()[0] == "0" or PHONE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue  # UK telephone numbers start with 0; "Tel: ..." is a phone whatever its digits
        if nhs_number_is_valid(m.group().replace(" ", "").replace("-", "")):
            flags.append(PrivacyFlag("NHS number", m.start(), m.end()))
    for m in UPN.finditer(text):
        if _clear_before(text, m.start(), "word") and upn_is_valid(m.group(0)):
            flags.append(PrivacyFlag("unique pupil number", m.start(), m.end()))
    for m in POSTCODE.finditer(text):
        if _clear_before(text, m.start(), "word"):
            flags.append(PrivacyFlag("postcode", m.start(), m.end()))
    lowered = text.lower()
    dob_matches = DOB.finditer(text) if any(word in lowered for word in DOB_WORDS) else ()
    for m in dob_matches:
        window_end = min(len(text), m.end() + 40)
        d = DIGITS_DOB.match(text, m.end())
        if d:
            flags.append(PrivacyFlag("date of birth", d.start(), d.end()))
            continue
        for span in find_dates(text, m.end(), window_end):
            if span.start == m.end():
                flags.append(PrivacyFlag("date of birth", span.start, span.end))
            break
    flags.sort(key=lambda f: f.start)
    merged: list[PrivacyFlag] = []
    for flag in flags:
        if merged and flag.start < merged[-1].end:
            continue
        merged.append(flag)
    return merged


def redact(quote: str, offset: int, flags: list[PrivacyFlag]) -> str:
    """The quote with every flagged span inside it replaced by "[redacted <kind>]"."""
    out = quote
    for flag in sorted(flags, key=lambda f: -f.start):
        s, e = flag.start - offset, flag.end - offset
        if e <= 0 or s >= len(quote):
            continue
        s, e = max(0, s), min(len(quote), e)
        out = out[:s] + f"[redacted {flag.kind}]" + out[e:]
    return out
