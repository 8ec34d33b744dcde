"""Version stamps for cached fragments: a fragment's cache key carries `current(name)`, and
a change calls `renew(name)`, so the fragment is rebuilt at once in this process and, with
a shared cache (Redis), everywhere; a per-process cache in another worker forgets its stamp
within `seconds`."""

import uuid

from django.core.cache import cache


def current(name: str, seconds: int) -> str:
    value = cache.get(f"version:{name}")
    return renew(name, seconds) if value is None else value


def renew(name: str, seconds: int) -> str:
    value = uuid.uuid4().hex
    cache.set(f"version:{name}", value, seconds)
    return value
