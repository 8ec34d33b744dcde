import math
import time

from django.conf import settings
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
    """Seconds since the epoch from `t=1700000000.123` (or the bare number); None if unreadable."""
    value = value.strip()
    if value.startswith("t="):
        value = value[2:]
    try:
        started = float(value)
    except ValueError:
        return None
    return started if math.isfinite(started) else None
