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
