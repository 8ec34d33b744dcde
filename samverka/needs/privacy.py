"""A person's answers to needs, for "see my data" and "delete my account" (samverka.portal
calls every app's `privacy` module)."""

from __future__ import annotations

from .models import Answer


def personal_data(user) -> dict:
    return {"need_answers": [
        {"need": a.need.title, "kind": a.kind, "on_behalf_of": a.actor.name if a.actor_id else None,
         "message": a.message, "status": a.status, "reply": a.reply, "sent": a.created_at.isoformat()}
        for a in Answer.objects.filter(user=user).select_related("need", "actor").order_by("created_at")
    ]}


def erase(user) -> None:
    Answer.objects.filter(user=user).delete()
