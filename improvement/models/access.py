"""Secrets a person holds to read the tracker without the browser: API tokens and calendar feed URLs.

Only a SHA-256 of each secret is stored (the secrets are 256 random bits, so a fast hash is
enough: there is nothing to guess); the secret itself is shown once, when it is made. A
revoked secret keeps its row (revoked_at set), so the account page can say when it stopped.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q


def key_hash_of(secret: str) -> str:
    """What is stored for a secret: its SHA-256, in hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token: reads as its user, with their council and role."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, so its owner knows which to revoke.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False, help_text="The first characters, to tell tokens apart.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_on = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(key_hash__regex=r"^[0-9a-f]{64}$"), name="api_token_hash_is_hex")
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}...)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class CalendarFeed(models.Model):
    """A secret calendar URL: a person's own actions, or their council's dates (leads and councillors)."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", "My actions"
        COUNCIL = "council", "Council dates"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_on = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(key_hash__regex=r"^[0-9a-f]{64}$"), name="calendar_feed_hash_is_hex"),
            models.UniqueConstraint(
                fields=["user", "kind"], condition=Q(revoked_at__isnull=True), name="calendar_feed_one_live_per_kind"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} feed of {self.user}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
