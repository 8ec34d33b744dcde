"""Waking the task worker for work that piles up in a table (the outbox, received
sign-ups): one run does the work of many rows, so it is asked for sparingly."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

log = logging.getLogger(__name__)

WAKE_WINDOW = 1  # second


def wake(task, key: str) -> None:
    """Ask the worker to run `task` (no arguments). Under a surge (a hundred sign-ups a
    second) a run is asked for at most once per second per cache, due a second later,
    so it sees every row committed while the request for it was the latest one. A
    backend that cannot run a task later runs it now. Never raises: the periodic
    command behind each such task picks the rows up anyway."""
    try:
        if not task.get_backend().supports_defer:
            task.enqueue()
            return
        if not cache.add(key, True, timeout=WAKE_WINDOW):
            return  # a run due in under a second is already asked for
        try:
            task.using(run_after=timezone.now() + timedelta(seconds=WAKE_WINDOW)).enqueue()
        except Exception:
            cache.delete(key)
            raise
    except Exception:
        log.exception("Could not ask the task worker to run %s", getattr(task, "name", task))
