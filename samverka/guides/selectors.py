"""Reads of the knowledge bank for its pages: a guide in the page's language, cards for lists,
topics with their numbers, the history and a comparison of two versions."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import get_language

from samverka.municipality.models import Office

from .forms import LANGUAGE_NAMES
from .models import CONTENT_FIELDS, LANGUAGES, Audience, Guide, GuideVersion, Topic
from .text import diff, render

# Which written language a page in each language shows, in order of preference.
PREFERENCE = {"sv": ("sv",), "en": ("en", "sv"), "ar": ("ar", "en", "sv")}


def _page_language() -> str:
    return (get_language() or "sv")[:2]


def language_of(row, language: str | None = None) -> str:
    """The language a guide (a model or a card's dict) is shown in on a page in `language`."""
    language = language or _page_language()
    get = row.get if isinstance(row, dict) else (lambda name: getattr(row, name))
    for lang in PREFERENCE.get(language, ("sv",)):
        if get(f"title_{lang}"):
            return lang
    return "sv"


def shown(guide: Guide) -> dict:
    """The guide in the page's language, or the nearest written one, and whether it is."""
    page = _page_language()
    lang = language_of(guide, page)
    return {
        "title": getattr(guide, f"title_{lang}"), "summary": getattr(guide, f"summary_{lang}"),
        "body": render(getattr(guide, f"body_{lang}")), "lang": lang, "dir": "rtl" if lang == "ar" else "ltr",
        "fallback": lang != page, "language_name": LANGUAGE_NAMES[lang],
        "written_in": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES if getattr(guide, f"title_{code}")],
    }


def cards(rows) -> list[dict]:
    """Cards from `Guide.objects.for_cards()` rows, each in the page's language, with its
    `url` (every card's from one reverse(): a slug needs no quoting)."""
    page = _page_language()
    topics = dict(Topic.choices)
    prefix = reverse("guides:guide", args=["-"]).removesuffix("-/")
    out = []
    for row in rows:
        lang = language_of(row, page)
        out.append({"slug": row["slug"], "url": f"{prefix}{row['slug']}/", "title": row[f"title_{lang}"], "summary": row[f"summary_{lang}"],
                    "lang": lang, "dir": "rtl" if lang == "ar" else "ltr", "fallback": lang != page,
                    "language_name": LANGUAGE_NAMES[lang], "topic": topics.get(row["topic"], ""), "office": row["office__name"],
                    "draft": row["status"] == Guide.Status.DRAFT, "rank": row.get("rank")})
    return out


def topics(queryset) -> list[dict]:
    """Every topic with the number of guides of `queryset` in it (one query)."""
    counts = dict(queryset.order_by().values_list("topic").annotate(n=Count("pk")))
    return [{"value": value, "label": label, "count": counts.get(value, 0)} for value, label in Topic.choices]


def history(guide: Guide):
    return guide.versions.select_related("created_by").defer("content")


def _names(*contents: dict) -> dict:
    """Words for the facts a version keeps as codes: the topic, audience, office and actor."""
    names = {("topic", value): label for value, label in Topic.choices}
    names.update({("audience", value): label for value, label in Audience.choices})
    for field, model in (("office_id", Office), ("invited_actor_id", Guide._meta.get_field("invited_actor").related_model)):
        ids = {c.get(field) for c in contents} - {None}
        if ids:
            names.update({(field, pk): name for pk, name in model.objects.filter(pk__in=ids).values_list("pk", "name")})
    return names


def compare(guide: Guide, old: int, new: int) -> dict | None:
    """What changed between two versions, field by field (only the fields that differ)."""
    found = {v.number: v for v in GuideVersion.objects.filter(guide=guide, number__in=[old, new])
             .select_related("created_by")}
    if old not in found or new not in found:
        return None
    before, after = found[old].content, found[new].content
    labels = {f.name: f.verbose_name for f in Guide._meta.get_fields() if hasattr(f, "verbose_name")}
    labels.update(office_id=labels.get("office"), invited_actor_id=labels.get("invited_actor"))
    names = _names(before, after)
    fields = []
    for name in CONTENT_FIELDS:
        a, b = before.get(name), after.get(name)
        if a != b:
            a, b = names.get((name, a), a), names.get((name, b), b)
            fields.append({"name": name, "label": labels.get(name, name),
                           "rows": diff(str(a or ""), str(b or "")),
                           "lang": name.rsplit("_", 1)[-1] if name.rsplit("_", 1)[-1] in LANGUAGES else ""})
    return {"old": found[old], "new": found[new], "fields": fields}
