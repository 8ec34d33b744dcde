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
