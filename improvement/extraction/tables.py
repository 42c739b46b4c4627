"""Action logs written as tables: a header row naming the action and who is responsible
("Action | Responsible officer | Deadline"), then one action per row.

Rows arrive as lines whose cells are separated by " | " (HTML and Word tables are read
that way), by tabs, or by runs of spaces in text taken from a PDF."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .actions import due_between as action_due
from .actions import month_end
from .dates import find_dates
from .model import ActionItem
from .roles import find_roles
from .text import clean

SEPARATOR = re.compile(r"[ \t]*\|[ \t]*|\t+|[ ]{3,}")
ACTION_HEAD = re.compile(
    r"^(?:agreed\s+)?(?:action|actions|action required|action agreed|task|what|description)\b", re.I
)
OWNER_HEAD = re.compile(
    r"^(?:responsible|responsibility|lead|lead officer|owner|officer|by whom|who|accountable|action owner|"
    r"action by|assigned to|responsible officer|lead member)\b",
    re.I,
)
DUE_HEAD = re.compile(
    r"^(?:deadline|due|due date|by when|when|timescale|target date|date due|completion date|date)\b", re.I
)
NOT_AN_OWNER = re.compile(r"^(?:n/?a|tbc|tbd|none|all|-+|–|—)?$", re.I)


@dataclass
class _Columns:
    action: int
    owner: int
    due: int | None
    width: int


def find_table_actions(text: str, *, year_hint: int | None) -> list[ActionItem]:
    if "|" not in text and "\t" not in text and "   " not in text:
        return []
    items: list[ActionItem] = []
    columns: _Columns | None = None
    position = 0
    for line in text.split("\n"):
        start, position = position, position + len(line) + 1
        cells = _cells(line)
        if columns is None:
            columns = _header_of(line, cells)
            continue
        if len(cells) < 2:
            if line.strip():
                columns = None  # the table has ended
            continue
        header = _header_of(line, cells)
        if header is not None:
            columns = header
            continue
        item = _row(text, start, line, cells, columns, year_hint)
        if item is not None:
            items.append(item)
    return items


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty cell within the line."""
    if not SEPARATOR.search(line):
        return []
    out, at = [], 0
    for sep in [*SEPARATOR.finditer(line), None]:
        end = sep.start() if sep else len(line)
        piece = line[at:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            out.append((at + lead, at + lead + len(piece.strip())))
        else:
            out.append((at, at))
        at = sep.end() if sep else len(line)
    return out


def _header_of(line: str, cells: list[tuple[int, int]]) -> _Columns | None:
    names = [line[a:b].strip(" *:") for a, b in cells]
    if len(names) < 2 or any(len(n) > 40 for n in names):
        return None
    action = next((i for i, n in enumerate(names) if ACTION_HEAD.match(n)), None)
    owner = next((i for i, n in enumerate(names) if i != action and OWNER_HEAD.match(n)), None)
    if action is None or owner is None:
        return None
    due = next((i for i, n in enumerate(names) if i not in (action, owner) and DUE_HEAD.match(n)), None)
    return _Columns(action=action, owner=owner, due=due, width=len(names))


def _row(
    text: str, start: int, line: str, cells: list[tuple[int, int]], columns: _Columns, year_hint: int | None
) -> ActionItem | None:
    if len(cells) <= max(columns.action, columns.owner):
        return None
    a, b = cells[columns.action]
    title = clean(line[a:b]).rstrip(".")
    if len(title) < 6:
        return None
    oa, ob = cells[columns.owner]
    owner_text = clean(line[oa:ob])
    owner = None
    if not NOT_AN_OWNER.match(owner_text):
        roles = find_roles(text, start + oa, start + ob)
        owner = roles[0].title if roles else owner_text[:120]
    due = None
    if columns.due is not None and columns.due < len(cells):
        da, db = cells[columns.due]
        spans = find_dates(text, start + da, start + db)
        if spans:
            due = spans[0].iso(year_hint)
            if due and len(due) == 7:  # "March 2024" in a deadline column: the end of the month
                due = month_end(int(due[:4]), int(due[5:7]))
        else:
            due = action_due(text, start + da, start + db, year_hint)  # "end of March", "by May"
    line_start = start + len(line) - len(line.lstrip())
    line_end = start + len(line.rstrip())
    return ActionItem(
        quote=text[line_start:line_end],
        quote_start=line_start,
        quote_end=line_end,
        owner=owner,
        title=title[:1].upper() + title[1:],
        due=due,
    )
