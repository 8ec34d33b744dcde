"""Whole-page caching for visitors who are not logged in: the one cache for pages.

Most visitors read public pages without an account; for them a page is the same for
everyone with the same address and language. `@cache_public_page("actors", "activities")`
keeps such responses under a key made of the language, the full path and the version
stamps (core.versions) of the apps the page shows, plus those of the layout every page
shows (the municipality's name and contact, the crisis banner). An app's services renew
its stamp when they change something, so a change shows at once.

Logged-in visitors, requests with a session or a pending message, htmx fragments and
responses that set a cookie are never cached. A page that also changes with time (the
calendar's list starts at "now") gives `moment`, a function of the request naming the
current period.

`tokens=True` is for a page with a form that everyone opens at once (the crisis forms):
the page is kept with its CSRF and submission tokens cut out, and each visitor gets
tokens of their own put in (and the CSRF cookie that goes with them).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from . import versions
from .once import FIELD, new_token

PAGE_SECONDS = 300
# What the layout of every page shows: the municipality's settings and the crisis banner.
LAYOUT = ("municipality", "crisis")

_TOKENS = re.compile(rf'(name="(csrfmiddlewaretoken|{FIELD})" value=")[^"]*"')
_SLOTS = {"csrfmiddlewaretoken": "{{csrf-slot}}", FIELD: "{{submission-slot}}"}


def _cacheable_request(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not getattr(request, "htmx", False)
    )


def _cacheable_response(response) -> bool:
    return response.status_code == 200 and not response.cookies and not response.streaming


def _key(request, apps: tuple[str, ...], moment: Callable | None) -> str:
    parts = [get_language(), request.get_full_path(), versions.current(*LAYOUT, *apps)]
    if moment is not None:
        parts.append(moment(request))
    return "page:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def cache_public_page(*apps: str, moment: Callable | None = None, tokens: bool = False,
                      seconds: int = PAGE_SECONDS):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = _key(request, apps, moment)
            cached = cache.get(key)
            if cached is None:
                response = view(request, *args, **kwargs)
                if _cacheable_response(response):
                    cache.set(key, _cut_tokens(response) if tokens else response, seconds)
                return response
            if tokens:
                return HttpResponse(cached.replace(_SLOTS["csrfmiddlewaretoken"], get_token(request))
                                    .replace(_SLOTS[FIELD], new_token()))
            return cached

        return wrapped

    return decorator


def _cut_tokens(response) -> str:
    return _TOKENS.sub(lambda m: m.group(1) + _SLOTS[m.group(2)] + '"', response.content.decode())
