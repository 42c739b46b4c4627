from django.db import models


class ReminderKind(models.TextChoices):
    BEFORE = "before", "Due soon"
    DUE = "due", "Due today"
    OVERDUE = "overdue", "Overdue"
    ESCALATION = "escalation", "Escalated to line manager"
    UPDATES_MISSING = "updates_missing", "Update missing before committee"
    NO_EMAIL = "no_email", "Owner has no email address"


class Reminder(models.Model):
    """One reminder about one action; the unique constraint is what makes it exactly-once."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"

    action = models.ForeignKey("Action", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    due_on = models.DateField(help_text="The occasion this reminder is for (the due date, or the overdue week).")
    recipient = models.EmailField(blank=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["action", "kind", "due_on"], name="reminder_once_per_action_kind_day")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for action {self.action_id} ({self.due_on})"
