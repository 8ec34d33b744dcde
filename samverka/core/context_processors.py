from functools import lru_cache

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


@lru_cache(maxsize=4096)
def _language_links(path: str, current: str) -> list[tuple[str, str, str]]:
    return [(code, name, translate_url(path, code)) for code, name in settings.LANGUAGES]


def platform(request):
    """What every page needs: the current page in each language for the language switch
    (worked out only when the header is rendered, not when it comes from the cache). The
    municipality's name and colours come from samverka.municipality.context_processors."""
    return {
        "language_links": lambda: _language_links(request.get_full_path(), get_language()),
    }
