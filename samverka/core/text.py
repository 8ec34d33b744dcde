"""Swedish-aware text helpers for search and sorting, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "a", "ø": "o", "ü": "u", "é": "e", "è": "e"})
# Swedish alphabet order: … x y z å ä ö. '{' sorts right after 'z' in ASCII.
_SORT = str.maketrans({"å": "{1", "ä": "{2", "ö": "{3", "æ": "{2", "ø": "{3", "ü": "y", "é": "e", "è": "e"})
_WORDS = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, without diacritics: 'Föräldraföreningen' → 'foraldraforeningen'."""
    text = unicodedata.normalize("NFC", text.casefold()).translate(_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def search_document(*parts: str) -> str:
    """What the search column holds: the words folded, so 'forening' and 'förening'
    both find 'Föräldraföreningen'."""
    return " " + " ".join(_WORDS.findall(fold(" ".join(p for p in parts if p)))) + " "


def search_terms(query: str) -> list[str]:
    """The words of a query, folded, at most eight of them."""
    return [fold(w) for w in _WORDS.findall(query or "")][:8]


def sort_key(text: str) -> str:
    """A key that sorts names as a Swedish reader expects (Å, Ä, Ö after Z)."""
    return unicodedata.normalize("NFC", text.casefold().strip()).translate(_SORT)[:200]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (CSV injection): a text
    starting with = + - @ gets a leading apostrophe, as OWASP recommends."""
    return "'" + value if value.startswith(FORMULA_START) else value


def unique_slug(queryset, text: str, *, fallback: str, reserved=frozenset(), max_length: int = 150) -> str:
    """A slug for `text` that no row of `queryset` has and no address word in `reserved` is:
    `text`, else `text-2`, `text-3`, …; `fallback` when `text` makes no slug (only symbols)."""
    from django.utils.text import slugify

    base = slugify(text)[:max_length].strip("-") or fallback
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True)) | set(reserved)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


# A light Swedish stemmer (the first step of Snowball's Swedish algorithm): the endings of
# inflection, longest first, taken only from the part of the word after its first syllable.
_ENDINGS = sorted((
    "heterna hetens anden heten heter arnas ernas ornas andes arens andet arna erna orna ande arne aste "
    "aren ades erns ade are ern ens het ast ad en ar er or as es at a e").split(), key=len, reverse=True)
_VOWELS = set("aeiouyåäö")
_S_BEFORE = set("bcdfghjklmnoprtvy")


def stem(word: str) -> str:
    """The stem of a folded Swedish word: 'foreningar', 'foreningen' → 'forening'.
    Works on folded text (see `fold`): å, ä and ö are a and o there."""
    r1 = next((i + 1 for i in range(1, len(word)) if word[i] not in _VOWELS and word[i - 1] in _VOWELS), len(word))
    r1 = max(r1, 3)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= r1:
            return word[: -len(ending)]
    if word.endswith("s") and len(word) - 1 >= r1 and len(word) > 1 and word[-2] in _S_BEFORE:
        return word[:-1]
    return word


def search_stems(query: str) -> list[str]:
    """The words of a query, folded and stemmed, for a search on a `search_document` column
    by `contains`: 'föreningarna' finds 'förening', 'föreningen' and 'föreningar'."""
    return [stem(term) for term in search_terms(query)]
