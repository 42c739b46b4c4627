"""An uploaded file kept between its preview and its confirmation (an hour, in the cache shared by
the web processes), under a token made from its bytes, for one user and one kind of import."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.core.cache import cache

if TYPE_CHECKING:
    from improvement.models import User

HOLD_SECONDS = 3600


def upload_hold(*, user: User, kind: str, data: bytes, filename: str) -> str:
    token = hashlib.sha256(data).hexdigest()[:32]
    cache.set(f"{kind}:{user.pk}:{token}", (filename, data), HOLD_SECONDS)
    return token


def upload_held(*, user: User, kind: str, token: str, forget: bool = False) -> tuple[str, bytes] | None:
    key = f"{kind}:{user.pk}:{token}"
    held = cache.get(key)
    if forget:
        cache.delete(key)
    return held
