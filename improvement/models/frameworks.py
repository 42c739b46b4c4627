"""Inspection frameworks as dated data: which judgement areas Ofsted grades, on what scale,
and whether it gives an overall grade, for inspections starting between two dates.

Seeded by migration 0007 (ILACS 2018, the 2023 split of care leavers, no overall grade from
1 April 2026); a superuser adds the 2027 framework in the admin, with no code change.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class FrameworkQuerySet(models.QuerySet):
    def in_force(self, kind: str, on):
        """The framework that grades an inspection of this kind starting on this date, or None."""
        if on is None or not kind:
            return None
        for framework in self.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on)):
            if framework.grades_on(kind, on):
                return framework
        return None


class Framework(models.Model):
    """One version of a graded framework, e.g. "ILACS from 1 April 2026"."""

    name = models.CharField(max_length=200, unique=True)
    starts_on = models.DateField(help_text="The first inspection start date it applies to.")
    ends_on = models.DateField(null=True, blank=True, help_text="The last start date it applies to; blank if current.")
    inspection_kinds = models.JSONField(
        default=list,
        blank=True,
        help_text='The kinds of inspection it grades, e.g. ["ilacs_standard", "ilacs_short", "inspection"].',
    )
    has_overall_grade = models.BooleanField(
        default=True, help_text="Ofsted gives an overall effectiveness grade under this framework."
    )
    notes = models.TextField(blank=True, help_text="What changed, and where Ofsted says so.")

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="framework_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name

    def grades_on(self, kind: str, on) -> bool:
        """Whether it grades an inspection of this kind starting on this date (what `in_force` asks of each)."""
        if on is None or not kind:
            return False
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on) and kind in self.inspection_kinds

    def overall_problem(self, key: str) -> str:
        """Why this overall grade cannot stand under this framework, or "" if it can (grades prefetched or not)."""
        if not key:
            return ""
        if not self.has_overall_grade:
            return f"{self.name} gives no overall grade: leave the overall grade blank."
        if key not in {g.key for g in self.grades.all()}:
            return f"{self.name} has no grade called {key!r}."
        return ""

    def clean(self):
        if self.starts_on is None:
            return  # the start date's own "required" error says it
        kinds = set(self.inspection_kinds or [])
        others = Framework.objects.exclude(pk=self.pk).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on))
        if self.ends_on:
            others = others.filter(starts_on__lte=self.ends_on)
        for other in others:
            if kinds & set(other.inspection_kinds):
                raise ValidationError(
                    f"The dates overlap {other.name}: end it the day before this one starts, or change the kinds."
                )


class Grade(models.Model):
    """A point on a framework's grade scale, in Ofsted's wording ("Requires improvement to be good")."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="grades")
    key = models.SlugField(max_length=40, help_text='Stored on judgements, e.g. "requires_improvement".')
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0, help_text="1 is the best grade.")

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "key"], name="grade_key_unique_per_framework")]

    def __str__(self):
        return self.name


class JudgementArea(models.Model):
    """An area a framework grades, named as Ofsted names it."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    key = models.SlugField(max_length=60, help_text='e.g. "care_leavers".')
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "key"], name="area_key_unique_per_framework")]

    def __str__(self):
        return self.name


class InspectionTheme(models.Model):
    """A theme Ofsted gives a joint targeted area inspection or a focused visit, with its dates."""

    class Kind(models.TextChoices):
        JTAI = "jtai", "Joint targeted area inspection"
        FOCUSED_VISIT = "focused_visit", "Focused visit"
        MONITORING_VISIT = "monitoring_visit", "Monitoring visit"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    agencies = models.CharField(
        max_length=300, blank=True, help_text="The inspectorates and partner agencies, e.g. police, health, probation."
    )

    class Meta:
        ordering = ["kind", "starts_on", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="inspection_theme_unique_per_kind")]

    def __str__(self):
        return self.name
