from django.db import models


class ReminderKind(models.TextChoices):
    BEFORE = "before", "Due soon"
    DUE = "due", "Due today"
    OVERDUE = "overdue", "Overdue"
    ESCALATION = "escalation", "Escalated to line manager"
    ESCALATION_COPY = "escalation_copy", "Escalation copied to owner"
    UPDATES_MISSING = "updates_missing", "Update missing before committee"
    NO_EMAIL = "no_email", "Owner has no email address"


class Reminder(models.Model):
    """One reminder about one action; the unique constraint is what makes it exactly-once.

    A sweep claims a reminder with ``INSERT ... ON CONFLICT DO NOTHING RETURNING``: it owns the
    rows that come back; a row another sweep inserted first (or is inserting at this moment)
    does not come back, so each reminder belongs to exactly one sweep.
    """

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
            models.UniqueConstraint(
                fields=["action", "kind", "due_on"],
                name="reminder_once_per_action_kind_day",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for action {self.action_id} ({self.due_on})"


class Digest(models.Model):
    """One email to one address from one sweep: every reminder that address gets that day.

    The row is written in the same transaction that claims its reminders, before anything is
    queued, so the intent to send survives a broker outage. Its Message-ID is generated once,
    here, so a resend after a worker died mid-send carries the same ID and mail clients fold it.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"

    authority = models.ForeignKey("Authority", on_delete=models.CASCADE, related_name="reminder_digests")
    to_email = models.EmailField()
    to_name = models.CharField(max_length=200, blank=True)
    sweep_on = models.DateField(help_text="The day of the sweep that wrote this digest.")
    message_id = models.CharField(max_length=255, unique=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True, help_text="Last time it was handed to the broker.")
    sent_at = models.DateTimeField(null=True, blank=True)
    reminders = models.ManyToManyField(Reminder, related_name="digests", blank=True, through="DigestReminder")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "enqueued_at"], name="digest_state_enqueued")]

    def __str__(self):
        return f"Reminders for {self.to_email} ({self.sweep_on})"


class DigestReminder(models.Model):
    """A reminder's place in a digest (a reminder routed to the improvement leads is in one digest per lead).

    The table Django would make for ``Digest.reminders``, less two things it would add. Its two
    columns have no foreign-key constraints in the database: the only writer is the sweep, which
    copies a day's links in the transaction that inserts both the reminders and the digests they
    join, taking the ids from those inserts, and deleting either end deletes its links through
    Django's collector (``on_delete``), as ``tests/reminders/test_digest_links.py`` checks. The
    constraints cost the sweep a third of its time over 100,000 actions: PostgreSQL checks each of
    a day's 50,000 links against both tables one row at a time at the commit. And there is no index
    on the digest alone: the unique (digest, reminder) index already finds a digest's links.
    """

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, db_constraint=False, db_index=False)
    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, db_constraint=False)

    class Meta:
        db_table = "improvement_digest_reminders"
        unique_together = [("digest", "reminder")]

    def __str__(self):
        return f"Reminder {self.reminder_id} in digest {self.digest_id}"
