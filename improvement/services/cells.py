"""Spreadsheet cells that can never run as formulas: the one rule every exporter (CSV, XLSX) uses.

Text starting =, +, -, @, a tab or a carriage return would be run as a formula by a
spreadsheet, so it is written with a leading apostrophe and stays text. `cell_unescape`
undoes that when a downloaded sheet comes back.
"""

from __future__ import annotations

from typing import TypeVar

_Value = TypeVar("_Value")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value: _Value) -> _Value | str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; other values pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cell_unescape(text: str) -> str:
    """The text `cell_safe` was given: a leading apostrophe it added is taken off again."""
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
