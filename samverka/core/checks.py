"""Deployment checks of our own, run by `manage.py check --deploy`."""

import os

from django.conf import settings
from django.core import checks

# Caches that each process keeps for itself, or that cannot count atomically: a rate limit
# kept in one of them is counted once per worker process (two workers let 37 of 50 requests
# through a limit of 20), and a page changed in one worker stays old in the others.
NOT_SHARED = {
    "django.core.cache.backends.locmem.LocMemCache": "keeps a copy per process",
    "django.core.cache.backends.dummy.DummyCache": "keeps nothing, so no limit is ever reached",
    "django.core.cache.backends.filebased.FileBasedCache": "cannot count atomically",
    "django.core.cache.backends.db.DatabaseCache": "cannot count atomically",
}


def single_process() -> bool:
    """True only when the operator has said that one process serves: `WEB_CONCURRENCY=1`,
    which gunicorn.conf.py reads. Unset, gunicorn starts two workers per core."""
    return os.environ.get("WEB_CONCURRENCY", "").strip() == "1"


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Rate limits (log-in, sign-up, the public forms), sessions' cache and the pages' version
    stamps live in the default cache. Only a cache every process shares (Redis, REDIS_URL)
    holds a limit; anything else is an error in production, unless one single process serves
    (`WEB_CONCURRENCY=1`), which stays a warning: a second server would count on its own."""
    backend = settings.CACHES["default"]["BACKEND"]
    reason = NOT_SHARED.get(backend)
    if reason is None:
        return []
    if single_process():
        return [checks.Warning(
            f"The cache {backend} {reason}. With one process (WEB_CONCURRENCY=1) the rate limits "
            "hold, but a second process or server would count its own.",
            hint="Set REDIS_URL before adding a process or a server.",
            id="samverka.W001",
        )]
    return [checks.Error(
        f"The cache {backend} {reason}, and more than one process serves (WEB_CONCURRENCY is not 1; "
        "gunicorn.conf.py starts two workers per core): every process would count the rate limits "
        "of log-in and the public forms on its own, and show old pages after a change.",
        hint="Set REDIS_URL (redis://host:6379/0) so every process shares one cache, "
             "or WEB_CONCURRENCY=1 to serve from one process.",
        id="samverka.E001",
    )]


@checks.register(checks.Tags.security, deploy=True)
def rate_limits_on(app_configs, **kwargs):
    if settings.ACCOUNT_RATE_LIMITS_ENABLED:
        return []
    return [checks.Warning(
        "RATE_LIMITS_ENABLED is off: log-in, sign-up and the public forms can be tried without limit.",
        hint="Unset RATE_LIMITS_ENABLED in production; it is for benchmarks only.",
        id="samverka.W002",
    )]
