"""The messages the outbox keeps for a person's addresses, for "see my data" and
"delete my account" (samverka.portal calls every app's `privacy` module)."""

from __future__ import annotations

from datetime import timedelta

from samverka.core.privacy import email_in, kept, verified_emails

from . import limits
from .models import Notification, OutboxMessage

KEEP_MESSAGES = timedelta(days=90)
KEEP_READ_NOTIFICATIONS = timedelta(days=180)

FIELDS = {
    "OutboxMessage": kept(
        retention="90 days after it was written, once sent or given up",
        personal=["to", "subject", "body_text", "body_html"],
        internal=["idempotency_key", "channel", "headers", "status", "attempts", "next_attempt_at", "lease_until",
                  "last_error", "created_at", "sent_at"],
    ),
    # A keyed hash of a typed address (it cannot be read back into the address), kept only
    # as long as the caps look back (communication.limits).
    "TypedSend": kept(retention="as long as the longest cap looks back (a day)",
                      internal=["purpose", "recipient", "sent_at"]),
    "Notification": kept(retention="while the account exists; read ones 180 days",
                         personal=["user", "text", "params", "url"], internal=["key", "created_at", "read_at"]),
    "CapReached": kept(retention="a month", internal=["purpose", "hour", "held_back", "created_at"]),
}


def _messages_to(user):
    """Messages to the account's address and the addresses it has verified."""
    return OutboxMessage.objects.filter(email_in("to", {user.email.lower(), *verified_emails(user)}))


def personal_data(user) -> dict:
    return {
        "messages": [
            {"when": m.created_at.isoformat(), "channel": m.channel, "to": m.to, "subject": m.subject,
             "status": m.status, "text": m.body_text, "html": m.body_html}
            for m in _messages_to(user).order_by("created_at")[:5000]
        ],
        "notifications": [
            {"created": n.created_at.isoformat(), "text": n.message, "url": n.url,
             "read": n.read_at.isoformat() if n.read_at else None}
            for n in Notification.objects.filter(user=user).order_by("created_at")[:5000]
        ],
    }


def erase(user) -> None:
    _messages_to(user).delete()
    Notification.objects.filter(user=user).delete()


def expire(*, now) -> int:
    """Sent and failed messages go 90 days after they were written; waiting ones stay."""
    deleted, _counts = OutboxMessage.objects.filter(
        created_at__lt=now - KEEP_MESSAGES,
        status__in=[OutboxMessage.Status.SENT, OutboxMessage.Status.FAILED]).delete()
    read, _counts = Notification.objects.filter(read_at__lt=now - KEEP_READ_NOTIFICATIONS).delete()
    return deleted + read + limits.forget_old_sends(now=now)
