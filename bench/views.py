"""The floors the benchmark measures pages against, served by the same app server."""

from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.views.decorators.http import require_http_methods

from .models import FloorWrite


def floor(request):
    """The floor: a short fixed response, no template, no database."""
    return HttpResponse(b"ok", content_type="text/plain")


FLOOR_FORM = (
    '<!doctype html><html lang="en"><title>Floor</title><form method="post">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    '<input name="name" required><button>Send</button></form></html>'
)


@require_http_methods(["GET", "POST"])
def floor_write(request):
    """The floor for writes: the form with its CSRF token (GET); the token checked by the
    middleware, one row inserted and a redirect (POST)."""
    if request.method == "POST":
        FloorWrite.objects.create(name=request.POST.get("name", "")[:200])
        return HttpResponseRedirect("/_floor", status=303)
    return HttpResponse(FLOOR_FORM.format(token=get_token(request)).encode())
