"""The merge rules: one document's kept facts written as rows, merged with the authority's records.

Owners merge on their normalised role, measures on their name, visits on kind and date (never
two different dates; see `visit_match`), recommendations on inspection and reference. Every fact
gets an `Outcome` (created, merged, left out), and `merge_notices` says before saving what will merge. Every row
keeps its provenance: the document, the verbatim quote and its offsets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db.models import prefetch_related_objects
from django.utils import timezone

from improvement import extraction
from improvement.extraction.fact_dates import due_date, is_month_only, parse_fact_date
from improvement.extraction.judgements import GRADED_KINDS, area_key_for, kind_family
from improvement.extraction.model import (
    ActionItem,
    DecisionItem,
    DocumentFacts,
    Fact,
    MeasureItem,
    OwnerItem,
    Visit,
)
from improvement.extraction.model import Recommendation as RecommendationItem
from improvement.extraction.targets import is_target_only
from improvement.formats import govuk_date, govuk_month
from improvement.models import (
    Action,
    ActionStatus,
    Authority,
    Decision,
    Framework,
    Inspection,
    InspectionJudgement,
    Judgement,
    Measure,
    MeasureValue,
    Owner,
    Polarity,
    ProgressUpdate,
    Recommendation,
    SourceDocument,
    Theme,
    UpdateKind,
)
from improvement.models.inspections import _ordinal_word
from improvement.selectors.documents import plain_date_range
from improvement.selectors.importing import MergeCandidates, merge_candidates
from improvement.services.audit import audit_created_entries

from .rows import Rows, ids_give, insert_statements, rows_insert

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Collection, Iterable

    from django.db.models import Model

    from improvement.models import User


def kinds_in_family(kind: str) -> list[str]:
    return list(GRADED_KINDS) if kind in GRADED_KINDS else [kind]


def same_inspection(
    candidates: Collection[Inspection], start: dt.date, *, month_only: bool = False
) -> Inspection | None:
    """The inspection among candidates (one council, one kind family) that starts on this date.

    A date known only to the month matches an inspection in that month, and the other way round."""
    for inspection in candidates:
        if inspection.start_date == start:
            return inspection
    for inspection in candidates:
        if inspection.start_date is None:
            continue
        either_month_only = month_only or inspection.date_precision == Inspection.DatePrecision.MONTH
        if either_month_only and (inspection.start_date.year, inspection.start_date.month) == (start.year, start.month):
            return inspection
    return None


def judgement_rows(
    inspection: Inspection, grades: Iterable[tuple[str, str]], *, framework: Framework | None = None
) -> list[InspectionJudgement]:
    """Unsaved area grades for an inspection, each linked to its framework area where the words name one.

    grades is (area words or key, grade key) pairs; a grade the framework does not use is dropped."""
    areas = {a.key: a for a in framework.areas.all()} if framework else {}
    allowed = {g.key for g in framework.grades.all()} if framework else set(Judgement.values)
    rows, seen = [], set()
    for words, grade in grades:
        if grade not in allowed:
            continue
        key = words if words in areas else area_key_for(words.replace("_", " "), areas)
        area = areas.get(key)
        name = (area.name if area else words)[:200]
        if name in seen:
            continue  # two columns for one area (2018 graded children in care and care leavers together)
        seen.add(name)
        rows.append(InspectionJudgement(inspection=inspection, area=name, judgement_area=area, grade=grade))
    return rows


class ImportRefused(Exception):
    """The document cannot be imported; the message says why in plain words."""


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


Extras = dict[tuple[str, int], dict]  # the reviewer's choices beyond a fact's own fields, by (kind, index)


@dataclass
class Outcome:
    """What became of one fact: created, merged into an existing record, left out, or saved before."""

    kind: str
    index: int
    status: str  # created | merged | left out | already saved
    label: str
    record: object | None = None
    reason: str = ""


@dataclass
class MergeNotice:
    """A fact that will merge with a record the council already has, before anything is saved."""

    record: object
    label: str
    can_separate: bool  # visits and recommendations may be kept apart; owners and measures are one per name


def _visit_day(start: dt.date, precision: str) -> tuple:
    return (
        (start.year, start.month)
        if precision == Inspection.DatePrecision.MONTH
        else (start.year, start.month, start.day)
    )


def visit_match(item: Visit, existing: list[Inspection]) -> Inspection | None:
    """The existing record of the same visit, if any; `existing` are the council's visits of the item's kind.

    Visits of different dates never merge, whatever else they share (two "first monitoring visits"
    three years apart are two visits). A dated visit merges with one on the same day (or the same
    month, when either gives only a month), or with an undated one of the same ordinal; an undated
    visit merges by ordinal, else by focus."""
    start = parse_fact_date(item.start)
    if start:
        month_only = is_month_only(item.start)
        for i in existing:
            if not i.start_date:
                continue
            either_month = month_only or i.date_precision == Inspection.DatePrecision.MONTH
            if either_month and (i.start_date.year, i.start_date.month) == (start.year, start.month):
                return i
            if i.start_date == start:
                return i
        if item.ordinal:
            return next((i for i in existing if not i.start_date and i.ordinal == item.ordinal), None)
        return None
    if item.ordinal:
        return next((i for i in existing if i.ordinal == item.ordinal), None)
    if item.focus:
        focus = item.focus.lower()
        return next((i for i in existing if not i.start_date and not i.ordinal and i.focus.lower() == focus), None)
    return None


def visit_words(inspection: Inspection) -> str:
    """ "First monitoring visit (14 February 2027)": how a merge notice names an existing visit."""
    label = inspection.get_kind_display()
    if inspection.ordinal:
        label = f"{_ordinal_word(inspection.ordinal)} {label.lower()}"
    if inspection.start_date:
        day = inspection.start_date
        when = govuk_month(day) if inspection.date_precision == Inspection.DatePrecision.MONTH else govuk_date(day)
        label = f"{label} ({when})"
    return label


def _visit_kind(item: Visit) -> str:
    kind = item.kind or "other"
    return kind if kind in Inspection.Kind.values else Inspection.Kind.OTHER


def fact_label(kind: str, fact: Fact) -> str:
    """A fact in a few plain words, for the page that says what happened to it."""
    if isinstance(fact, Visit):
        label = Inspection.Kind(_visit_kind(fact)).label
        when = plain_date_range(fact.start, fact.end)
        return f"{label}, {when}" if when else label
    if isinstance(fact, RecommendationItem):
        ref = f"Recommendation {fact.ref}" if fact.ref else "Recommendation"
        return f"{ref}: {_short(fact.text or fact.quote)}"
    if isinstance(fact, ActionItem):
        return _short(fact.title or fact.quote)
    if isinstance(fact, MeasureItem):
        return fact.name or "Measure"
    if isinstance(fact, OwnerItem):
        return fact.role or "Owner"
    if isinstance(fact, DecisionItem):
        kind_label = Decision.Kind(fact.kind).label if fact.kind in Decision.Kind.values else "Decision"
        return f"{kind_label}: {_short(fact.text)}"
    return kind


def _short(text: str, words: int = 12) -> str:
    parts = (text or "").split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def _pick(authority: Authority, ref: str | None, model: type[Model]) -> Model | None:
    """ "id:12" -> the council's record 12 of `model`, or None."""
    if not ref or not str(ref).startswith("id:") or not str(ref)[3:].isdigit():
        return None
    return model.objects.filter(authority=authority, pk=int(str(ref)[3:])).first()


