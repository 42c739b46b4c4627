from django.db import models

from .authority import Authority


class CommitteePackFile(models.Model):
    """A committee pack PDF, built by a Celery task and kept until the plan changes.

    `key` names what the file shows: the council, the filters, the day and the plan's
    latest change (see services/packs.py); a change to the plan gives a new key, so a
    stored file is never served once it is out of date.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="pack_files")
    key = models.CharField(max_length=64, unique=True)
    query = models.CharField(max_length=2000, blank=True, help_text="The filters used, as a URL query.")
    filename = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    base_url = models.CharField(max_length=300)
    html = models.TextField(blank=True, help_text="What the task lays out; emptied once the PDF is made.")
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    data = models.BinaryField(null=True, blank=True)
    size = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["authority", "-created_at"], name="packfile_authority_recent")]

    def __str__(self):
        return self.filename
