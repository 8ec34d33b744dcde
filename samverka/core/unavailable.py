"""When the database cannot be reached, say "come back in a moment" (503 with
Retry-After) instead of failing with a 500: an HTML page for people, JSON for the API.

Django turns every exception nobody caught, in a view or in a middleware (reading the
session, the user), into a call of the 500 handler, inside the `except` that caught it.
`server_error` is that handler: it looks at the exception, and answers 503 only when the
database is out of reach (no connection, the server shutting down or full, SQLite's file
locked or unreadable). A wrong query stays a 500, so a programming error is never taken
for an outage. Neither answer asks the database for anything."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

RETRY_AFTER = 30  # seconds

# PostgreSQL's SQLSTATE classes of an unreachable server: 08 connection exception,
# 53 insufficient resources (too many connections), 57 operator intervention (shutting
# down, starting up, statement cancelled under load).
_PG_CLASSES = ("08", "53", "57")
# SQLite's primary result codes of a database that is there but out of reach:
# BUSY, LOCKED, IOERR, FULL, CANTOPEN, PROTOCOL.
_SQLITE_CODES = {5, 6, 10, 13, 14, 15}


def database_unavailable(error: BaseException | None) -> bool:
    """Whether `error` says the database is out of reach (not that a query was wrong)."""
    if isinstance(error, InterfaceError):  # the connection is closed or broken
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if (code := getattr(cause, "sqlite_errorcode", None)) is not None:
        return code & 0xFF in _SQLITE_CODES
    if type(cause).__module__.startswith("psycopg"):
        sqlstate = getattr(cause, "sqlstate", None)
        # No SQLSTATE: the server never answered (refused, timed out, went away).
        return sqlstate is None or sqlstate[:2] in _PG_CLASSES
    return False


def server_error(request, template_name: str = "500.html"):
    """The 500 handler (`handler500` in samverka/urls.py). Under /api/ every answer is JSON.
    The error itself is logged (and mailed to the admins) before this is called."""
    api = request.path_info.startswith("/api/")
    if not database_unavailable(sys.exc_info()[1]):
        if api:
            return JsonResponse({"detail": _("The fault is ours, not yours. Please try again in a moment.")},
                                status=500)
        return django_server_error(request, template_name)
    if api:
        response = JsonResponse({"detail": _("The service is unavailable for a moment. Try again shortly.")},
                                status=503)
    else:
        response = HttpResponse(render_to_string("503.html", {"again": request.get_full_path()}), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
