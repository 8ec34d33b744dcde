"""A person's answers to needs, for "see my data" and "delete my account" (samverka.portal
calls every app's `privacy` module)."""

from __future__ import annotations

from samverka.core.privacy import WHILE_ACCOUNT, kept

from .models import Answer

FIELDS = {
    "Need": kept(
        retention="while the publisher keeps it (the public details of a need)",
        public=["office", "actor", "title", "slug", "summary", "description", "kind", "district", "place", "starts_on",
                "ends_on", "when_text", "people_needed", "requirements", "record_extract_required", "min_age", "max_age", "areas",
                "sdg_goals", "help_kinds", "closes_on", "status", "outcome", "closed_at", "created_at"],
        personal=["contact", "created_by"],
        internal=["updated_at", "search_text"],
    ),
    "Answer": kept(
        retention=WHILE_ACCOUNT,
        personal=["user", "message", "reply", "handled_by"],
        internal=["need", "actor", "kind", "status", "handled_at", "language", "created_at", "updated_at"],
    ),
}


def personal_data(user) -> dict:
    return {"need_answers": [
        {"need": a.need.title, "kind": a.kind, "on_behalf_of": a.actor.name if a.actor_id else None,
         "message": a.message, "status": a.status, "reply": a.reply, "sent": a.created_at.isoformat()}
        for a in Answer.objects.filter(user=user).select_related("need", "actor").order_by("created_at")
    ]}


def erase(user) -> None:
    Answer.objects.filter(user=user).delete()
