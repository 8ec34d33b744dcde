"""One answer for every rate limit that is reached: 429, a page in the site's layout that
says in words how long to wait, and the same wait in `Retry-After`. The limits themselves
are counted by django-ratelimit (the public forms) and allauth (log-in, sign-up, password
reset) in the default cache, which production shares between processes (checks.shared_cache)."""

import math

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def too_many_requests(request: HttpRequest, *, retry_after: int, template: str = "429.html",
                      context: dict | None = None) -> HttpResponse:
    """A page (by default the plain 429 page; a form's own template keeps what the person
    wrote) with status 429 and `Retry-After` in seconds."""
    minutes = max(1, math.ceil(retry_after / 60))
    response = render(request, template, {"limited": True, "retry_after_minutes": minutes, **(context or {})},
                      status=429)
    response["Retry-After"] = str(retry_after)
    return response
