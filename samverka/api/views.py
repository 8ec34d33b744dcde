"""The API's own answers: an address under /api/ that names nothing is a 404 in JSON,
whatever the method, like every other error of the API, a server error included."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


@extend_schema(exclude=True)
@api_view(ALL_METHODS)
@authentication_classes([])  # no session: a POST without a CSRF token still learns that nothing is here
@permission_classes([AllowAny])
def not_found(request, rest=""):
    raise NotFound()


def server_error(request):
    """Django's `handler500`: under /api/ a JSON answer, elsewhere the site's error page.
    The error itself is logged (and mailed to the admins) before this is called."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("The fault is ours, not yours. Please try again in a moment.")}, status=500)
    return defaults.server_error(request)
