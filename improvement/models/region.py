from django.conf import settings
from django.db import models

from .authority import Authority


class AdviserGrant(models.Model):
    """A regional adviser may read one council's plan: granted by a superuser in the admin."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="adviser_grants")
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="adviser_grants")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user_id", "authority__name"]
        constraints = [models.UniqueConstraint(fields=["user", "authority"], name="adviser_grant_unique")]
        verbose_name = "regional adviser's council"
        verbose_name_plural = "regional advisers' councils"

    def __str__(self):
        return f"{self.user} may read {self.authority}"
