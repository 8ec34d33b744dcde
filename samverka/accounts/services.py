from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from samverka.core import audit
from samverka.core.access import require_perm
from samverka.core.errors import ActionError


@transaction.atomic
def update_profile(*, by, first_name: str, last_name: str) -> None:
    changes = audit.diff(by, {"first_name": first_name, "last_name": last_name})
    if changes:
        by.first_name, by.last_name = first_name, last_name
        by.save(update_fields=["first_name", "last_name"])
        audit.record(by=by, action="account.update", target=by, changes=changes)


# ---------------------------------------------------------------- the administration

ROLE_FLAGS = ("is_active", "is_staff", "is_superuser", "is_process_leader")


@transaction.atomic
def create_account(*, by, user):
    """An account the administrator adds in the administration (`user` with its password set)."""
    require_perm(by, "accounts.change_account")
    user.save()
    audit.record(by=by, action="account.create", target=user)
    return user


@transaction.atomic
def change_account(*, by, user, data: dict[str, Any]):
    """The details of someone's account (name, e-mail, phone), changed by an administrator."""
    require_perm(by, "accounts.change_account", user)
    if set(data) & set(ROLE_FLAGS):
        raise ValueError("Roles are given with set_roles.")
    changes = audit.diff(user, data)
    if changes:
        for field, value in data.items():
            setattr(user, field, value)
        user.save(update_fields=list(changes))
        audit.record(by=by, action="account.change", target=user, changes=changes)
    return user


@transaction.atomic
def set_roles(*, by, user, roles: dict[str, bool]):
    """Give or take roles: administrator (is_superuser), staff, process leader, active.
    The history shows who gave whom which role, and when. No one takes away their own
    administration, so the platform always keeps an administrator."""
    require_perm(by, "accounts.give_roles", user)
    changes = audit.diff(user, {flag: bool(value) for flag, value in roles.items() if flag in ROLE_FLAGS})
    if not changes:
        return user
    if by is not None and by.pk == user.pk and (
            changes.get("is_superuser", [False, True])[1] is False or changes.get("is_active", [False, True])[1] is False):
        raise ActionError(_("You cannot take away your own administration. Ask another administrator."))
    for flag, (_before, after) in changes.items():
        setattr(user, flag, after)
    user.save(update_fields=list(changes))
    audit.record(by=by, action="account.roles", target=user, changes=changes)
    return user


# ---------------------------------------------------------------- age and target groups


@transaction.atomic
def update_about_me(*, by, birth_date, target_groups) -> None:
    """The person's own date of birth and the target groups they say they belong to; both
    optional, removable, and never filled in from anything else."""
    before = {"birth_date": by.birth_date.isoformat() if by.birth_date else None,
              "target_groups": sorted(by.target_groups.values_list("slug", flat=True))}
    after = {"birth_date": birth_date.isoformat() if birth_date else None,
             "target_groups": sorted(group.slug for group in target_groups)}
    if before == after:
        return
    if before["birth_date"] != after["birth_date"]:
        by.birth_date = birth_date
        by.save(update_fields=["birth_date"])
    by.target_groups.set(target_groups)
    # The history says what changed, not the values (a target group can be sensitive).
    audit.record(by=by, action="account.about_me", target=by,
                 changes={field: ["…", "…"] for field in after if before[field] != after[field]})


GUARDIAN_SALT = "samverka.accounts.guardian"
GUARDIAN_LINK_DAYS = 14


def guardian_token(consent) -> str:
    from django.core import signing

    return signing.dumps({"c": consent.pk, "u": consent.user_id}, salt=GUARDIAN_SALT)


def consent_for_token(token: str):
    """The consent a guardian's link names, while the link is valid; else None."""
    from django.core import signing

    from .models import GuardianConsent

    try:
        data = signing.loads(token, salt=GUARDIAN_SALT, max_age=GUARDIAN_LINK_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
    return GuardianConsent.objects.select_related("user").filter(pk=data.get("c"), user_id=data.get("u")).first()


@transaction.atomic
def ask_guardian(*, by, user, guardian_name: str, guardian_email: str) -> bool:
    """A child under 13 signing up names a guardian, who gets a link to confirm the account.
    The message is capped like every message to a typed address (communication.limits):
    True if it was queued."""
    from django.urls import reverse

    from samverka.communication import limits
    from samverka.communication.services import queue_email

    from .models import GuardianConsent

    if by is not None and by.pk != user.pk:
        require_perm(by, "accounts.change_account", user)
    from django.utils import timezone

    consent, _created = GuardianConsent.objects.update_or_create(
        user=user, defaults={"guardian_name": guardian_name, "guardian_email": guardian_email.strip().lower(),
                             "asked_at": timezone.now(), "confirmed_at": None, "method": ""})
    audit.record(by=by, action="account.guardian_asked", target=user)
    if limits.allow("accounts.guardian", consent.guardian_email) != limits.Verdict.SEND:
        return False
    url = reverse("accounts:guardian", args=[guardian_token(consent)])
    queue_email(to=consent.guardian_email, template="accounts/email/guardian",
                context={"consent": consent, "child": user, "url": url, "days": GUARDIAN_LINK_DAYS},
                key=f"guardian-{consent.pk}-{int(consent.asked_at.timestamp())}")
    return True


@transaction.atomic
def confirm_guardian(*, by, consent) -> bool:
    """The guardian pressed the button behind the link: the child's account may take part.
    True the first time; opening the link again changes nothing."""
    from django.utils import timezone

    from .models import GuardianConsent

    consent = GuardianConsent.objects.select_for_update().get(pk=consent.pk)
    if consent.confirmed_at is not None:
        return False
    consent.confirmed_at, consent.method = timezone.now(), GuardianConsent.Method.EMAIL_LINK
    consent.save(update_fields=["confirmed_at", "method"])
    audit.record(by=by if getattr(by, "is_authenticated", False) else None, action="account.guardian_confirmed",
                 target=consent.user, changes={"guardian": consent.guardian_name})
    return True
