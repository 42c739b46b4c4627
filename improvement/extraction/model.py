"""The facts extraction finds, as plain dataclasses. Every fact keeps its verbatim quote:
`text[quote_start:quote_end] == quote` for the text it was found in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field


class InputError(Exception):
    """A file that cannot be read as minutes; the message names the problem in plain words."""


@dataclass
class Fact:
    quote: str
    quote_start: int
    quote_end: int
    confidence: float = field(default=0.5, kw_only=True)  # 0-1, how sure the rule is (see confidence.py)


@dataclass
class Meeting:
    date: str | None = None
    committee: str | None = None
    authority: str | None = None


@dataclass
class Visit(Fact):
    kind: str = "other"
    start: str | None = None
    end: str | None = None
    focus: str | None = None
    judgement: str | None = None
    ordinal: int | None = None
    planned: bool = False
    priority_action: bool = False
    area_judgements: dict[str, str] = field(default_factory=dict)


@dataclass
class Recommendation(Fact):
    ref: str | None = None
    text: str = ""
    source: str | None = None


@dataclass
class ActionItem(Fact):
    owner: str | None = None
    title: str = ""
    due: str | None = None


@dataclass
class MeasureItem(Fact):
    name: str = ""
    value: float | int = 0
    unit: str = "other"
    target: float | int | None = None
    qualifier: str | None = None
    numerator: int | None = None
    denominator: int | None = None


@dataclass
class OwnerItem(Fact):
    role: str = ""


@dataclass
class DecisionItem(Fact):
    kind: str = "other"
    text: str = ""


@dataclass
class PrivacyFlag:
    kind: str
    start: int
    end: int


@dataclass
class DocumentFacts:
    source: str
    text: str
    meeting: Meeting
    visits: list[Visit] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    measures: list[MeasureItem] = field(default_factory=list)
    owners: list[OwnerItem] = field(default_factory=list)
    decisions: list[DecisionItem] = field(default_factory=list)
    privacy_flags: list[PrivacyFlag] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def all_facts(self) -> list[Fact]:
        return [*self.visits, *self.recommendations, *self.actions, *self.measures, *self.owners, *self.decisions]

    def to_contract(self) -> dict:
        """The per-document dict of the extraction contract (DESIGN.md), plus offsets."""

        def plain(fact: Fact, drop: Iterable[str] = ()) -> dict[str, object]:
            data = asdict(fact)
            for key in drop:
                data.pop(key, None)
            return data

        return {
            "source": self.source,
            "meeting": asdict(self.meeting),
            "visits": [plain(v) for v in self.visits],
            "recommendations": [plain(r) for r in self.recommendations],
            "actions": [plain(a) for a in self.actions],
            "measures": [plain(m) for m in self.measures],
            "owners": [o.role for o in self.owners],
            "decisions": [plain(d) for d in self.decisions],
            "privacy_flags": [asdict(f) for f in self.privacy_flags],
            "errors": list(self.errors),
        }
