"""Double submits: every form that creates something carries a one-time token
(`{% submission_token %}`), and the view wraps its service call in `once()`."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.db import IntegrityError, transaction

from .models import Submission

FIELD = "submission_token"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def already_done(request) -> str | None:
    """The result URL if this form's token was already used, else None."""
    token = request.POST.get(FIELD, "")
    if not token:
        return None
    return Submission.objects.filter(token=token[:64]).values_list("result_url", flat=True).first()


def once(request, action: Callable[[], str]) -> str:
    """Run `action` (which returns the URL to show next) at most once per token, inside
    one transaction with the token's row. A racing duplicate gets the first's URL."""
    token = request.POST.get(FIELD, "")[:64]
    if not token:
        return action()
    try:
        with transaction.atomic():
            submission = Submission.objects.create(token=token)
            url = action()
            submission.result_url = url
            submission.save(update_fields=["result_url"])
            return url
    except IntegrityError:
        done = Submission.objects.filter(token=token).values_list("result_url", flat=True).first()
        if done is None:
            raise
        return done
