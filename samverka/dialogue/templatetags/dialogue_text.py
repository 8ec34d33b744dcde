"""Text helpers for the dialogue's templates."""

from __future__ import annotations

import re

from django import template
from django.utils.translation import get_language

register = template.Library()

LONG_WORD = re.compile(r"\w{9,}")


def _hyphenator(language: str):
    try:
        import pyphen
    except ImportError:  # pragma: no cover - installed with weasyprint
        return None
    return pyphen.Pyphen(lang=language) if language in pyphen.LANGUAGES else None


@register.filter
def soft_hyphens(text) -> str:
    """Long words with soft hyphens (U+00AD) where the page's language may break them, for narrow
    column heads ("Svars­alternativ"): the browser breaks there, with a hyphen, only when the word
    does not fit, so a table fits a small screen without cutting words anywhere. Escaped as usual
    by the template (a soft hyphen is plain text)."""
    text = str(text)
    hyphenator = _hyphenator((get_language() or "sv").split("-")[0])
    if hyphenator is None:
        return text
    return LONG_WORD.sub(lambda m: hyphenator.inserted(m.group(0), hyphen="\u00ad"), text)
