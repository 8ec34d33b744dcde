from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
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

