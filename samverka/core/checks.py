"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Without a shared cache each worker process keeps its own cached pages and version
    stamps: a change shows at once in the process that made it, but another worker may show
    the old page until its copy expires (up to five minutes)."""
    if settings.REDIS_URL:
        return []
    return [checks.Warning(
        "REDIS_URL is not set: each worker process caches on its own, so after a change other "
        "workers may show old pages for up to five minutes.",
        hint="Set REDIS_URL when running more than one worker process or server.",
        id="samverka.W001",
    )]
