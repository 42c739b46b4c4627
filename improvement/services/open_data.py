"""A published plan as open data: CSV tables and one JSON document, built from the public
selectors' dataclasses only (nothing private is ever in them). Text cells go through the
one formula-injection guard."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from improvement.selectors.public import LICENCE, LICENCE_URL, PublicInspection, PublicMeasure, PublicPlan
from improvement.services.cells import cell_safe

if TYPE_CHECKING:
    from collections.abc import Iterable

ACTION_COLUMNS = ["theme", "reference", "title", "owner_role", "due_date", "status", "progress", "rating"]
MEASURE_COLUMNS = ["measure", "unit", "date", "value", "suppression", "england", "region", "statistical_neighbours"]


def _csv(header: list[str], rows: Iterable[Iterable[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell_safe(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode()  # a byte-order mark, so spreadsheets read it as UTF-8


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else ("" if value is None else value)


def actions_csv(*, plan: PublicPlan) -> bytes:
    return _csv(
        ACTION_COLUMNS,
        (
            [a.theme, a.reference, a.title, a.owner_role, _iso(a.due_date), a.status, a.progress, a.rating_label]
            for a in plan.actions
        ),
    )


def measures_csv(*, measures: list[PublicMeasure]) -> bytes:
    return _csv(
        MEASURE_COLUMNS,
        (
            [
                m.name,
                m.unit,
                _iso(v.date),
                _iso(v.value),
                v.suppression,
                _iso(v.england),
                _iso(v.region),
                _iso(v.statistical_neighbours),
            ]
            for m in measures
            for v in m.values
        ),
    )


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def plan_json(
    *, plan: PublicPlan, measures: list[PublicMeasure], inspections: list[PublicInspection], url: str, today: date
) -> bytes:
    document = {
        "council": plan.authority.name,
        "plan": plan.plan.title,
        "approved_on": plan.approved_on,
        "url": url,
        "as_at": today,
        "licence": {"name": LICENCE, "url": LICENCE_URL},
        "themes": [
            {"number": t.number, "title": t.title, "actions": [asdict(a) for a in t.actions]} for t in plan.themes
        ],
        "recommendations": [asdict(r) for r in plan.recommendations],
        "measures": [{k: v for k, v in asdict(m).items() if k not in ("pk",)} for m in measures],
        "inspections": [asdict(i) for i in inspections],
    }
    return json.dumps(_plain(document), indent=2, ensure_ascii=False).encode()
