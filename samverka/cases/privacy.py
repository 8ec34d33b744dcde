"""The cases a person sent while logged in, for "see my data" (samverka.portal calls every
app's `privacy` module)."""

from __future__ import annotations

from .models import Case


def personal_data(user) -> dict:
    return {"cases": [
        {"reference": c.reference, "received": c.received_at.isoformat(), "kind": c.kind, "topic": c.topic.name,
         "district": c.district.name if c.district else None, "message": c.message, "name": c.name,
         "email": c.email, "phone": c.phone, "status": c.status,
         "answers": [e.text for e in c.events.all() if e.kind == "answer"],
         "replies": [e.text for e in c.events.all() if e.kind == "reply"]}
        for c in Case.objects.filter(user=user).select_related("topic", "district").prefetch_related("events")
        .order_by("received_at")
    ]}


def erase(user) -> None:
    """A case stays with the office that handles it (a public record); it keeps the name and
    address the person wrote in it, and loses the link to the account (`Case.user` is set
    to null when the account goes)."""
