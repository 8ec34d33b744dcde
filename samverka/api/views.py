"""The API's own answers: an address under /api/ that names nothing is a 404 in JSON,
whatever the method, like every other error of the API (a server error, from
`core.unavailable.server_error`, included)."""

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

