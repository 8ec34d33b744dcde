"""One version stamp per app, for the page cache (core.pagecache).

A cached public page is kept under the stamps of the apps it shows (`current("actors",
"municipality")`). An app's services call `renew("actors")` when they change what its pages
show; the stamp is renewed at once and again when their transaction commits, so a page
rendered meanwhile from the old rows is not kept under the new stamp. Nothing else renews
a stamp: no signals, no `save()`.

The stamps live in the cache: with a shared cache (Redis, production with several app
servers) a change shows everywhere at once and a stamp lives until it is renewed; with the
per-process cache another worker cannot hear of a renewal, so its stamps expire after
STAMP_SECONDS and it shows the change by then.
"""

from __future__ import annotations

import uuid
from functools import cache as remember

from django.apps import apps as installed
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

STAMP_SECONDS = 60


def _seconds() -> int | None:
    return None if settings.REDIS_URL else STAMP_SECONDS


@remember
def _key(app: str) -> str:
    # A stamp named after no app (a typo such as "notice" for "notices") would never be
    # renewed by the service that changes the page: refuse it instead of serving stale pages.
    if not installed.is_installed(f"samverka.{app}"):
        raise LookupError(f"No app samverka.{app}: a version stamp is named by its app's label")
    return f"version:{app}"


def current(*apps: str) -> str:
    """The stamps of these apps, joined: part of a cached page's key."""
    keys = [_key(app) for app in apps]
    found = cache.get_many(keys)
    stamps = []
    for key in keys:
        stamp = found.get(key)
        if stamp is None:
            stamp = uuid.uuid4().hex
            if not cache.add(key, stamp, _seconds()):  # another request was first: take theirs
                stamp = cache.get(key) or stamp
        stamps.append(stamp)
    return "|".join(stamps)


def renew(app: str) -> None:
    """What `app` shows has changed: a new stamp now and on commit. Only the app's own
    services call this."""
    _new(app)
    transaction.on_commit(lambda: _new(app))


def _new(app: str) -> None:
    cache.set(_key(app), uuid.uuid4().hex, _seconds())
