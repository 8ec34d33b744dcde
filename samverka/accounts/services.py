from __future__ import annotations

import json

from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from samverka.communication.models import OutboxMessage
from samverka.core import audit
from samverka.core.models import AuditEvent


def personal_data(*, user) -> dict:
    """Everything the platform keeps about a person, for "download my data"."""
    from allauth.account.models import EmailAddress

    from samverka.cases.selectors import personal_data as cases_personal_data
    from samverka.needs import services as need_services
    from samverka.volunteers import services as volunteer_services

    return {
        "account": {
            "email": user.email, "first_name": user.first_name, "last_name": user.last_name,
            "phone": user.phone, "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "offices": [
            {"office": m.office.name, "title": m.title} for m in user.office_memberships.select_related("office")
        ],
        "actors": [
            {"actor": m.actor.name, "role": m.role, "since": m.created_at.isoformat()}
            for m in user.actor_memberships.select_related("actor")
        ],
        "messages": [
            {"when": m.created_at.isoformat(), "channel": m.channel, "subject": m.subject, "status": m.status}
            for m in _messages_to(user).order_by("created_at")[:5000]
        ],
        "activity": [
            {"when": e.created_at.isoformat(), "action": e.action, "object": e.target_label, "changes": e.changes}
            for e in AuditEvent.objects.filter(user=user)[:5000]
        ],
        "cases": cases_personal_data(user=user),
        "volunteer": volunteer_services.personal_data(user=user),
        "need_answers": need_services.personal_data(user=user),
    }


def _messages_to(user):
    """The e-mails the outbox keeps for the person's addresses."""
    from allauth.account.models import EmailAddress

    addresses = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    query = Q()
    for address in addresses:
        query |= Q(to__iexact=address)
    return OutboxMessage.objects.filter(query)


@transaction.atomic
def update_profile(*, by, first_name: str, last_name: str) -> None:
    changes = audit.diff(by, {"first_name": first_name, "last_name": last_name})
    if changes:
        by.first_name, by.last_name = first_name, last_name
        by.save(update_fields=["first_name", "last_name"])
        audit.record(by=by, action="account.update", target=by, changes=changes)


@transaction.atomic
def delete_account(*, by) -> None:
    """Erase the person. The history of what they changed stays, without their name."""
    from samverka.actors.models import ActorMembership, Invitation
    from samverka.actors.services import ActionError

    sole_owner_of = [
        m.actor.name for m in ActorMembership.objects.filter(user=by, role="owner").select_related("actor")
        if not ActorMembership.objects.filter(actor=m.actor, role="owner").exclude(user=by).exists()
    ]
    if sole_owner_of:
        raise ActionError(", ".join(sole_owner_of))
    AuditEvent.objects.filter(user=by).update(user_label=DELETED_USER)
    AuditEvent.objects.filter(target_type__model="user", target_id=str(by.pk)).update(changes={}, target_label="")
    _forget_in_changes(names={by.display_name, by.email})
    Invitation.objects.filter(email__iexact=by.email).delete()
    _messages_to(by).delete()
    from samverka.volunteers import services as volunteer_services

    volunteer_services.erase_for_user(user=by)
    by.delete()


DELETED_USER = "(raderad användare)"


def _forget_in_changes(*, names: set[str]) -> None:
    """Other people's events that name the person (a role changed, an invitation sent)
    keep what happened, without the name or address."""
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
