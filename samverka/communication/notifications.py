"""Notifications in the product: the bell on My pages. Any app tells the people who follow
something with `notify`, in the transaction of the change (no import upwards: the model
lives here, below every domain app).

The text is the English source marked with `gettext_noop`, its values in `params`:

    notify(ids, gettext_noop("The dialogue “%(title)s” is closed."), url, params={"title": t}, key=...)

so each reader sees it in their own language."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from .models import Notification

KEEP_DAYS = 180


def notify(user_ids: Iterable[int], text: str, url: str = "", *, key: str, params: dict | None = None) -> int:
    """One notification per person and `key` (the same change told again adds nothing).
    Returns how many were new."""
    ids = sorted({int(pk) for pk in user_ids if pk})
    if not ids:
        return 0
    had = set(Notification.objects.filter(key=key[:200], user_id__in=ids).values_list("user_id", flat=True))
    now = timezone.now()
    Notification.objects.bulk_create(
        [Notification(user_id=pk, text=str(text)[:300], params=params or {}, url=url[:500], key=key[:200],
                      created_at=now)
         for pk in ids if pk not in had], ignore_conflicts=True)
    return len([pk for pk in ids if pk not in had])


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user, *, ids: Iterable[int] | None = None) -> int:
    """Mark the person's notifications read (all, or those of `ids`)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
