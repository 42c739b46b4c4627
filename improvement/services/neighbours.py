"""The DfE's statistical-neighbour model, written as each council's ten neighbours.

Councils are matched by their old three-digit code, then by normalised name; a council not in
the tracker is reported (the model gives no ONS code to add it by), and its neighbours that are
not in the tracker are kept by name. One transaction; the same file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from improvement.extraction.neighbours import NeighboursError, is_code, parse_neighbours
from improvement.models import Authority, StatisticalNeighbour
from improvement.services.ofsted_outcomes import normalised_name

__all__ = ["NeighboursError", "NeighboursResult", "neighbours_import"]


@dataclass
class NeighboursResult:
    councils: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_placed: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        return [
            f"Councils with neighbours: {self.councils}.",
            f"Neighbours: {self.created} new, {self.updated} changed, {self.unchanged} already up to date.",
            *([f"Not placed: {len(self.not_placed)} (listed below)."] if self.not_placed else []),
        ]


def neighbours_import(*, data: bytes, dry_run: bool = False, model: str = "sn_model_2025") -> NeighboursResult:
    rows, problems = parse_neighbours(data)
    result = NeighboursResult(not_placed=list(problems))
    with transaction.atomic():
        authorities = list(Authority.objects.all())
        by_code = {a.old_la_code: a for a in authorities if a.old_la_code}
        by_name = {normalised_name(a.name): a for a in authorities}

        def find(name_or_code: str, name: str = "") -> Authority | None:
            if is_code(name_or_code) and name_or_code in by_code:
                return by_code[name_or_code]
            return by_name.get(normalised_name(name or name_or_code))

        for row in rows:
            authority = find(row.old_la_code, row.la_name)
            if authority is None:
                result.not_placed.append(f"row {row.row}: no council in the tracker is called {row.la_name!r}")
                continue
            if row.old_la_code and not authority.old_la_code:
                authority.old_la_code = row.old_la_code
                authority.save(update_fields=["old_la_code"])
                by_code[row.old_la_code] = authority
            result.councils += 1
            have = {n.rank: n for n in StatisticalNeighbour.objects.filter(authority=authority)}
            for n in row.neighbours:
                neighbour = find(n.name)
                values = {
                    "neighbour": neighbour,
                    "neighbour_name": (neighbour.name if neighbour and is_code(n.name) else n.name)[:200],
                    "closeness": n.closeness,
                    "model": model,
                }
                old = have.pop(n.rank, None)
                if old is None:
                    StatisticalNeighbour.objects.create(authority=authority, rank=n.rank, **values)
                    result.created += 1
                elif any(getattr(old, k) != v for k, v in values.items()):
                    for k, v in values.items():
                        setattr(old, k, v)
                    old.save()
                    result.updated += 1
                else:
                    result.unchanged += 1
            for gone in have.values():  # a rank the new model leaves empty
                gone.delete()
                result.updated += 1
        if dry_run:
            transaction.set_rollback(True)
    return result
