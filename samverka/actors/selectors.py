"""Reads for the actors' pages that are more than one QuerySet method."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from samverka.municipality.models import in_language

from .models import Actor


def cards(rows: Iterable[dict]) -> list[dict]:
    """The cards of components/actor_cards.html from `Actor.objects.for_cards()` rows, with
    what they show worked out here, in the page's language, instead of in the template for
    each card: `url`, `kind_label`, `areas` (names, in the areas' order) and `districts` (the
    parts of the municipality as one line). Two queries for the tags of all the cards."""
    cards = list(rows)
    ids = [card["id"] for card in cards]
    areas = _names(Actor.areas.through.objects.filter(actor_id__in=ids).order_by("area__position", "area__name")
                   .values_list("actor_id", "area__name", "area__name_en", "area__name_ar"))
    districts = _names(Actor.districts.through.objects.filter(actor_id__in=ids)
                       .order_by("district__position", "district__name")
                       .values_list("actor_id", "district__name", "district__name_en", "district__name_ar"))
    kinds = dict(Actor.Kind.choices)
    # Every card's address from one reverse(): the slug is the last part of the path, and a
    # slug needs no quoting.
    prefix = reverse("actors:detail", kwargs={"slug": "-"}).removesuffix("-/")
    for card in cards:
        card["url"] = f"{prefix}{card['slug']}/"
        card["kind_label"] = kinds[card["kind"]]
        card["areas"] = areas.get(card["id"], [])
        card["districts"] = ", ".join(districts.get(card["id"], []))
    return cards


def _names(rows) -> dict[int, list[str]]:
    """{actor id: [name in the page's language, …]} from (actor id, sv, en, ar) rows."""
    names: dict[int, list[str]] = {}
    for actor_id, sv, en, ar in rows:
        names.setdefault(actor_id, []).append(in_language(sv, en, ar))
    return names
