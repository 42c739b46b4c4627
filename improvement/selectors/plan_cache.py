"""A read-through cache of the heavy pages' computed content, keyed by the plan as it stands.

The plan dashboard, "since the last committee", recommendations coverage, the committee
pack page and the action list exports cost more the bigger the plan. What they show
depends only on the council, the filters, the day (overdue counts from it, Europe/London)
and the plan's records, so each is kept in Django's cache (`CACHES`, Redis in production)
under a key made of:

- the page, the council and the filters (the query string, in a stable order);
- the viewer's role and whether they are a superuser, so no role ever sees another's (and, for
  the action lists and the action page, the user: they show what that person owns or may do);
- today's date;
- `plan_change_stamp`: one query that changes whenever any record the pages show changes,
  so an entry is never served after an update, a new figure or a deletion;
- the code's version (a digest of the templates and the app's Python, read once a process),
  so a deployment never serves the last release's layout.

An entry is never stale, only unused: `PLAN_CACHE_SECONDS` bounds how long it is kept
(0 turns the cache off). A cache that is down or empty costs the page nothing but the
work: every failure to read or write is a miss, logged.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache

from improvement import permissions
from improvement.models import PlanVersion
from improvement.models.plan_versions import EVERY_COUNCIL
from improvement.selectors.packs import plan_change_stamp

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from improvement.models import Authority, User

log = logging.getLogger(__name__)
PREFIX = "plan-content"
_MISSING = object()


@functools.cache
def code_version() -> str:
    """A digest of the templates and the app's Python files: it changes with each release."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for path in sorted([*(base / "templates").rglob("*.html"), *(base / "improvement").rglob("*.py")]):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Entry:
    """One page's cached content: `value` when it was found (None on a miss), `store` to keep it."""

    key: str | None
    value: Any = None
    stamp: str | None = None  # the plan's stamp it was looked up under, for the page's other entries

    @property
    def hit(self) -> bool:
        return self.value is not None

    def store(self, value: object) -> None:
        if self.key is None or value is None:
            return
        try:
            cache.set(self.key, value, timeout=settings.PLAN_CACHE_SECONDS)
        except Exception:  # a cache that is down must not break the page
            log.warning("plan cache: could not store %s", self.key, exc_info=True)


def plan_content_key(*, page: str, authority: Authority, user: User, query: str, today: date, stamp: str) -> str:
    """The cache key of one page's content for this council, viewer, filters, day and state of the plan."""
    viewer = f"{permissions.role_of(user) or '-'}|{int(bool(user.is_superuser))}"
    text = "\n".join([page, str(authority.pk), viewer, query, today.isoformat(), stamp, code_version()])
    return f"{PREFIX}:{page}:{hashlib.sha256(text.encode()).hexdigest()}"


def plan_content(
    *,
    page: str,
    authority: Authority,
    user: User,
    query: str,
    today: date,
    stamp: str | None = None,
) -> Entry:
    """Look up one page's content (one query for the stamp unless given, one cache read); a miss returns an
    Entry to `store`."""
    if not settings.PLAN_CACHE_SECONDS:
        return Entry(key=None)
    if stamp is None:
        stamp = plan_change_stamp(authority=authority)
    key = plan_content_key(page=page, authority=authority, user=user, query=query, today=today, stamp=stamp)
    try:
        value = cache.get(key, _MISSING)
    except Exception:  # a cache that is down is a miss
        log.warning("plan cache: could not read %s", key, exc_info=True)
        value = _MISSING
    return Entry(key=key, value=None if value is _MISSING else value, stamp=stamp)


def per_council(*, name: str, authority_ids: list[int], today: date, compute: Callable[[list[int]], dict]) -> dict:
    """Figures worked out per council (`compute(ids)` returns {id: figures}), each kept until that council's
    plan changes: one query reads the councils' versions, one cache read finds what is kept, and only the
    councils whose plan moved (or that are not kept yet) are computed again - in one call for all of them."""
    if not settings.PLAN_CACHE_SECONDS or not authority_ids:
        return compute(authority_ids)
    versions = dict(
        PlanVersion.objects.filter(authority_id__in=[*authority_ids, EVERY_COUNCIL]).values_list(
            "authority_id", "version"
        )
    )
    shared = versions.get(EVERY_COUNCIL, 0)
    keys = {
        pk: f"{PREFIX}:{name}:{pk}:{versions.get(pk, 0)}:{shared}:{today.isoformat()}:{code_version()}"
        for pk in authority_ids
    }
    try:
        kept = cache.get_many(list(keys.values()))
    except Exception:  # a cache that is down is a miss
        log.warning("plan cache: could not read %s figures", name, exc_info=True)
        kept = {}
    found = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [pk for pk in authority_ids if pk not in found]
    if missing:
        computed = compute(missing)
        found.update(computed)
        try:
            fresh = {keys[pk]: computed[pk] for pk in missing if pk in computed}
            cache.set_many(fresh, timeout=settings.PLAN_CACHE_SECONDS)
        except Exception:  # a cache that is down must not break the page
            log.warning("plan cache: could not store %s figures", name, exc_info=True)
    return found
