import math
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse


class TrustedProxyMiddleware:
    """Behind TRUSTED_PROXY_COUNT reverse proxies, take the client address from
    X-Forwarded-For so rate limits count per person, not per proxy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.count = settings.TRUSTED_PROXY_COUNT

    def __call__(self, request):
        if self.count:
            forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
            hops = [h.strip() for h in forwarded.split(",") if h.strip()]
            if len(hops) >= self.count:
                request.META["REMOTE_ADDR"] = hops[-self.count]
        return self.get_response(request)


class LoadSheddingMiddleware:
    """Past its capacity the platform says "come back in a moment" instead of failing.

    A trusted reverse proxy stamps each request with the time it received it
    (`X-Request-Start: t=<seconds.millis>`, nginx's `$msec`). A request that waited longer
    than LOAD_SHED_AFTER_MS in the queues in front of Django is answered 503 with
    Retry-After at once, before it touches the database: its visitor has likely given up,
    and the work it would take is better spent on the requests behind it. Without a
    trusted proxy (TRUSTED_PROXY_COUNT 0) the header is ignored, since anyone could send it."""

    RETRY_AFTER = 5

    def __init__(self, get_response):
        self.get_response = get_response
        self.limit = settings.LOAD_SHED_AFTER_MS / 1000 if settings.TRUSTED_PROXY_COUNT else 0

    def __call__(self, request):
        if self.limit:
            started = request_start(request.META.get("HTTP_X_REQUEST_START", ""))
            if started is not None and time.time() - started > self.limit:
                response = HttpResponse("Busy, please try again in a moment.\n", status=503,
                                        content_type="text/plain; charset=utf-8")
                response["Retry-After"] = str(self.RETRY_AFTER)
                response["Cache-Control"] = "no-store"
                return response
        return self.get_response(request)


def request_start(value: str) -> float | None:
    """Seconds since the epoch from `t=1700000000.123` (or the bare number; in milliseconds or
    microseconds, as Caddy's `{time.now.unix_ms}` and some proxies write it, too); None if unreadable."""
    value = value.strip()
    if value.startswith("t="):
        value = value[2:]
    try:
        started = float(value)
    except ValueError:
        return None
    if not math.isfinite(started):
        return None
    while started > 1e11:  # milliseconds or microseconds: no request comes from after the year 5138
        started /= 1000
    return started


class PrivatePagesMiddleware:
    """A page meant for one person is kept by no cache on the way: `Cache-Control:
    private, no-store` on every response to a request that carries a session (everyone
    logged in has one), a message or credentials, on every response that starts a session
    or leaves a message, and on every page with a token in its address (a case's follow-up
    link, an invitation, a confirmation). A view that set its own Cache-Control keeps it.

    Public pages for visitors without a session stay as they are: the page cache
    (core/pagecache.py) serves them, and so may any cache on the way."""

    # The names of URL parts that are secrets (samverka and allauth routes).
    TOKEN_PARTS = frozenset({"token", "key", "uidb36", "ref"})

    def __init__(self, get_response):
        self.get_response = get_response
        self.cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and self._private(request, response):
            response["Cache-Control"] = "private, no-store"
        return response

    def _private(self, request, response) -> bool:
        match = getattr(request, "resolver_match", None)
        return (
            any(name in request.COOKIES or name in response.cookies for name in self.cookies)
            or "HTTP_AUTHORIZATION" in request.META
            or (match is not None and not self.TOKEN_PARTS.isdisjoint(match.kwargs))
        )
