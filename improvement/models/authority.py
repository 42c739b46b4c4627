from django.contrib.auth.models import AbstractUser
from django.db import models

from improvement.formats import govuk_date


class Authority(models.Model):
    """A council. Every other record belongs to exactly one."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    ons_code = models.CharField(
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        help_text="The ONS area code Ofsted and the DfE use (E06, E08, E09 or E10 and six digits).",
    )
    old_la_code = models.CharField(max_length=3, blank=True, help_text="The DfE's three-digit code, e.g. 202.")
    ofsted_region = models.CharField(max_length=60, blank=True)
    # Reminder policy (issue: deadline reminders); defaults are the team's standard policy.
    reminder_days_before = models.CharField(
        max_length=40,
        default="14,3,0",
        help_text="Days before the due date to remind, comma separated; 0 is the due date.",
    )
    overdue_repeat_days = models.PositiveSmallIntegerField(
        default=7, help_text="Remind again this often while overdue."
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        default=7, help_text="Escalate to the owner's line manager when overdue by more than this many days."
    )
    stale_update_days = models.PositiveSmallIntegerField(
        default=30, help_text="Nudge owners whose action has had no update for this many days before a committee."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A person who signs in. Belongs to one authority; superusers may have none."""

    authority = models.ForeignKey(Authority, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    reminders_opt_out = models.BooleanField(
        default=False, help_text="Receive no reminders except escalations of overdue actions."
    )

    class Meta:
        ordering = ["username"]

    def __str__(self):
        return self.get_full_name() or self.username


class Meeting(models.Model):
    """A committee meeting on record: what "since the last committee" counts from."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="meetings")
    committee = models.CharField(max_length=200)
    date = models.DateField()

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "committee", "date"], name="meeting_unique_per_committee_day")
        ]

    def __str__(self):
        return f"{self.committee}, {govuk_date(self.date)}"
