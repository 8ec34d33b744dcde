from django.conf import settings
from django.urls import translate_url

from samverka.municipality.models import Municipality


def platform(request):
    """What every page needs: the municipality's name and colours, and the current
    page in each language for the language switch."""
    path = request.get_full_path()
    return {
        "municipality": Municipality.current(),
        "language_links": [
            (code, name, translate_url(path, code)) for code, name in settings.LANGUAGES
        ],
    }
