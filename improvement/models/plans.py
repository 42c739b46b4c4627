from django.conf import settings
from django.db import models
from django.db.models import F, Q

from .authority import Authority
from .documents import Provenance


class ImprovementPlan(models.Model):
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=300)
    inspection = models.ForeignKey(
        "Inspection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
        help_text="The inspection or visit this plan responds to.",
    )
    approved_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class Theme(models.Model):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["plan_id", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="theme_number_unique_in_plan")]

    def __str__(self):
        return f"Theme {self.number}: {self.title}"


class Owner(Provenance):
    """A responsible role in an authority. Minutes name roles, so the role title is the identity."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="owners")
    role_title = models.CharField(max_length=200)
    role_key = models.CharField(max_length=200, editable=False, help_text="Normalised role title used to merge.")
    person_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owner_roles"
    )
    line_manager = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text="Receives escalations when this owner's actions are overdue.",
    )

    class Meta:
        ordering = ["role_title"]
        constraints = Provenance.Meta.constraints + [
            models.UniqueConstraint(fields=["authority", "role_key"], name="owner_role_unique_per_authority"),
            models.CheckConstraint(
                condition=Q(line_manager__isnull=True) | ~Q(line_manager=F("pk")), name="owner_not_own_line_manager"
            ),
        ]

    def __str__(self):
        return f"{self.role_title} ({self.person_name})" if self.person_name else self.role_title

    def save(self, *args, **kwargs):
        # The key is derived data, not a business rule: keep it in step with the title.
        from improvement.extraction import normalise_role

        self.role_key = normalise_role(self.role_title)
        super().save(*args, **kwargs)


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete (awaiting sign-off)"
    EVIDENCED = "evidenced", "Complete (impact evidenced)"

    @classmethod
    def done(cls):
        return [cls.COMPLETE, cls.EVIDENCED]


class Action(Provenance):
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="actions")
    # PROTECT: deleting a plan never deletes the actions people are working on.
    plan = models.ForeignKey(ImprovementPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="actions")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    recommendations = models.ManyToManyField("Recommendation", blank=True, related_name="actions")
    measures = models.ManyToManyField("Measure", blank=True, related_name="actions")
    reference = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(Owner, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent complete, 0 to 100.")
    evidence_url = models.URLField(blank=True, max_length=500)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised on every save; guards against lost updates.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["authority", "status", "due_date"], name="action_authority_status_due"),
            # the council's actions in their default order (the admin list, its dates): read 50, not sort 2,000
            models.Index(fields=["authority", "due_date", "id"], name="action_authority_due"),
        ]
        constraints = Provenance.Meta.constraints + [
            models.CheckConstraint(condition=Q(progress__gte=0, progress__lte=100), name="action_progress_0_to_100"),
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(start_date__isnull=True) | Q(due_date__gte=F("start_date")),
                name="action_due_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="evidenced") | ~Q(evidence_url=""), name="action_evidenced_needs_evidence"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_done(self):
        return self.status in ActionStatus.done()


class UpdateKind(models.TextChoices):
    PROGRESS = "progress", "Progress update"
    CHANGE = "change", "Change to the action"
    SIGN_OFF_REQUEST = "sign_off_request", "Asked for sign-off"
    SIGN_OFF = "sign_off", "Signed off"
    CREATED = "created", "Created"
    IMPORTED = "imported", "Imported from minutes"

    @classmethod
    def work(cls):
        """The kinds of history row that mean people worked on the action (not "created" or "imported")."""
        return [cls.PROGRESS, cls.CHANGE, cls.SIGN_OFF_REQUEST, cls.SIGN_OFF]


def keep_worked_on(collector, field, sub_objs, using):
    """on_delete for an action's history: an action people have updated is never deleted, by
    any path (the admin, a page, a command, deleting its council), because its updates are the
    record of the work; an action with only its "created" or "imported" row may be.

    Raising here, while the deletion is still being collected, refuses it before anything is
    deleted (the admin lists the updates as protected; see selectors.audit.deletion_refusal)."""
    worked = list(sub_objs.filter(kind__in=UpdateKind.work()))
    if worked:
        raise models.ProtectedError("An action people have updated cannot be deleted.", worked)
    models.CASCADE(collector, field, sub_objs, using)


class ProgressUpdate(models.Model):
    """Append-only history of an action: who, when, what status, and what changed."""

    action = models.ForeignKey(Action, on_delete=keep_worked_on, related_name="updates")
    kind = models.CharField(max_length=20, choices=UpdateKind.choices, default=UpdateKind.PROGRESS)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(max_length=12, choices=ActionStatus.choices)
    progress = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)
    evidence_url = models.URLField(blank=True, max_length=500)
    changes = models.JSONField(default=dict, blank=True, help_text='{"field": ["before", "after"]}')
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["action", "-created_at"], name="update_action_recent")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__gte=0, progress__lte=100), name="update_progress_0_to_100")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.action_id} at {self.created_at:%Y-%m-%d %H:%M}"
