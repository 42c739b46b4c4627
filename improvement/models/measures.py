from django.db import models
from django.db.models import F, Q

from improvement.formats import govuk_date

from .authority import Authority
from .documents import Provenance


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class Measure(Provenance):
    class Unit(models.TextChoices):
        PERCENT = "%", "Per cent"
        CASES = "cases", "Cases"
        STAFF = "staff", "Staff"
        COUNT = "count", "Count"
        DAYS = "days", "Days"
        MONTHS = "months", "Months"
        OTHER = "other", "Other"

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(max_length=300)
    name_key = models.CharField(max_length=300, editable=False)
    unit = models.CharField(max_length=8, choices=Unit.choices, default=Unit.PERCENT)
    polarity = models.CharField(max_length=6, choices=Polarity.choices, default=Polarity.HIGHER)
    target = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    tolerance = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="How far from target still counts as amber rather than red.",
    )

    class Meta:
        ordering = ["name"]
        constraints = Provenance.Meta.constraints + [
            models.UniqueConstraint(fields=["authority", "name_key"], name="measure_name_unique_per_authority"),
            models.CheckConstraint(
                condition=Q(tolerance__isnull=True) | Q(tolerance__gte=0), name="measure_tolerance_not_negative"
            ),
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def key_for(name: str) -> str:
        """The key two names of one measure share: lower case, one space between words, straight apostrophes."""
        return " ".join(name.lower().replace("\u2019", "'").split())

    def save(self, *args, **kwargs):
        self.name_key = Measure.key_for(self.name)
        super().save(*args, **kwargs)


class Suppression(models.TextChoices):
    """The DfE's symbols for a figure it does not publish: stored as such, never as zero."""

    SUPPRESSED = "c", "c: suppressed to protect confidentiality"
    ROUNDS_TO_ZERO = "k", "k: rounds to 0"
    LOW_RELIABILITY = "u", "u: low reliability"
    UNAVAILABLE = "x", "x: not available"
    NOT_APPLICABLE = "z", "z: not applicable"
    LOW = "low", "low: a small number"


class MeasureValue(Provenance):
    # PROTECT: a measure's values are its history; deleting the measure never deletes them.
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="values")
    date = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    suppression = models.CharField(
        max_length=3, choices=Suppression.choices, blank=True, help_text="Why there is no figure, where there is none."
    )
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    qualifier = models.CharField(max_length=30, blank=True, help_text='"at least", "less than", "approximately"...')
    england = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    region = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    statistical_neighbours = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["measure_id", "-date", "-id"]
        indexes = [models.Index(fields=["measure", "-date"], name="measurevalue_latest")]
        constraints = Provenance.Meta.constraints + [
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0), name="measurevalue_denominator_positive"
            ),
            models.CheckConstraint(
                condition=(Q(value__isnull=False) & Q(suppression="")) | (Q(value__isnull=True) & ~Q(suppression="")),
                name="measurevalue_figure_or_suppression",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(denominator__isnull=True) | Q(numerator__lte=F("denominator")),
                name="measurevalue_numerator_within_denominator",
            ),
        ]

    def __str__(self):
        return (
            f"{self.measure}: {self.value if self.value is not None else self.suppression} on {govuk_date(self.date)}"
        )
