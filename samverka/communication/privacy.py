"""The messages the outbox keeps for a person's addresses, for "see my data" and
"delete my account" (samverka.portal calls every app's `privacy` module)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Q

from .models import OutboxMessage


def _messages_to(user):
    addresses = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    query = Q()
    for address in addresses:
        query |= Q(to__iexact=address)
    return OutboxMessage.objects.filter(query)


def personal_data(user) -> dict:
    return {
        "messages": [
            {"when": m.created_at.isoformat(), "channel": m.channel, "subject": m.subject, "status": m.status}
            for m in _messages_to(user).order_by("created_at")[:5000]
        ],
    }


def erase(user) -> None:
    _messages_to(user).delete()
