"""What the audit history keeps about a person, for "see my data" and "delete my account"
(samverka.portal calls every app's `privacy` module)."""

from __future__ import annotations

import json

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from .models import AuditEvent

DELETED_USER = "(raderad användare)"


def personal_data(user) -> dict:
    return {
        "activity": [
            {"when": e.created_at.isoformat(), "action": e.action, "object": e.target_label, "changes": e.changes}
            for e in AuditEvent.objects.filter(user=user)[:5000]
        ],
    }


def erase(user) -> None:
    """The history of what the person changed stays, without their name; other people's
    events that name them (a role changed, an invitation sent) keep what happened, without
    the name or address."""
    AuditEvent.objects.filter(user=user).update(user_label=DELETED_USER)
    AuditEvent.objects.filter(target_type__model="user", target_id=str(user.pk)).update(changes={}, target_label="")
    _forget_in_changes(names={user.display_name, user.email})


def _forget_in_changes(*, names: set[str]) -> None:
    names = {n for n in names if n}
    folded = {n.casefold() for n in names}
    # JSON text holds non-ASCII letters escaped on SQLite and as they are on PostgreSQL.
    needles = names | {json.dumps(n)[1:-1] for n in names}
    query = Q()
    for needle in needles:
        query |= Q(changes_text__icontains=needle)
    candidates = AuditEvent.objects.annotate(changes_text=Cast("changes", TextField())).filter(query)

    def scrub(value):
        if isinstance(value, str):
            return DELETED_USER if value.casefold() in folded else value
        if isinstance(value, list):
            return [scrub(v) for v in value]
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items()}
        return value

    for event in candidates.only("pk", "changes"):
        cleaned = scrub(event.changes)
        if cleaned != event.changes:
            AuditEvent.objects.filter(pk=event.pk).update(changes=cleaned)
