"""The account itself, for "see my data" and "delete my account" (samverka.portal calls
every app's `privacy` module; this one's `erase` goes last, as it deletes the account)."""

from __future__ import annotations

from allauth.account.models import EmailAddress


def personal_data(user) -> dict:
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
    }


def erase(user) -> None:
    user.delete()