def merge_notices(*, authority: Authority, facts: DocumentFacts, extras: Extras | None = None) -> dict:
    """Which facts will merge with the council's existing records, by (kind, index). Writes nothing.

    The same rules as the writer: visits by kind and date (`visit_match`), owners by normalised
    title, measures by name, recommendations by inspection and reference."""
    extras = extras or {}
    notices: dict[tuple[str, int], MergeNotice] = {}
    by_kind: dict[str, list[Inspection]] = {}
    for index, item in enumerate(facts.visits):
        kind = _visit_kind(item)
        if kind not in by_kind:
            by_kind[kind] = list(Inspection.objects.filter(authority=authority, kind=kind))
        match = visit_match(item, by_kind[kind])
        if match is not None:
            notices[("visits", index)] = MergeNotice(match, visit_words(match), can_separate=True)
    titles = {extraction.normalise_role(o.role): ("owners", i) for i, o in enumerate(facts.owners) if o.role}
    for owner in Owner.objects.filter(authority=authority, role_key__in=set(titles)):
        notices[titles[owner.role_key]] = MergeNotice(owner, str(owner), can_separate=False)
    names = {_measure_key(m.name or ""): ("measures", i) for i, m in enumerate(facts.measures)}
    for measure in Measure.objects.filter(authority=authority, name_key__in=set(names)):
        notices[names[measure.name_key]] = MergeNotice(measure, str(measure), can_separate=False)
    for index, item in enumerate(facts.recommendations):
        ref = str(item.ref or "")[:20]
        if not ref:
            continue
        choice = extras.get(("recommendations", index), {}).get("inspection")
        inspection = _pick(authority, choice, Inspection)
        if choice is None or str(choice).startswith("found:"):
            found = int(str(choice)[6:]) if choice and str(choice)[6:].isdigit() else 0
            notice = notices.get(("visits", found))
            separate = extras.get(("visits", found), {}).get("separate")
            inspection = notice.record if notice and not separate and found < len(facts.visits) else None
            if inspection is None and found < len(facts.visits):
                continue  # a new visit has no recommendations yet
        match = _recommendation_match(authority, ref, inspection, (item.source or "")[:300])
        if match is not None:
            notices[("recommendations", index)] = MergeNotice(match, f"Recommendation {match.reference}", True)
    return notices


