"""A plan's public page for the council's website: off until the lead switches it on, and a record
of every time what was public changed."""

from django.conf import settings
from django.db import models

from .measures import Measure
from .plans import ImprovementPlan


class PublicView(models.Model):
    """Whether a plan is public now, and which of its council's measures the public page shows."""

    plan = models.OneToOneField(ImprovementPlan, on_delete=models.CASCADE, related_name="public_view")
    published = models.BooleanField(default=False, help_text="Show this plan on a public page, with no sign-in.")
    measures = models.ManyToManyField(Measure, blank=True, related_name="public_views")

    class Meta:
        verbose_name = "public page"

    def __str__(self):
        return f"Public page of {self.plan}: {'on' if self.published else 'off'}"


class Publication(models.Model):
    """Append-only: each change to what the public could see, who made it and when."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="publications")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    published = models.BooleanField(help_text="Whether the plan was public after this change.")
    measures = models.JSONField(default=list, blank=True, help_text="The names of the measures made public.")
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.plan}: {'published' if self.published else 'withdrawn'} at {self.at:%Y-%m-%d %H:%M}"
