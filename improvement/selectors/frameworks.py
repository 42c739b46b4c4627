"""Reads of the inspection frameworks: what an inspection on a date is graded on.

`areas_for(date)` is what a form asks before offering judgement fields: the areas in
Ofsted's words, the grade scale, and whether to ask for an overall grade at all.
`with_judgements(queryset)` is what a page uses to show area grades side by side with no
query per inspection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, Prefetch, QuerySet

from improvement.extraction.ofsted_outcomes import FrameworkPeriod
from improvement.formats import govuk_date
from improvement.models import Framework, Grade, Inspection, InspectionJudgement, JudgementArea

DEFAULT_KIND = Inspection.Kind.ILACS_STANDARD


@dataclass
class Offer:
    """What to ask for an inspection: empty areas and grades where nothing is graded (a visit, or before 2018)."""

    framework: Framework | None
    areas: list[JudgementArea] = field(default_factory=list)
    grades: list[Grade] = field(default_factory=list)
    has_overall_grade: bool = False

    @property
    def area_choices(self) -> list[tuple[str, str]]:
        return [(a.key, a.name) for a in self.areas]

    @property
    def grade_choices(self) -> list[tuple[str, str]]:
        return [(g.key, g.name) for g in self.grades]

    @property
    def no_overall_grade_text(self) -> str:
        """ "No overall grade (inspections from 1 April 2026)", or "" where there is one."""
        if self.framework is None or self.has_overall_grade:
            return ""
        return f"No overall grade (inspections from {govuk_date(self.framework.starts_on)})"


def areas_for(on: date | None, kind: str = DEFAULT_KIND) -> Offer:
    """The areas, grades and overall-grade rule for an inspection of this kind starting on this date: 3 queries."""
    framework = Framework.objects.in_force(kind, on)
    if framework is None:
        return Offer(framework=None)
    return Offer(
        framework=framework,
        areas=list(framework.areas.all()),
        grades=list(framework.grades.all()),
        has_overall_grade=framework.has_overall_grade,
    )


def periods() -> tuple[FrameworkPeriod, ...]:
    """The frameworks as plain data, for the pure extraction code: 1 query."""
    return tuple(
        FrameworkPeriod(f.starts_on, f.ends_on, f.has_overall_grade, tuple(f.inspection_kinds))
        for f in Framework.objects.all()
    )


def grade_words() -> dict[str, str]:
    """Every framework's grade wording, lower case, to its key (for reading Ofsted's files): 1 query."""
    return {g.name.lower(): g.key for g in Grade.objects.all()}


def with_judgements(inspections: QuerySet) -> QuerySet:
    """Inspections with their framework, its grades and their area grades in the framework's order.

    Two queries beyond the inspections' own, whatever the number of inspections."""
    judgements = InspectionJudgement.objects.select_related("judgement_area").order_by(
        F("judgement_area__order").asc(nulls_last=True), "id"
    )
    return inspections.select_related("framework").prefetch_related(
        Prefetch("judgements", queryset=judgements), "framework__grades"
    )