def _recommendation_match(
    authority: Authority, ref: str, inspection: Inspection | None, source: str
) -> Recommendation | None:
    existing = Recommendation.objects.filter(authority=authority, reference=ref)
    if inspection is not None:
        return existing.filter(inspection=inspection).first()
    return existing.filter(inspection=None, source_label=source).first()


class _Writer:
    """Writes one document's kept facts (extraction's dataclasses); used inside the import's transaction."""

    def __init__(
        self,
        *,
        authority: Authority,
        document: SourceDocument,
        facts: DocumentFacts,
        by: User | None,
        extras: Extras | None = None,
        candidates: MergeCandidates | None = None,
    ) -> None:
        self.authority = authority
        self.document = document
        self.found = facts  # the text the facts were found in, before personal data was blanked
        self.text = document.text
        self.by = by
        self.extras: Extras = extras or {}
        self.created: Counter = Counter()
        self.report: list[Outcome] = []
        self.inspection: Inspection | None = None
        self.inspections: dict[str, list[Inspection]] = {}
        self.visit_rows: dict[int, Inspection] = {}
        self.recommendation_rows: dict[int, Recommendation] = {}
        # New rows wait here until flush() writes each model's in one INSERT (in the order their keys need).
        self.pending_visits: list[Inspection] = []
        self.pending_judgements: list[InspectionJudgement] = []
        self.pending_owners: list[Owner] = []
        self.pending_recommendations: list[Recommendation] = []
        self.pending_measures: list[Measure] = []
        self.pending_actions: list[tuple[Action, list]] = []
        self.pending_values: list[MeasureValue] = []
        self.pending_decisions: list[Decision] = []
        self.frameworks: dict[tuple[str, dt.date | None], Framework | None] = {}
        # Every record of the council's this document could merge with, or its reviewer picked: one statement.
        keys = merge_keys(facts=facts, extras=self.extras)
        found = candidates or merge_candidates(authority_id=authority.pk, **keys)
        self.owners: dict[str, Owner] = {o.role_key: o for o in found.owners}
        self.measures: dict[str, Measure] = {m.name_key: m for m in found.measures}
        for family in {kind_family(_visit_kind(v)) for v in facts.visits}:
            self.inspections[family] = []
        for inspection in found.visits:
            family = kind_family(inspection.kind)
            if family in self.inspections:
                self.inspections[family].append(inspection)
        self.graded_areas = found.graded_areas
        self.recommendations_by_ref: dict[str, list[Recommendation]] = {}
        for rec in found.recommendations:
            self.recommendations_by_ref.setdefault(rec.reference, []).append(rec)
        self.framework_list = found.frameworks
        self.framework_terms_read = False
        self.themes: dict[int, Theme | None] = dict.fromkeys(keys["theme_ids"])
        self.themes.update((t.pk, t) for t in found.themes)
        self.picked: dict[tuple[type, str], object] = {}
        for model, ids, records in (
            (Inspection, keys["visit_ids"], found.picked_visits),
            (Recommendation, keys["recommendation_ids"], found.picked_recommendations),
        ):
            by_id = {r.pk: r for r in records}
            for pk in ids:
                self.picked[(model, f"id:{pk}")] = by_id.get(pk)

    def choices_for(self, kind: str, index: int) -> dict:
        """What the lead chose on the review page for this fact beyond its fields (keep separate, a person)."""
        return self.extras.get((kind, index)) or {}

    def outcome(
        self, kind: str, index: int, status: str, label: str, record: Model | None = None, reason: str = ""
    ) -> None:
        self.report.append(Outcome(kind, index, status, label, record, reason))

    def provenance(self, fact: Fact | None) -> dict:
        if fact is None:
            return {"source_document": self.document}
        start, end = fact.quote_start, fact.quote_end
        if self.expected_quote(start, end) != fact.quote:
            raise ImportRefused(f"a quote is not a verbatim span of the text: {fact.quote[:60]!r}")
        return {
            "source_document": self.document,
            "source_quote": self.text[start:end],
            "source_start": start,
            "source_end": end,
        }

    def expected_quote(self, start: int, end: int) -> str:
        """The text's span as extraction quotes it: verbatim, with personal data redacted."""
        return extraction.redact(self.found.text[start:end], start, self.found.privacy_flags)

    def owner(self, title: str, fact: Fact | None = None, person_name: str = "") -> tuple[Owner | None, bool]:
        """The council's owner of this title (made when new, written by flush()), and whether it was made now."""
        title = " ".join((title or "").split())
        if not title:
            return None, False
        key = extraction.normalise_role(title)
        if key not in self.owners:
            owner = Owner(
                authority=self.authority, role_title=title[:200], person_name=person_name[:200], **self.provenance(fact)
            )
            owner.role_key = extraction.normalise_role(owner.role_title)  # as Owner.save() keeps it
            self.pending_owners.append(owner)
            self.created["owners"] += 1
            self.owners[key] = owner
            return owner, True
        owner = self.owners[key]
        if person_name and not owner.person_name:
            owner.person_name = person_name[:200]
            if owner.pk is not None:  # one made by this document is written with its name
                owner.save(update_fields=["person_name", "role_key"])
        return owner, False

    def owner_item(self, index: int, item: OwnerItem) -> None:
        person_name = self.choices_for("owners", index).get("person_name") or ""
        owner, made = self.owner(item.role, item, person_name=person_name)
        if owner is None:
            self.outcome("owners", index, "left out", "Owner", reason="it has no title")
            return
        self.outcome("owners", index, "created" if made else "merged", str(owner), owner)

    def visit(self, index: int, item: Visit) -> Inspection:
        kind = _visit_kind(item)
        start = parse_fact_date(item.start)
        precision = Inspection.DatePrecision.MONTH if is_month_only(item.start) else "day"
        existing = self.inspections.setdefault(kind_family(kind), [])  # read with the document's other records
        match = None if self.choices_for("visits", index).get("separate") else visit_match(item, existing)
        judgement = item.judgement or ""
        framework = self.framework_in_force(kind, start) if judgement else None  # only a grade needs checking
        if framework:
            self.framework_terms()
        if framework and framework.overall_problem(judgement):
            judgement = ""  # never an overall grade where the framework gives none (from 1 April 2026)
        if match is None:
            end = parse_fact_date(item.end) if start else None
            match = Inspection(
                authority=self.authority,
                kind=kind,
                ordinal=item.ordinal,
                start_date=start,
                end_date=end if end and end >= start else None,
                date_precision=precision,
                focus=item.focus or "",
                overall_judgement=judgement,
                areas_for_priority_action=bool(item.priority_action),
                framework=self.framework_in_force(kind, start),  # as Inspection.save() sets it
                **self.provenance(item),
            )
            self.pending_visits.append(match)
            existing.append(match)
            self.created["visits"] += 1
            self.outcome("visits", index, "created", str(match), match)
        else:
            changed = False
            for name, value in (("focus", item.focus), ("overall_judgement", judgement)):
                if value and not getattr(match, name):
                    setattr(match, name, value)
                    changed = True
            if changed and match.pk is not None:  # one made by this document is written as it is now
                match.save()
            self.outcome("visits", index, "merged", str(match), match)
        if item.area_judgements:
            if match.pk is None:
                graded = {row.area for row in self.pending_judgements if row.inspection is match}
            else:
                known = self.graded_areas or {}
                graded = set(known[match.pk] if match.pk in known else match.judgements.values_list("area", flat=True))
                graded |= {row.area for row in self.pending_judgements if row.inspection_id == match.pk}
            framework = self.framework_by_id(match.framework_id) if match.pk is not None else match.framework
            self.framework_terms()
            self.pending_judgements.extend(
                row
                for row in judgement_rows(match, item.area_judgements.items(), framework=framework)
                if row.area not in graded  # an area already graded keeps its grade (the lead edits it)
            )
        self.inspection = self.inspection or match
        self.visit_rows[index] = match
        return match

    def framework_in_force(self, kind: str, start: dt.date | None) -> Framework | None:
        """`Framework.objects.in_force`, from the frameworks read with the document's records."""
        if (kind, start) not in self.frameworks:
            known = self.framework_list
            self.frameworks[(kind, start)] = (
                Framework.objects.in_force(kind, start)
                if known is None
                else next((f for f in known if f.grades_on(kind, start)), None)
            )
        return self.frameworks[(kind, start)]

    def framework_by_id(self, pk: int | None) -> Framework | None:
        """An existing visit's framework, from those read with the document's records."""
        if pk is None:
            return None
        if self.framework_list is None:
            return Framework.objects.filter(pk=pk).first()
        return next((f for f in self.framework_list if f.pk == pk), None)

    def framework_terms(self) -> None:
        """Read every framework's areas and grades once, the first time a grade is checked (two statements
        for the document, not two per visit)."""
        if self.framework_list is not None and not self.framework_terms_read:
            prefetch_related_objects(self.framework_list, "areas", "grades")
            self.framework_terms_read = True

    def _inspection_for(self, choice: str | None) -> Inspection | None:
        if choice is None:
            return self.inspection  # no choice made (the command line): the document's first visit
        if str(choice).startswith("found:") and str(choice)[6:].isdigit():
            return self.visit_rows.get(int(str(choice)[6:]))
        return self._pick(choice, Inspection)

    def _theme(self, choice: str | None) -> Theme | None:
        if not choice or not str(choice).isdigit():
            return None
        pk = int(choice)
        if pk not in self.themes:  # the same theme chosen for many facts: asked for once
            self.themes[pk] = Theme.objects.filter(plan__authority=self.authority, pk=pk).first()
        return self.themes[pk]

    def _pick(self, choice: object, model: type[Model]) -> Model | None:
        """`_pick`, remembered for the document: the same record chosen for many facts is asked for once."""
        key = (model, str(choice))
        if key not in self.picked:
            self.picked[key] = _pick(self.authority, choice, model)
        return self.picked[key]

    def _recommendation_match(self, ref: str, inspection: Inspection | None, source: str) -> Recommendation | None:
        """As `_recommendation_match`, from the document's recommendations read at the start (and those made since)."""
        candidates = self.recommendations_by_ref.get(ref, [])
        if inspection is None:
            found = [
                r for r in candidates if r.inspection_id is None and r.inspection is None and r.source_label == source
            ]
        elif inspection.pk is None:  # a visit this document adds: only its own new recommendations
            found = [r for r in candidates if r.pk is None and r.inspection is inspection]
        else:
            found = [r for r in candidates if r.inspection_id == inspection.pk]
        # The first saved, then those this document adds, in order (as their ids will be).
        return min(found, key=lambda r: (r.pk is None, r.pk or 0)) if found else None

    def recommendation(self, index: int, item: RecommendationItem) -> None:
        extra = self.choices_for("recommendations", index)
        ref = str(item.ref or "")[:20]
        source = (item.source or "")[:300]
        text = item.text or item.quote or ""
        inspection = self._inspection_for(extra.get("inspection"))
        theme = self._theme(extra.get("theme"))
        match = None if not ref or extra.get("separate") else self._recommendation_match(ref, inspection, source)
        if match is not None:  # never dropped without a word: reported as merged, filling what it lacked
            if theme and not match.theme_id:
                match.theme = theme
                if match.pk is not None:  # one made by this document is written with its theme
                    match.save(update_fields=["theme"])
            self.recommendation_rows[index] = match
            self.outcome("recommendations", index, "merged", str(match)[:120], match)
            return
        row = Recommendation(
            authority=self.authority,
            reference=ref,
            source_label=source,
            text=text,
            inspection=inspection,
            theme=theme,
            **self.provenance(item),
        )
        self.pending_recommendations.append(row)
        self.recommendation_rows[index] = row
        self.recommendations_by_ref.setdefault(ref, []).append(row)
        self.created["recommendations"] += 1
        self.outcome("recommendations", index, "created", str(row)[:120], row)

    def action(self, index: int, item: ActionItem) -> None:
        extra = self.choices_for("actions", index)
        owner, made = self.owner(item.owner or "", item)
        if made:
            self.outcome("owners", -1, "created", str(owner), owner, reason=f"the owner of {_short(item.title, 6)!r}")
        title = (item.title or item.quote or "Action from minutes").strip()
        action = Action(
            authority=self.authority,
            owner=owner,
            theme=self._theme(extra.get("theme")),
            title=title[:300],
            description=item.quote or "",
            due_date=due_date(item.due),
            status=ActionStatus.NOT_STARTED,
            progress=0,
            **self.provenance(item),
        )
        self.pending_actions.append((action, list(extra.get("recommendations") or [])))
        self.created["actions"] += 1
        self.outcome("actions", index, "created", title[:120], action)

    def measure(self, index: int, item: MeasureItem) -> None:
        extra = self.choices_for("measures", index)
        value = _decimal(item.value)
        if value is None:
            self.outcome("measures", index, "left out", fact_label("measures", item), reason="it has no number")
            return
        name = _measure_name(item)
        unit = item.unit if item.unit in Measure.Unit.values else Measure.Unit.OTHER
        key = _measure_key(name)
        measure = self.measures.get(key)
        target = _decimal(item.target)
        status = "merged"
        if measure is None:
            polarity = extra.get("polarity") if extra.get("polarity") in Polarity.values else Polarity.HIGHER
            measure = Measure(
                authority=self.authority,
                name=name,
                unit=unit,
                target=target,
                polarity=polarity,
                **self.provenance(item),
            )
            measure.name_key = Measure.key_for(measure.name)  # as Measure.save() keeps it
            self.pending_measures.append(measure)
            self.measures[key] = measure
            self.created["measures"] += 1
            status = "created"
        elif target is not None and measure.target is None:
            measure.target = target
            if measure.pk is not None:  # one made by this document is written with its target
                measure.save(update_fields=["target", "name_key"])
        self.outcome("measures", index, status, str(measure), measure)
        if is_target_only(item):
            return
        when = parse_fact_date(extra.get("date")) or self.document.meeting_date or timezone.localdate()
        self.pending_values.append(
            MeasureValue(
                measure=measure,
                date=when,
                value=value,
                numerator=item.numerator,
                denominator=item.denominator,
                qualifier=(item.qualifier or "")[:30],
                **self.provenance(item),
            )
        )
        self.created["measure values"] += 1

    def decision(self, index: int, item: DecisionItem) -> None:
        kind = item.kind if item.kind in Decision.Kind.values else Decision.Kind.OTHER
        decision = Decision(
            authority=self.authority,
            meeting=self.document.meeting,
            kind=kind,
            text=item.text or item.quote or kind,
            **self.provenance(item),
        )
        self.pending_decisions.append(decision)
        self.created["decisions"] += 1
        self.outcome("decisions", index, "created", fact_label("decisions", item), decision)

    def flush(self, *, also_audit: Iterable[Model] = (), new_document: bool = False) -> None:
        """Write the new rows in two round trips whatever the number of facts: their ids from the sequences in one
        statement, then one INSERT per model (each after those its keys point to) and one into the audit trail for
        them all (and for `also_audit`, saved already), sent together (rows.py). With `new_document`, the
        document itself is among them."""
        documents = [self.document] if new_document else []
        numbered = [
            documents,
            self.pending_visits,
            self.pending_judgements,
            self.pending_owners,
            self.pending_recommendations,
            self.pending_measures,
            [action for action, _ in self.pending_actions],
            self.pending_values,
            self.pending_decisions,
        ]
        ids_give(numbered)
        actions = numbered[6]
        history = [
            ProgressUpdate(
                action=action,
                kind=UpdateKind.IMPORTED,
                author=self.by,
                status=action.status,
                progress=0,
                note=f"Imported from {self.document.filename}.",
            )
            for action in actions
        ]
        links = []
        for action, (_, answers) in zip(actions, self.pending_actions, strict=True):
            for choice in answers:
                if str(choice).startswith("found:") and str(choice)[6:].isdigit():
                    rec = self.recommendation_rows.get(int(str(choice)[6:]))
                else:
                    rec = self._pick(choice, Recommendation)
                if rec is not None:
                    links.append(Action.recommendations.through(action_id=action.pk, recommendation_id=rec.pk))
        written = [Rows(objs) for objs in numbered[:7]]
        written += [Rows(history, numbered=False), Rows(links, numbered=False, ignore_conflicts=True)]
        written += [Rows(objs) for objs in numbered[7:]]
        statements = [statement for rows in written for statement in insert_statements(rows)]
        # bulk_create sends no signals: the audit trail records these rows here, in the same round trip, after
        # the INSERTs are made (their stamps set).
        entries = Rows(audit_created_entries([*also_audit, *(obj for objs in numbered for obj in objs)]), False)
        rows_insert([*statements, *insert_statements(entries)], [*written, entries])


