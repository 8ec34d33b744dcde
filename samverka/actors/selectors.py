"""Reads of the register that pages share."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from .models import Actor

ROW_SECONDS = 300


def actor_by_slug(slug: str, version: str) -> Actor | None:
    """The actor with this slug, whatever its status, as the register holds it at `version`
    (`register_version()`, which every change to an actor renews): kept in the cache, so an
    actor page costs no query for the actor while the register is unchanged. Who may see it
    is the caller's question (`Actor.is_visible_to`)."""
    key = "actor-row:" + hashlib.sha256(f"{slug}|{version}".encode()).hexdigest()
    actor = cache.get(key)
    if actor is None:
        # The search column is the longest and no page shows it.
        actor = Actor.objects.defer("search_text").filter(slug=slug).first()
        if actor is None:
            return None
        cache.set(key, actor, ROW_SECONDS)
    return actor
