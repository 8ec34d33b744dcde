"""Double submits: every form that creates something carries a one-time token
(`{% submission_token %}`), and the view wraps its service call in `once()`.

A post without the token (a client that strips it, a script) is not trusted to be new:
its token is made from what it says instead (who sent it, to which address, every field
but the CSRF token), within a window of WINDOW seconds. The same content posted twice in
that window is acted on once; the second request is shown the first one's result."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction

from .models import Submission

FIELD = "submission_token"
WINDOW = 600  # seconds in which the same content without a token counts as a double submit
_NOT_CONTENT = {FIELD, "csrfmiddlewaretoken"}


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _content_token(request, window: int) -> str:
    """A token for a post without one: the sender, the address and the fields, in the
    window the post falls in ("c:" keeps it apart from the 32 characters of new_token)."""
    if request.user.is_authenticated:
        sender = f"user:{request.user.pk}"
    elif key := request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        sender = f"session:{key}"
    else:
        sender = f"address:{request.META.get('REMOTE_ADDR', '')}"
    fields = sorted((name, value) for name, values in request.POST.lists() if name not in _NOT_CONTENT
                    for value in values)
    files = sorted((name, f.name, f.size) for name, values in request.FILES.lists() for f in values)
    content = repr((sender, request.path, fields, files, window)).encode()
    return "c:" + hashlib.sha256(content).hexdigest()[:60]


def _tokens(request) -> list[str]:
    """The tokens this post may have been done under: its own, or for a post without one,
    those of its content in this window and the one before (so the window never ends
    between two clicks)."""
    if token := request.POST.get(FIELD, "")[:64]:
        return [token]
    now = int(time.time()) // WINDOW
    return [_content_token(request, now), _content_token(request, now - 1)]


def already_done(request) -> str | None:
    """The result URL if this form's token was already used, else None."""
    return Submission.objects.filter(token__in=_tokens(request)).values_list("result_url", flat=True).first()


def once(request, action: Callable[[], str]) -> str:
    """Run `action` (which returns the URL to show next) at most once per token, inside
    one transaction with the token's row. A racing duplicate gets the first's URL."""
    tokens = _tokens(request)
    try:
        with transaction.atomic():
            if done := Submission.objects.filter(token__in=tokens[1:]).values_list("result_url", flat=True).first():
                return done
            submission = Submission.objects.create(token=tokens[0])
            url = action()
            submission.result_url = url
            submission.save(update_fields=["result_url"])
            return url
    except IntegrityError:
        done = Submission.objects.filter(token__in=tokens).values_list("result_url", flat=True).first()
        if done is None:
            raise
        return done
