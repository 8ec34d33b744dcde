"""Reads of one-way-in cases that other parts of the platform use."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from .models import Case


def inbox_counts(user) -> dict[str, int]:
    """Open and late cases among those the user sees on the officials' pages."""
    today = timezone.localdate()
    open_q = Q(status__in=Case.OPEN)
    return Case.objects.visible_to(user).aggregate(
        open=Count("pk", filter=open_q), overdue=Count("pk", filter=open_q & Q(answer_by__lt=today)))


def personal_data(*, user) -> list[dict]:
    """The cases a person sent while logged in, for "download my data"."""
    return [
        {"reference": c.reference, "received": c.received_at.isoformat(), "kind": c.kind, "topic": c.topic.name,
         "district": c.district.name if c.district else None, "message": c.message, "name": c.name,
         "email": c.email, "phone": c.phone, "status": c.status,
         "answers": [e.text for e in c.events.all() if e.kind == "answer"],
         "replies": [e.text for e in c.events.all() if e.kind == "reply"]}
        for c in Case.objects.filter(user=user).select_related("topic", "district").prefetch_related("events")
        .order_by("received_at")
    ]
