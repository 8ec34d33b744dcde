"""The actors a person represents and the invitations sent to them, for "see my data"
and "delete my account" (samverka.portal calls every app's `privacy` module)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from samverka.core.errors import ActionError
from samverka.core.privacy import WHILE_ACCOUNT, email_in, kept, verified_emails

from .models import ActorMembership, Invitation

KEEP_INVITATIONS = timedelta(days=90)

FIELDS = {
    "Actor": kept(
        retention="while the actor is in the register (an organisation's public details)",
        public=["name", "slug", "kind", "organisation_number", "summary", "description", "email", "website", "phone",
                "meeting_place", "accessibility", "status", "verified_at", "areas", "target_groups", "districts",
                "languages", "sdg_goals"],
        personal=["verified_by"],
        internal=["last_confirmed_at", "update_requested_at", "created_at", "updated_at", "name_key", "sort_name",
                  "search_text"],
    ),
    "ActorMembership": kept(retention=WHILE_ACCOUNT, personal=["user", "actor", "role", "created_at"]),
    "Invitation": kept(
        retention="90 days after it was accepted, revoked or ran out",
        personal=["email", "invited_by", "accepted_by"],
        internal=["actor", "role", "token", "created_at", "expires_at", "accepted_at", "revoked_at"],
    ),
}


def _invitations_to(user):
    return Invitation.objects.filter(email_in("email", {user.email.lower(), *verified_emails(user)}))


def personal_data(user) -> dict:
    return {
        "actors": [
            {"actor": m.actor.name, "role": m.role, "since": m.created_at.isoformat()}
            for m in user.actor_memberships.select_related("actor")
        ],
        "invitations": [
            {"actor": i.actor.name, "email": i.email, "role": i.role, "sent": i.created_at.isoformat()}
            for i in _invitations_to(user).select_related("actor")
        ],
    }


def erase(user) -> None:
    """An actor keeps at least one owner: the sole owner must hand it over first."""
    sole_owner_of = [
        m.actor.name for m in ActorMembership.objects.filter(user=user, role="owner").select_related("actor")
        if not ActorMembership.objects.filter(actor=m.actor, role="owner").exclude(user=user).exists()
    ]
    if sole_owner_of:
        raise ActionError(_("You are the only owner of %(actors)s. Make someone else owner first, or archive it.")
                          % {"actors": ", ".join(sole_owner_of)})
    _invitations_to(user).delete()  # the memberships go with the account (cascade)


def expire(*, now) -> int:
    before = now - KEEP_INVITATIONS
    deleted, _counts = Invitation.objects.filter(
        Q(accepted_at__lt=before) | Q(revoked_at__lt=before) | Q(expires_at__lt=before)).delete()
    return deleted
