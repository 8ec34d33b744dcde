"""One way to fetch an object a user asked for: not visible → 404, visible but the
user may not do this → 403. Views never call `.get()` on a user-supplied key."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404


def get_for_user[M: models.Model](queryset: models.QuerySet[M], user, *, perm: str | None = None, **lookup) -> M:
    """`queryset` is already narrowed to what `user` may see (e.g. `Actor.objects.visible_to(user)`)."""
    try:
        obj = queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if perm and not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def require_perm(by, perm: str, obj=None) -> None:
    """The check every service makes before it changes anything: `by` may do `perm`
    (on `obj`), else PermissionDenied. `by=None` is the platform itself (the task
    worker, a management command, a data migration), which the rules do not limit;
    a view, the API or the admin always passes the requesting user, signed in or not."""
    if by is not None and not by.has_perm(perm, obj):
        raise PermissionDenied
