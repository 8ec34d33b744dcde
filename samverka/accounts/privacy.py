"""The account itself, for "see my data" and "delete my account" (samverka.portal calls
every app's `privacy` module; this one's `erase` goes last, as it deletes the account).

It also classifies the fields of the account's third-party models (allauth's addresses,
two-factor authenticators and identity providers, and Django's admin log): they belong to
the account and go with it."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from samverka.core.privacy import WHILE_ACCOUNT, kept

from .models import GuardianConsent

FIELDS = {
    "User": kept(
        retention=WHILE_ACCOUNT,
        personal=["email", "first_name", "last_name", "phone", "phone_verified_at", "date_joined", "last_login",
                  "birth_date"],
        # A target group can tell of a disability: treated as sensitive throughout.
        sensitive=["target_groups"],
        internal=["password", "is_superuser", "is_staff", "is_active", "is_process_leader", "groups",
                  "user_permissions"],
    ),
    "PhoneCode": kept(
        retention=WHILE_ACCOUNT,
        personal=["user"],
        # The code only as a keyed hash, and the counts that limit how many are sent.
        internal=["code_hash", "expires_at", "tries", "sent_in_window", "window_started_at"],
    ),
    "GuardianConsent": kept(
        retention=WHILE_ACCOUNT,
        personal=["user", "guardian_name", "guardian_email", "asked_at", "confirmed_at", "method"],
    ),
}

# Models of other packages, by "app_label.Model".
THIRD_PARTY = {
    "account.EmailAddress": kept(retention=WHILE_ACCOUNT, personal=["user", "email", "verified", "primary"]),
    "account.EmailConfirmation": kept(retention="until the address is confirmed, or with the account",
                                      internal=["email_address", "created", "sent", "key"]),
    "mfa.Authenticator": kept(retention=WHILE_ACCOUNT, personal=["user", "type", "created_at", "last_used_at"],
                              internal=["data"]),
    "socialaccount.SocialAccount": kept(retention=WHILE_ACCOUNT,
                                        personal=["user", "provider", "uid", "last_login", "date_joined", "extra_data"]),
    "socialaccount.SocialToken": kept(retention=WHILE_ACCOUNT, internal=["app", "account", "token", "token_secret",
                                                                         "expires_at"]),
    "socialaccount.SocialApp": kept(retention="while the municipality uses the identity provider",
                                    internal=["provider", "provider_id", "name", "client_id", "secret", "key",
                                              "settings"]),
    "admin.LogEntry": kept(
        retention="with the staff member's account; an entry about an erased account loses its name",
        personal=["user", "object_repr", "change_message"],
        internal=["action_time", "content_type", "object_id", "action_flag"],
    ),
}


def personal_data(user) -> dict:
    return {
        "account": {
            "email": user.email, "first_name": user.first_name, "last_name": user.last_name,
            "phone": user.phone,
            "phone_verified": user.phone_verified_at.isoformat() if user.phone_verified_at else None,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "birth_date": user.birth_date.isoformat() if user.birth_date else None,
            "target_groups": [group.name for group in user.target_groups.all()],
        },
        "guardian_consent": [
            {"guardian_name": c.guardian_name, "guardian_email": c.guardian_email, "asked": c.asked_at.isoformat(),
             "confirmed": c.confirmed_at.isoformat() if c.confirmed_at else None, "how": c.method}
            for c in GuardianConsent.objects.filter(user=user)
        ],
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "two_factor": [
            {"type": a.type, "created": a.created_at.isoformat(),
             "last_used": a.last_used_at.isoformat() if a.last_used_at else None}
            for a in Authenticator.objects.filter(user=user)
        ],
        "identity_providers": [
            {"provider": s.provider, "uid": s.uid, "details": s.extra_data}
            for s in SocialAccount.objects.filter(user=user)
        ],
    }


def erase(user) -> None:
    """The account goes, and with it its addresses, authenticators and identity providers
    (cascade). What the admin log says about the account keeps what happened, not who."""
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)).update(
        object_repr="", change_message="")
    user.delete()
