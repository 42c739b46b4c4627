"""The DfE's statistical neighbours: for each council, the ten most like it, nearest first."""

from django.db import models
from django.db.models import Q

from .authority import Authority


class Closeness(models.TextChoices):
    EXTREMELY_CLOSE = "Extremely close"
    VERY_CLOSE = "Very close"
    CLOSE = "Close"
    SOMEWHAT_CLOSE = "Somewhat close"
    NOT_CLOSE = "Not close"


class StatisticalNeighbour(models.Model):
    """One of a council's ten neighbours in a DfE model (e.g. 2025); the neighbour may not be in the tracker."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="statistical_neighbours")
    rank = models.PositiveSmallIntegerField(help_text="1 is the nearest.")
    neighbour = models.ForeignKey(Authority, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    neighbour_name = models.CharField(max_length=200, help_text="As the DfE's file names it.")
    closeness = models.CharField(max_length=20, choices=Closeness.choices, blank=True)
    model = models.CharField(max_length=40, default="sn_model_2025", help_text="The DfE model it comes from.")

    class Meta:
        ordering = ["authority", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "rank"], name="neighbour_rank_unique"),
            models.CheckConstraint(condition=Q(rank__gte=1) & Q(rank__lte=10), name="neighbour_rank_1_to_10"),
        ]

    def __str__(self):
        return f"{self.authority}: {self.rank}. {self.neighbour_name}"
