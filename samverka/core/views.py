from datetime import UTC, timedelta

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """For the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return JsonResponse({"status": "error", "database": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def accessibility(request):
    return render(request, "core/accessibility.html")


@require_GET
def privacy(request):
    return render(request, "core/privacy.html")


@require_GET
def security_policy(request):
    contacts = [(contact, contact.removeprefix("mailto:")) for contact in settings.SECURITY_CONTACTS]
    return render(request, "core/security.html", {"contacts": contacts})


# RFC 9116 recommends an Expires less than a year ahead; renewed on every request.
SECURITY_TXT_LIFETIME = timedelta(days=180)


@require_GET
@cache_control(max_age=86400, public=True)
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): whom to tell about a vulnerability, and how."""
    with translation.override(settings.LANGUAGE_CODE):
        policy = reverse("security_policy")
    expires = (timezone.now() + SECURITY_TXT_LIFETIME).replace(microsecond=0)
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_CONTACTS]
    lines += [
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: sv, en",
        f"Policy: {settings.SITE_URL}{policy}",
        f"Canonical: {settings.SITE_URL}{reverse('security_txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to the icon in static/
    (a temporary redirect, so a new icon with a new hashed name is found)."""
    return HttpResponseRedirect(static("img/favicon.svg"))


@require_GET
def styleguide(request):
    return render(request, "core/styleguide.html")


def csrf_failure(request, reason=""):
    """A form sent without its security token (an old tab, cookies blocked): say what to
    do in the person's language, in the site's layout, instead of Django's technical page."""
    referer = request.META.get("HTTP_REFERER", "")
    same_site = url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()})
    return render(request, "403_csrf.html", {"came_from": referer if same_site else ""}, status=403)

