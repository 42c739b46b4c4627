from django.conf import settings
from django.db import models
from django.db.models import F, Q

from .authority import Authority, Meeting


class SourceDocument(models.Model):
    """One imported text; its sha256 is unique per authority so re-import is a no-op."""

    class Kind(models.TextChoices):
        MINUTES = "minutes", "Minutes"
        PUBLIC_QUESTION = "public_question", "Public question"
        PRESS_RELEASE = "press_release", "Press release"
        OFSTED_LETTER = "ofsted_letter", "Ofsted letter or report"
        OTHER = "other", "Other"

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="documents")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    text = models.TextField()
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MINUTES)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents")
    meeting_date = models.DateField(null=True, blank=True)
    committee = models.CharField(max_length=200, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    privacy_flags = models.JSONField(default=list, blank=True, help_text="Kinds and offsets only, never the values.")
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "sha256"], name="document_sha256_unique_per_authority"),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="document_sha256_is_hex"),
        ]

    def __str__(self):
        return self.filename


class Provenance(models.Model):
    """Where an imported fact came from: the document and the verbatim quote with its offsets."""

    source_document = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_quote = models.TextField(blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(source_start__isnull=True) | Q(source_end__gte=F("source_start")),
                name="%(class)s_source_span_ordered",
            )
        ]

    @property
    def has_provenance(self):
        return self.source_document_id is not None and self.source_start is not None
