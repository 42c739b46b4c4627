from django.db import models
from django.db.models import F, Q

from .authority import Authority
from .documents import Provenance


class Judgement(models.TextChoices):
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
    overall_judgement = models.CharField(max_length=24, choices=Judgement.choices, blank=True)
    report_published = models.DateField(null=True, blank=True)
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

    def __str__(self):
        label = self.get_kind_display()
        if self.ordinal:
            label = f"{_ordinal_word(self.ordinal)} {label.lower()}"
        if self.start_date:
            fmt = "%B %Y" if self.date_precision == self.DatePrecision.MONTH else "%-d %B %Y"
            label = f"{label}, {self.start_date:{fmt}}"
        return label


def _ordinal_word(n):
    words = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth"]
    return words[n - 1] if 1 <= n <= len(words) else f"{n}th"


class InspectionJudgement(models.Model):
    """A grade for one judgement area; the areas change with the framework (2018, 2023, 2026)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    area = models.CharField(max_length=200, help_text='e.g. "The experiences and progress of children in care".')
    grade = models.CharField(max_length=24, choices=Judgement.choices)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "area"], name="judgement_area_unique")]

    def __str__(self):
        return f"{self.area}: {self.get_grade_display()}"


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
