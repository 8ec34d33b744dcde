"""Reads for the actors' pages that are more than one QuerySet method."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from samverka.municipality.models import SdgGoal, in_language

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
    kinds = {kind: str(label) for kind, label in Actor.Kind.choices}  # translated once, not per card
    # Every card's address from one reverse(): the slug is the last part of the path, and a
    # slug needs no quoting.
    prefix = reverse("actors:detail", kwargs={"slug": "-"}).removesuffix("-/")
    for card in cards:
        card["url"] = f"{prefix}{card['slug']}/"
        card["kind_label"] = kinds.get(card["kind"], card["kind"])
        card["areas"] = areas.get(card["id"], [])
        card["districts"] = ", ".join(districts.get(card["id"], []))
    return cards


def facts(actor: Actor) -> dict:
    """The vocabularies of an actor's page (actors/detail.html), in the page's language and
    their own order: `areas` as (slug, name) pairs (they link to the directory),
    `target_groups`, `districts` and `languages` as one line each, `sdg_goals` as
    "3. Good health and well-being". One plain query each, no model instances."""
    def names(relation: str, vocabulary: str, key: str = "slug") -> list[tuple[str, str]]:
        rows = (getattr(Actor, relation).through.objects.filter(actor_id=actor.pk)
                .order_by(f"{vocabulary}__position", f"{vocabulary}__name")
                .values_list(f"{vocabulary}__{key}", f"{vocabulary}__name", f"{vocabulary}__name_en", f"{vocabulary}__name_ar"))
        return [(value, in_language(sv, en, ar)) for value, sv, en, ar in rows]

    def line(pairs: list[tuple[str, str]]) -> str:
        return ", ".join(name for _key, name in pairs)

    goals = Actor.sdg_goals.through.objects.filter(actor_id=actor.pk).order_by("sdggoal__number").values_list(
        "sdggoal__number", "sdggoal__title_sv", "sdggoal__title_en")
    return {
        "areas": names("areas", "area"),
        "target_groups": line(names("target_groups", "targetgroup")),
        "districts": line(names("districts", "district")),
        "languages": line(names("languages", "language", key="code")),
        "sdg_goals": [str(SdgGoal(number=number, title_sv=sv, title_en=en)) for number, sv, en in goals],
    }


def _names(rows) -> dict[int, list[str]]:
    """{actor id: [name in the page's language, …]} from (actor id, sv, en, ar) rows."""
    names: dict[int, list[str]] = {}
    for actor_id, sv, en, ar in rows:
        names.setdefault(actor_id, []).append(in_language(sv, en, ar))
    return names
