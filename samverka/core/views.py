from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samverka.actors.models import Actor


@require_GET
def home(request):
    actors = Actor.objects.published()
    context = {
        "actor_count": actors.count(),
        "recent_actors": actors.for_cards().order_by("-created_at")[:3],
    }
    return render(request, "core/home.html", context)


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


def floor(request):
    """The benchmark's floor: a short fixed response, no template, no database."""
    return HttpResponse(b"ok", content_type="text/plain")


@require_GET
def accessibility(request):
    return render(request, "core/accessibility.html")


@require_GET
def privacy(request):
    return render(request, "core/privacy.html")


@require_GET
def styleguide(request):
    return render(request, "core/styleguide.html")
