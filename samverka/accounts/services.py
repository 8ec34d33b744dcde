from __future__ import annotations

from django.db import transaction

from samverka.core import audit
from samverka.core.models import AuditEvent


def personal_data(*, user) -> dict:
    """Everything the platform keeps about a person, for "download my data"."""
    from allauth.account.models import EmailAddress

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
        "activity": [
            {"when": e.created_at.isoformat(), "action": e.action, "object": e.target_label, "changes": e.changes}
            for e in AuditEvent.objects.filter(user=user)[:5000]
        ],
    }


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
    from samverka.actors.models import ActorMembership
    from samverka.actors.services import ActionError

    sole_owner_of = [
        m.actor.name for m in ActorMembership.objects.filter(user=by, role="owner").select_related("actor")
        if not ActorMembership.objects.filter(actor=m.actor, role="owner").exclude(user=by).exists()
    ]
    if sole_owner_of:
        raise ActionError(", ".join(sole_owner_of))
    AuditEvent.objects.filter(user=by).update(user_label="(raderad användare)")
    AuditEvent.objects.filter(target_type__model="user", target_id=str(by.pk)).update(changes={}, target_label="")
    by.delete()
