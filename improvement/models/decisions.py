from django.db import models

from .authority import Authority, Meeting
from .documents import Provenance


class Decision(Provenance):
    """A resolution recorded in the minutes ("That the report be noted")."""

    class Kind(models.TextChoices):
        NOTED = "noted", "Noted"
        RECEIVED = "received", "Received"
        AGREED = "agreed", "Agreed"
        APPROVED = "approved", "Approved"
        ENDORSED = "endorsed", "Endorsed"
        COMMENTED = "commented", "Commented"
        RECOMMENDED = "recommended", "Recommended"
        DEFERRED = "deferred", "Deferred"
        OTHER = "other", "Other"

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)
    text = models.TextField()

    class Meta:
        ordering = ["-id"]

    def __str__(self):
        return self.text[:100]
