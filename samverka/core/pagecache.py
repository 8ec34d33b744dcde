"""Whole-page caching for visitors who are not logged in.

Most visitors read public pages without an account; for them a page is the same for
everyone with the same address and language. `cache_public_page(version)` keeps such
responses in the cache under a key made of the language, the full path and `version()`,
a cheap fingerprint of the data the page shows (e.g. the register's newest change and
size), so a change shows at once. Logged-in visitors, requests with a session or a pending
message, htmx fragments and responses that set a cookie are never cached.
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

from .once import FIELD, new_token

PAGE_SECONDS = 300


def _cacheable_request(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not getattr(request, "htmx", False)
    )


def cache_public_page(version: Callable[[], str], seconds: int = PAGE_SECONDS):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            # The view may reuse the fingerprint (request.page_version) for its own fragments.
            request.page_version = version()
            key = _key(request, "page")
            response = cache.get(key)
            if response is None:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.cookies and not response.streaming:
                    cache.set(key, response, seconds)
            return response

        return wrapped

    return decorator


def _key(request, kind: str) -> str:
    raw = f"{get_language()}|{request.get_full_path()}|{request.page_version}"
    return f"{kind}:" + hashlib.sha256(raw.encode()).hexdigest()


_TOKENS = re.compile(rf'(name="(csrfmiddlewaretoken|{FIELD})" value=")[^"]*"')
_SLOTS = {"csrfmiddlewaretoken": "{{csrf-slot}}", FIELD: "{{submission-slot}}"}


def cache_public_form(version: Callable[[], str], seconds: int = PAGE_SECONDS):
    """`cache_public_page` for a page with a form that everyone opens at once (the crisis
    forms): the page is kept with its CSRF and submission tokens taken out, and each
    visitor gets tokens of their own put in (and the CSRF cookie that goes with them)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            request.page_version = version()
            key = _key(request, "form")
            page = cache.get(key)
            if page is None:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.cookies and not response.streaming:
                    page = _TOKENS.sub(lambda m: m.group(1) + _SLOTS[m.group(2)] + '"', response.content.decode())
                    cache.set(key, page, seconds)
                return response
            return HttpResponse(page.replace(_SLOTS["csrfmiddlewaretoken"], get_token(request))
                                .replace(_SLOTS[FIELD], new_token()))

        return wrapped

    return decorator
