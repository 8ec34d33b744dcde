"""Actor cards for lists, kept in the cache one by one.

A card (components/actor_card.html) shows only the actor's own row, its areas and parts of
the municipality, in the current language. Its cache key holds the actor's `updated_at`,
which every change renews (services.update_actor saves it for area changes too), the
language and the vocabulary version (municipality.models.vocabulary_version), so a cached
card is never out of date. Only the cards missing from the cache are rendered, and only
for them are the areas and parts of the municipality fetched: a list whose cards are all
cached costs no query beyond the list itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from samverka.municipality.models import vocabulary_version

from .models import Actor

CARD_SECONDS = 300


def card_key(actor: Actor, language: str, version: str) -> str:
    return f"actor-card:{actor.pk}:{actor.updated_at.isoformat()}:{language}:{version}"


def render_cards(actors: Iterable[Actor]) -> list[SafeString]:
    """The HTML of each actor's card, in order. `actors` need the fields of
    Actor.objects.for_cards(); their areas and districts need not be prefetched."""
    actors = list(actors)
    language, version = get_language() or "sv", vocabulary_version()
    keys = [card_key(actor, language, version) for actor in actors]
    cards = cache.get_many(keys)
    missing = [(key, actor) for key, actor in zip(keys, actors, strict=True) if key not in cards]
    if missing:
        prefetch_related_objects([actor for _, actor in missing], "areas", "districts")
        fresh = {key: render_to_string("components/actor_card.html", {"actor": actor}) for key, actor in missing}
        cache.set_many(fresh, CARD_SECONDS)
        cards.update(fresh)
    return [mark_safe(cards[key]) for key in keys]  # noqa: S308 (rendered by our own escaping template)
