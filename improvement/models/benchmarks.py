"""Which column of a published DfE or Ofsted table is which of a council's measures: chosen once
by the lead, remembered for the next file."""

from django.db import models

from .authority import Authority
from .measures import Measure


class BenchmarkMapping(models.Model):
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="benchmark_mappings")
    column = models.CharField(max_length=100, help_text="The table's column, in lower case, e.g. turnover_rate_fte.")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="benchmark_mappings")

    class Meta:
        ordering = ["authority", "column"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "column"], name="benchmark_column_once_per_authority")
        ]

    def __str__(self):
        return f"{self.column} \u2192 {self.measure}"
