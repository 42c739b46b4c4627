from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from improvement.formats import govuk_date, govuk_month

from .authority import Authority
from .documents import Provenance
from .frameworks import Framework, InspectionTheme, JudgementArea


class Judgement(models.TextChoices):
    """The keys of Ofsted's four-point scale; each framework's wording is data (frameworks.Grade)."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement to be good"
    INADEQUATE = "inadequate", "Inadequate"


class Inspection(Provenance):
    """An Ofsted inspection or visit, or a peer, scrutiny or DfE review of the service."""

    class Kind(models.TextChoices):
        ILACS_STANDARD = "ilacs_standard", "ILACS standard inspection"
        ILACS_SHORT = "ilacs_short", "ILACS short inspection"
        INSPECTION = "inspection", "Inspection"
        FOCUSED_VISIT = "focused_visit", "Focused visit"
        MONITORING_VISIT = "monitoring_visit", "Monitoring visit"
        JTAI = "jtai", "Joint targeted area inspection"
        THEMATIC_STUDY = "thematic_study", "Thematic study"
        PEER_REVIEW = "peer_review", "Peer review"
        SCRUTINY_REVIEW = "scrutiny_review", "Scrutiny review"
        DFE_REVIEW = "dfe_review", "DfE or commissioner review"
        OTHER = "other", "Other"

    class DatePrecision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month only"

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="inspections")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    ordinal = models.PositiveSmallIntegerField(null=True, blank=True, help_text='4 for "the fourth monitoring visit".')
    title = models.CharField(max_length=300, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    focus = models.TextField(blank=True)
    overall_judgement = models.CharField(
        max_length=40, blank=True, help_text="A grade key of the framework in force; blank where it has none."
    )
    report_published = models.DateField(null=True, blank=True)
    framework = models.ForeignKey(
        Framework,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
        editable=False,
        help_text="The framework in force on the start date; set on save.",
    )
    inspection_theme = models.ForeignKey(
        InspectionTheme, null=True, blank=True, on_delete=models.SET_NULL, related_name="inspections"
    )
    report_url = models.URLField(max_length=500, blank=True, help_text="The published Ofsted report.")
    official_source = models.CharField(
        max_length=200, blank=True, help_text="The Ofsted statistics sheet or scrape it was read from, if any."
    )
    areas_for_priority_action = models.BooleanField(
        default=False, help_text="A focused visit found areas for priority action (20-working-day plan)."
    )

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = Provenance.Meta.constraints + [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="inspection_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(ordinal__isnull=True) | Q(ordinal__gte=1), name="inspection_ordinal_positive"
            ),
        ]

    def save(self, *args, **kwargs):
        self.framework = Framework.objects.in_force(self.kind, self.start_date)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "framework" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "framework"]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        framework = Framework.objects.in_force(self.kind, self.start_date)
        if framework and self.overall_judgement:
            problem = framework.overall_problem(self.overall_judgement)
            if problem:
                raise ValidationError({"overall_judgement": problem})

    @property
    def overall_grade_reported(self) -> bool:
        """False where the framework in force gives no overall grade (inspections from 1 April 2026)."""
        return self.framework is None or self.framework.has_overall_grade

    @property
    def no_overall_grade_text(self) -> str:
        """ "No overall grade (inspections from 1 April 2026)" where the framework gives none, else ""."""
        if self.framework is None or self.framework.has_overall_grade:
            return ""
        return f"No overall grade (inspections from {govuk_date(self.framework.starts_on)})"

    @property
    def overall_grade_name(self) -> str:
        if not self.overall_judgement or not self.overall_grade_reported:
            return ""
        return grade_name(self.framework, self.overall_judgement)

    def __str__(self):
        label = self.get_kind_display()
        if self.ordinal:
            label = f"{_ordinal_word(self.ordinal)} {label.lower()}"
        if self.start_date:
            month = self.date_precision == self.DatePrecision.MONTH
            label = f"{label}, {govuk_month(self.start_date) if month else govuk_date(self.start_date)}"
        return label


def _ordinal_word(n):
    words = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth"]
    return words[n - 1] if 1 <= n <= len(words) else f"{n}th"


def grade_name(framework, key: str) -> str:
    """A grade key in the framework's own wording (its grades prefetched: no query), else the standard wording."""
    if framework is not None:
        for grade in framework.grades.all():
            if grade.key == key:
                return grade.name
    try:
        return Judgement(key).label
    except ValueError:
        return key.replace("_", " ").capitalize()


class InspectionJudgement(models.Model):
    """A grade for one judgement area; the areas change with the framework (2018, 2023, 2026)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    area = models.CharField(max_length=200, help_text='e.g. "The experiences and progress of children in care".')
    judgement_area = models.ForeignKey(
        JudgementArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="judgements",
        help_text="The framework's area; blank for an area named only in minutes.",
    )
    grade = models.CharField(max_length=40, help_text="A grade key of the inspection's framework.")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "area"], name="judgement_area_unique")]

    def __str__(self):
        return f"{self.area}: {self.grade_name}"

    @property
    def grade_name(self) -> str:
        return grade_name(self.inspection.framework, self.grade)

    @property
    def area_name(self) -> str:
        """Ofsted's own name for the area where it is one of the framework's, else the words on record."""
        return self.judgement_area.name if self.judgement_area_id else self.area

    def clean(self):
        super().clean()
        framework = self.inspection.framework if self.inspection_id else None
        if framework is None:
            return
        if self.judgement_area_id and self.judgement_area.framework_id != framework.pk:
            raise ValidationError({"judgement_area": f"{framework.name} does not grade this area."})
        if not framework.grades.filter(key=self.grade).exists():
            raise ValidationError({"grade": f"{framework.name} has no grade called {self.grade!r}."})


class Recommendation(Provenance):
    """What an inspection or review asked the council to do."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="recommendations")
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.SET_NULL, related_name="recommendations"
    )
    source_label = models.CharField(max_length=300, blank=True, help_text="The review or report it comes from.")
    reference = models.CharField(max_length=20, blank=True)
    text = models.TextField()
    theme = models.ForeignKey("Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="recommendations")

    class Meta:
        ordering = ["inspection_id", "reference", "id"]

    def __str__(self):
        ref = f"Recommendation {self.reference}" if self.reference else "Recommendation"
        return f"{ref}: {self.text[:80]}"
