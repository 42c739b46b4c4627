"""Personal API tokens: made, revoked, and marked as used.

The secret is returned once, by `api_token_create`, and never stored: the row keeps its
SHA-256 and its first characters (to tell tokens apart on the account page).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from improvement.models import ApiToken
from improvement.models.access import key_hash_of
from improvement.services.audit import audit_context

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from improvement.models import User


TOKEN_PREFIX = "ict_"  # "improvement children's tracker": lets secret scanners recognise a leaked token
MAX_LIVE_TOKENS = 10


class TooManyTokens(Exception):
    pass


def api_token_create(*, user: User | AnonymousUser, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`, and its secret (shown to them once)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic(), audit_context(user, "made an API token"):
        if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_LIVE_TOKENS:
            raise TooManyTokens(f"You can have up to {MAX_LIVE_TOKENS} tokens. Revoke one you no longer use.")
        token = ApiToken.objects.create(
            user=user, name=name.strip(), key_hash=key_hash_of(secret), prefix=secret[len(TOKEN_PREFIX) :][:8]
        )
    return token, secret


def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Stop a token working at once (its row stays, so the account page can say when)."""
    if token.revoked_at is None:
        with transaction.atomic(), audit_context(by, "revoked an API token"):
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def api_token_mark_used(*, token: ApiToken, today: dt.date) -> None:
    """Record the day a token was last used: at most one write a day, and no audit entry (bookkeeping)."""
    if token.last_used_on != today:
        ApiToken.objects.filter(pk=token.pk).update(last_used_on=today)
        token.last_used_on = today
