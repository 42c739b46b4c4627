"""Counting attempts in a time window, for the sign-in and password-reset throttles.

Counters live in Django's cache (Redis in production through CACHE_URL, so every web
process shares them). A counter starts at the first attempt and expires a window later:
the wait a person is told is at most one window.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str
    setting: str  # the setting that holds how many attempts the window allows
    window: timedelta

    @property
    def attempts(self) -> int:
        return getattr(settings, self.setting)

    def key(self, subject: str) -> str:
        digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()  # no usernames in the cache
        return f"throttle:{self.name}:{digest}"


SIGN_IN_PER_USERNAME = Limit("sign-in-username", "SIGN_IN_USERNAME_FAILURE_LIMIT", timedelta(hours=1))
RESET_PER_ADDRESS = Limit("reset-address", "PASSWORD_RESET_ADDRESS_LIMIT", timedelta(minutes=15))
RESET_PER_EMAIL = Limit("reset-email", "PASSWORD_RESET_EMAIL_LIMIT", timedelta(hours=1))


def is_exceeded(limit: Limit, subject: str) -> bool:
    return bool(subject) and (cache.get(limit.key(subject)) or 0) >= limit.attempts


def record(limit: Limit, subject: str) -> int:
    """Count one attempt; return how many the window holds now."""
    if not subject:
        return 0
    key = limit.key(subject)
    cache.add(key, 0, timeout=int(limit.window.total_seconds()))
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=int(limit.window.total_seconds()))
        return 1


def wait_words(window: timedelta) -> str:
    """'15 minutes', '1 hour': how long to wait, in plain English."""
    minutes = int(window.total_seconds() // 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour" if hours == 1 else f"{hours} hours"
    return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"
