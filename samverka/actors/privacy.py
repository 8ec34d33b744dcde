"""The actors a person represents, for "see my data" and "delete my account"
(samverka.portal calls every app's `privacy` module)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from samverka.core.errors import ActionError

from .models import ActorMembership, Invitation


def personal_data(user) -> dict:
    return {
        "actors": [
            {"actor": m.actor.name, "role": m.role, "since": m.created_at.isoformat()}
            for m in user.actor_memberships.select_related("actor")
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
    Invitation.objects.filter(email__iexact=user.email).delete()  # the memberships go with the account (cascade)
