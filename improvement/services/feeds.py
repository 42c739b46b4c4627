"""Calendar feed links: made (replacing the person's live link of that kind), revoked, marked used.

The link's secret is returned once, by `calendar_feed_create`; the row keeps its SHA-256.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from improvement import permissions
from improvement.models import CalendarFeed
from improvement.models.access import key_hash_of
from improvement.services.audit import audit_context

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from improvement.models import User


def calendar_feed_create(*, user: User | AnonymousUser, kind: str) -> tuple[CalendarFeed, str]:
    """A new secret link of `kind` for `user`; the live one of that kind, if any, stops working."""
    if kind == CalendarFeed.Kind.COUNCIL and not permissions.can_have_council_feed(user):
        raise PermissionDenied("The council calendar is for its improvement lead and scrutiny members.")
    secret = secrets.token_urlsafe(32)
    with transaction.atomic(), audit_context(user, "made a calendar link"):
        for old in CalendarFeed.objects.select_for_update().filter(user=user, kind=kind, revoked_at__isnull=True):
            old.revoked_at = timezone.now()
            old.save(update_fields=["revoked_at"])
        feed = CalendarFeed.objects.create(user=user, kind=kind, key_hash=key_hash_of(secret))
    return feed, secret


def calendar_feed_revoke(*, feed: CalendarFeed, by: User) -> CalendarFeed:
    if feed.revoked_at is None:
        with transaction.atomic(), audit_context(by, "stopped a calendar link"):
            feed.revoked_at = timezone.now()
            feed.save(update_fields=["revoked_at"])
    return feed


def calendar_feed_mark_used(*, feed: CalendarFeed, today: dt.date) -> None:
    """The day a calendar last fetched the feed: at most one write a day, not audited (bookkeeping)."""
    if feed.last_used_on != today:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_on=today)
        feed.last_used_on = today