def merge_keys(*, facts: DocumentFacts, extras: Extras | None) -> dict:
    """What `merge_candidates` reads for these facts: the owners' and measures' keys, the visits' kinds (with their
    families) and what `visit_match` could merge each with, the recommendations' references, and the themes,
    visits and recommendations the reviewer picked.

    The visits: a dated item's same day, and its month where either date gives only a month (`visit_days`,
    `visit_months` when the item's date is a month, `visit_day_months` when it is a day); an undated visit of its
    ordinal (`undated_ordinals`); an undated item's ordinal (`visit_ordinals`), else undated unnumbered visits
    (`unnumbered`, when it names a focus)."""
    days, months, day_months, ordinals, undated_ordinals, unnumbered = set(), set(), set(), set(), set(), False
    for item in facts.visits:
        start = parse_fact_date(item.start)
        if start:
            if is_month_only(item.start):
                months.add(start.replace(day=1))
            else:
                days.add(start)
                day_months.add(start.replace(day=1))
            if item.ordinal:
                undated_ordinals.add(item.ordinal)
        elif item.ordinal:
            ordinals.add(item.ordinal)
        elif item.focus:
            unnumbered = True
    role_keys = {extraction.normalise_role(o.role or "") for o in facts.owners}
    role_keys |= {extraction.normalise_role(a.owner or "") for a in facts.actions}
    theme_ids, visit_ids, recommendation_ids = set(), set(), set()
    for (kind, _), choices in (extras or {}).items():
        theme = str((choices or {}).get("theme") or "")
        if theme.isdigit():
            theme_ids.add(int(theme))
        if kind == "recommendations":
            visit_ids |= _picked_ids([(choices or {}).get("inspection")])
        if kind == "actions":
            recommendation_ids |= _picked_ids((choices or {}).get("recommendations") or [])
    return {
        "role_keys": role_keys - {""},
        "name_keys": {_measure_key(_measure_name(m)) for m in facts.measures},
        "visit_kinds": {k for v in facts.visits for k in kinds_in_family(_visit_kind(v))},
        "visit_days": days,
        "visit_months": months,
        "visit_day_months": day_months,
        "visit_ordinals": ordinals,
        "undated_ordinals": undated_ordinals,
        "unnumbered": unnumbered,
        "graded": any(v.area_judgements for v in facts.visits),
        "refs": {str(r.ref or "")[:20] for r in facts.recommendations} - {""},
        "theme_ids": theme_ids,
        "visit_ids": visit_ids,
        "recommendation_ids": recommendation_ids,
        "frameworks": bool(facts.visits),
    }


