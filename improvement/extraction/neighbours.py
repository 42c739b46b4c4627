"""The DfE's statistical-neighbour model (`sn_model_2025_wide.csv`) as rows, and medians that skip
suppressed figures.

Columns: `old_la_code, la_name, region_ind, region_name, SN_1, SN_1P … SN_10, SN_10P`; each
SN_k names the k-th nearest neighbour (by name or old code) and SN_kP its closeness band.
Pure Python; a file without those columns raises NeighboursError naming the column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

from .model import InputError

BANDS = ("Extremely close", "Very close", "Close", "Somewhat close", "Not close")
REQUIRED = ["old_la_code", "la_name", "region_name"] + [c for k in range(1, 11) for c in (f"SN_{k}", f"SN_{k}P")]
# The DfE's symbols for a figure it does not publish (EES data guidance).
SUPPRESSION_SYMBOLS = ("c", "k", "u", "x", "z", "low")
CODE = re.compile(r"^\d{3}$")


class NeighboursError(InputError):
    """The file is not the statistical-neighbour model; the message names the column."""


@dataclass
class Neighbour:
    rank: int
    name: str  # or the old code, as the file gives it
    closeness: str = ""


@dataclass
class NeighbourRow:
    row: int
    old_la_code: str
    la_name: str
    region: str
    neighbours: list[Neighbour] = field(default_factory=list)


def parse_neighbours(data: bytes) -> tuple[list[NeighbourRow], list[str]]:
    """The councils and their neighbours, and the rows it could not read (as sentences)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    where = {h.lower(): i for i, h in enumerate(header)}
    for column in REQUIRED:
        if column.lower() not in where:
            raise NeighboursError(f"has no {column!r} column in its header")
    rows, problems = [], []
    for number, raw in enumerate(reader, start=2):
        if not any(c.strip() for c in raw):
            continue

        def cell(name: str, raw: list[str] = raw) -> str:
            i = where[name.lower()]
            return " ".join(raw[i].split()) if i < len(raw) else ""

        row = NeighbourRow(number, cell("old_la_code"), cell("la_name"), cell("region_name"))
        if not row.la_name and not row.old_la_code:
            problems.append(f"row {number}: no council named")
            continue
        for k in range(1, 11):
            name, band = cell(f"SN_{k}"), cell(f"SN_{k}P")
            if not name:
                continue
            if band and band.capitalize() not in BANDS:
                problems.append(f"row {number}: {row.la_name}: SN_{k}P {band!r} is not a closeness band")
                band = ""
            row.neighbours.append(Neighbour(k, name, band.capitalize() if band else ""))
        rows.append(row)
    return rows, problems


def is_code(value: str) -> bool:
    return bool(CODE.match(value))


def neighbour_median(values: Iterable[Decimal | str | None]) -> Decimal | None:
    """The median of the figures given, leaving out suppressed ones (None or a symbol); None if none is left."""
    figures = [Decimal(v) for v in values if v is not None and str(v).strip().lower() not in SUPPRESSION_SYMBOLS]
    return median(figures) if figures else None
