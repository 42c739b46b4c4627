"""Numbers written in words, as minutes often write them."""

import re

UNITS = {
    "no": 0,
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}

_word_units = "|".join(sorted((k for k in UNITS if k != "no"), key=len, reverse=True))
_word_tens = "|".join(TENS)
WORD_NUMBER = rf"(?:(?:{_word_tens})(?:[- ](?:{_word_units}))?|{_word_units}|a hundred|one hundred)"
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{WORD_NUMBER})"
ORDINAL = r"(?:" + "|".join(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"


def to_number(token: str) -> float | None:
    token = token.strip().lower().replace(",", "")
    try:
        value = float(token)
        return int(value) if value.is_integer() else value
    except ValueError:
        pass
    if token in ("a hundred", "one hundred"):
        return 100
    if token in UNITS:
        return UNITS[token]
    parts = re.split(r"[- ]", token)
    if parts[0] in TENS:
        return TENS[parts[0]] + (UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


def ordinal_value(token: str) -> int | None:
    token = token.lower()
    if token in ORDINALS:
        return ORDINALS[token]
    digits = re.match(r"(\d+)", token)
    return int(digits.group(1)) if digits else None