def _picked_ids(choices: Iterable[object]) -> set[int]:
    """The ids in "id:12" choices (a record the reviewer picked)."""
    return {int(str(c)[3:]) for c in choices if c and str(c).startswith("id:") and str(c)[3:].isdigit()}


def _measure_name(item: MeasureItem) -> str:
    return (item.name or "").strip()[:300] or "Measure from minutes"


def _measure_key(name: str) -> str:
    return Measure.key_for(name.strip()[:300])  # the stored name is cut at 300 characters


def write_facts(
    *,
    writer: _Writer,
    facts: DocumentFacts,
    keep: dict[str, set[int]] | None,
    skip: dict[str, set[int]] | None = None,
) -> None:
    """Write the facts kept (all, unless `keep` names indexes per kind), except those starting where `skip` says.

    Every fact gets a line in `writer.report`, the left-out ones too."""
    for kind, write in (
        ("visits", writer.visit),
        ("owners", writer.owner_item),
        ("recommendations", writer.recommendation),
        ("actions", writer.action),
        ("measures", writer.measure),
        ("decisions", writer.decision),
    ):
        for index, fact in enumerate(getattr(facts, kind)):
            if skip and fact.quote_start in skip.get(kind, set()):
                writer.outcome(kind, index, "already saved", fact_label(kind, fact))
                continue
            if keep is not None and index not in keep.get(kind, set()):
                writer.outcome(kind, index, "left out", fact_label(kind, fact), reason="you left it unticked")
                continue
            write(index, fact)
