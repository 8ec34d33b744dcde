from django.conf import settings


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
