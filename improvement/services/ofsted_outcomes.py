"""Ofsted's outcomes for every council, written as councils, inspections, visits and area grades.

`outcomes_preview` reads the file and says what saving would do, writing nothing;
`outcomes_import` does it in one transaction. Councils are matched by ONS code, then by
normalised name; a council with a code the tracker does not know is created; a row that
names no code and no known council is reported, never guessed. An inspection or visit the
minutes importer already made (same council, kind and start date) is merged, keeping both
sources: its quote from the minutes and the statistics sheet it now also comes from. The
same file twice changes nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.text import slugify

from improvement.extraction.judgements import GRADED_KINDS
from improvement.extraction.ofsted_outcomes import SCRAPE, OutcomeRow, OutcomesError, parse_outcomes
from improvement.models import Authority, Framework, Inspection, InspectionJudgement, InspectionTheme
from improvement.selectors.frameworks import grade_words, periods
from improvement.services.audit import audit_bulk_created
from improvement.services.importing.writer import judgement_rows, kinds_in_family, same_inspection

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["OutcomesError", "OutcomesPlan", "outcomes_import", "outcomes_preview"]

MAX_BYTES = 20 * 1024 * 1024
SOURCE_LABELS = {SCRAPE: "the daily scrape of Ofsted reports"}
NAME_NOISE = re.compile(
    r"\b(?:the|council|county|borough|metropolitan|district|city|of|royal|london|unitary|authority|mbc|cc|bc)\b"
)


@dataclass
class OutcomesPlan:
    """What saving the file does (or did): counts, the councils it creates, the rows it could not place."""

    filename: str
    sheets: list[str] = field(default_factory=list)
    rows: int = 0
    councils_created: list[str] = field(default_factory=list)
    councils_updated: list[str] = field(default_factory=list)
    created: Counter = field(default_factory=Counter)  # "inspections", "visits", "judgements"
    updated: Counter = field(default_factory=Counter)
    merged_with_minutes: list[str] = field(default_factory=list)
    unchanged: int = 0
    not_placed: list[str] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(self.councils_created or self.councils_updated or self.created or self.updated)

    def summary(self) -> list[str]:
        """The plan in plain sentences, for the command and the page."""

        def n(count: int, noun: str) -> str:
            return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

        lines = [f"{n(self.rows, 'row')} read from {', '.join(self.sheets)}."]
        if not self.changes_anything:
            lines.append("Nothing to change: the tracker already holds everything in this file.")
        lines.append(
            f"Councils: {len(self.councils_created)} new, {len(self.councils_updated)} with a new code or region."
        )
        lines.append(
            f"Inspections: {self.created['inspections']} new, {self.updated['inspections']} updated. "
            f"Visits: {self.created['visits']} new, {self.updated['visits']} updated. "
            f"Area grades: {self.created['judgements']} new, {self.updated['judgements']} corrected. "
            f"Already up to date: {self.unchanged}."
        )
        if self.merged_with_minutes:
            lines.append(
                f"Merged with what the minutes said: {n(len(self.merged_with_minutes), 'inspection or visit')}."
            )
        if self.not_placed:
            lines.append(f"Not placed: {n(len(self.not_placed), 'row')} (listed below).")
        return lines


def normalised_name(name: str) -> str:
    """ "The Royal Borough of Kingston upon Thames Council" and "Kingston upon Thames" alike."""
    text = name.lower().replace("&", " and ").replace("\u2019", "'")
    text = re.sub(r"[^a-z' ]+", " ", text).replace("'", "")
    return " ".join(NAME_NOISE.sub(" ", text).split())


def outcomes_preview(*, data: bytes, filename: str) -> OutcomesPlan:
    """What importing the file would do; writes nothing. Raises OutcomesError for a file it cannot read."""
    return _Importer(data, filename, save=False).run()


def outcomes_import(*, data: bytes, filename: str) -> OutcomesPlan:
    """Import the file in one transaction: all of it, or nothing if anything fails."""
    with transaction.atomic():
        return _Importer(data, filename, save=True).run()


class _Importer:
    def __init__(self, data: bytes, filename: str, *, save: bool) -> None:
        if len(data) > MAX_BYTES:
            raise OutcomesError(f"is larger than {MAX_BYTES // (1024 * 1024)} MB")
        self.parsed = parse_outcomes(data, filename, grades=grade_words(), periods=periods())
        self.save = save
        self.plan = OutcomesPlan(filename=filename, sheets=self.parsed.sheets, rows=len(self.parsed.rows))
        self.plan.not_placed = [str(p) for p in self.parsed.problems]
        authorities = list(Authority.objects.all())
        self.by_code = {a.ons_code: a for a in authorities if a.ons_code}
        self.by_name = {}
        for a in authorities:
            self.by_name.setdefault(normalised_name(a.name), a)
        self.themes = {(t.kind, t.name.lower()): t for t in InspectionTheme.objects.all()}
        self.inspections: dict[tuple[int, str], list[Inspection]] = {}
        self.frameworks = list(Framework.objects.prefetch_related("areas", "grades"))

    def run(self) -> OutcomesPlan:
        for row in self.parsed.rows:
            authority = self.authority(row)
            if authority is None:
                continue
            self.inspection(authority, row)
        return self.plan

    def authority(self, row: OutcomeRow) -> Authority | None:
        found = self.by_code.get(row.ons_code) if row.ons_code else None
        if found is None:
            found = self.by_name.get(normalised_name(row.la_name))
            if found is not None and found.ons_code and row.ons_code and found.ons_code != row.ons_code:
                self.plan.not_placed.append(
                    f"{row.sheet}, row {row.row}: {row.la_name} has the code {row.ons_code}, but the tracker's "
                    f"{found.name} has {found.ons_code}"
                )
                return None
        if found is None:
            if not row.ons_code:
                self.plan.not_placed.append(
                    f"{row.sheet}, row {row.row}: no council in the tracker is called {row.la_name!r}, and the row "
                    "gives no area code to add it by"
                )
                return None
            found = Authority(name=row.la_name, ons_code=row.ons_code, ofsted_region=row.region)
            if self.save:
                found.slug = self._slug(row.la_name)
                found.save()
            self.plan.councils_created.append(f"{row.la_name} ({row.ons_code})")
            self.by_code[row.ons_code] = found
            self.by_name[normalised_name(row.la_name)] = found
            return found
        changed = []
        if row.ons_code and not found.ons_code:
            found.ons_code = row.ons_code
            self.by_code[row.ons_code] = found
            changed.append("ons_code")
        if row.region and found.ofsted_region != row.region:
            found.ofsted_region = row.region
            changed.append("ofsted_region")
        if changed:
            self.plan.councils_updated.append(found.name)
            if self.save:
                found.save(update_fields=changed)
        return found

    def _slug(self, name: str) -> str:
        base = slugify(name)[:70] or "council"
        slug, n = base, 2
        while Authority.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def _existing(self, authority: Authority, kind: str) -> list[Inspection]:
        family = kinds_in_family(kind)
        key = (authority.pk or id(authority), family[0])
        if key not in self.inspections:
            self.inspections[key] = (
                list(
                    Inspection.objects.filter(authority=authority, kind__in=family).prefetch_related(
                        "judgements__judgement_area"
                    )
                )
                if authority.pk
                else []
            )
        return self.inspections[key]

    def framework(self, kind: str, start: dt.date) -> Framework | None:
        return next(
            (
                f
                for f in self.frameworks
                if kind in f.inspection_kinds and f.starts_on <= start and (f.ends_on is None or start <= f.ends_on)
            ),
            None,
        )

    def inspection(self, authority: Authority, row: OutcomeRow) -> None:
        noun = "inspections" if row.kind in GRADED_KINDS else "visits"
        existing = self._existing(authority, row.kind)
        match = same_inspection(existing, row.start)
        framework = self.framework(row.kind, row.start)
        source = f"Ofsted official statistics, sheet {row.sheet}" if row.sheet != SCRAPE else SOURCE_LABELS[SCRAPE]
        theme = self.themes.get((row.kind, row.theme.lower())) if row.theme else None
        values = {
            "report_published": row.published,
            "report_url": row.link[:500],
            "official_source": source[:200],
            "overall_judgement": row.overall,
            "end_date": row.end,
            "inspection_theme": theme,
        }
        if match is None:
            inspection = Inspection(
                authority=authority,
                kind=row.kind,
                start_date=row.start,
                focus=row.theme[:1000],
                **{k: v for k, v in values.items() if v is not None},
            )
            grades = judgement_rows(inspection, row.areas.items(), framework=framework)
            if self.save:
                inspection.save()
                audit_bulk_created(InspectionJudgement.objects.bulk_create(grades))
            existing.append(inspection)
            self.plan.created[noun] += 1
            self.plan.created["judgements"] += len(grades)
            return
        from_minutes = bool(match.source_document_id) and not match.official_source
        label = str(match)
        changed = []
        if match.kind == Inspection.Kind.INSPECTION and row.kind != match.kind:
            match.kind = row.kind  # the minutes said "an inspection"; Ofsted says which
            changed.append("kind")
        if match.start_date != row.start:  # the minutes gave the month only
            match.start_date, match.date_precision = row.start, Inspection.DatePrecision.DAY
            changed += ["start_date", "date_precision"]
        for name, value in values.items():
            if value in (None, ""):
                continue  # Ofsted gives nothing here: keep what is on record
            if getattr(match, name) != value:
                setattr(match, name, value)
                changed.append(name)
        if framework is not None and match.overall_judgement and framework.overall_problem(match.overall_judgement):
            match.overall_judgement = ""  # never an overall grade where the framework gives none
            changed.append("overall_judgement")
        if row.theme and not match.focus:
            match.focus = row.theme[:1000]
            changed.append("focus")
        if match.end_date and match.end_date < match.start_date:
            match.end_date = None
            changed.append("end_date")
        grades_changed = self._judgements(match, row, framework)
        if not (changed or grades_changed):
            self.plan.unchanged += 1
            return
        self.plan.updated[noun] += 1
        if from_minutes:
            self.plan.merged_with_minutes.append(f"{authority.name}: {label}")
        if self.save and changed:
            match.save(update_fields=sorted(set(changed)))

    def _judgements(self, inspection: Inspection, row: OutcomeRow, framework: Framework | None) -> bool:
        """Add or correct an existing inspection's area grades to Ofsted's; True if any change."""
        have = {}
        for j in inspection.judgements.all():
            have[j.judgement_area.key if j.judgement_area_id else j.area] = j
        changed = False
        for new in judgement_rows(inspection, row.areas.items(), framework=framework):
            old = have.get(new.judgement_area.key if new.judgement_area else new.area) or have.get(new.area)
            if old is None:
                self.plan.created["judgements"] += 1
                changed = True
                if self.save:
                    new.save()
            elif old.grade != new.grade or old.judgement_area_id != getattr(new.judgement_area, "pk", None):
                self.plan.updated["judgements"] += 1
                changed = True
                if self.save:
                    old.grade, old.judgement_area, old.area = new.grade, new.judgement_area, new.area
                    old.save(update_fields=["grade", "judgement_area", "area"])
        return changed
