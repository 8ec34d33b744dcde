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
        fields = list(changes)
        if "phone" in changes and user.phone_verified_at is not None:
            # A number someone else typed is not verified: SMS waits until its owner confirms it.
            user.phone_verified_at = None
            fields.append("phone_verified_at")
        if "phone" in changes:  # a code sent to the old number is no use
            from .models import PhoneCode

            PhoneCode.objects.filter(user=user).update(code_hash="", expires_at=None, tries=0)
        user.save(update_fields=fields)
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


# ---------------------------------------------------------------- a verified mobile number

PHONE_CODE_SALT = "samverka.accounts.phone_code"
PHONE_CODE_MINUTES = 15  # a code is valid this long
PHONE_CODE_TRIES = 5  # wrong codes before the person must ask for a new one
PHONE_CODES_PER_HOUR = 5  # codes one account may ask for in an hour (whatever the numbers)


def _new_code() -> str:
    """Six digits, never starting with 0 (some phones drop it)."""
    import secrets

    return str(100000 + secrets.randbelow(900000))


def _code_hash(user, number: str, code: str) -> str:
    """The code is kept only as a hash keyed with the secret key, bound to the account and
    the number it was sent to."""
    from django.utils.crypto import salted_hmac

    return salted_hmac(PHONE_CODE_SALT, f"{user.pk}:{number}:{code.strip()}", algorithm="sha256").hexdigest()


def send_phone_code(*, by, number: str) -> None:
    """The person adds (or changes to) the mobile number `number` (E.164) and gets a code by
    SMS to prove it is theirs. A new number replaces the old one and clears its verification
    at once, so nothing goes by SMS to a number not proved. Limited per account
    (PHONE_CODES_PER_HOUR) and per number (communication.limits, "accounts.phone");
    ActionError says which, and then no code is sent."""
    refused = _send_phone_code(by=by, number=number)
    if refused:  # after the commit: a cap reached is recorded and the administrators told
        raise ActionError(refused)


@transaction.atomic
def _send_phone_code(*, by, number: str) -> str:
    from datetime import timedelta

    from django.utils import timezone

    from samverka.communication import limits
    from samverka.communication.services import queue_sms

    from .models import PhoneCode, User

    user = User.objects.select_for_update().get(pk=by.pk)
    code_row, _created = PhoneCode.objects.select_for_update().get_or_create(user=user)
    now = timezone.now()
    if user.phone == number and user.phone_verified_at is not None:
        return _("This number is already verified.")
    if code_row.window_started_at is None or now - code_row.window_started_at >= timedelta(hours=1):
        code_row.window_started_at, code_row.sent_in_window = now, 0
    if code_row.sent_in_window >= PHONE_CODES_PER_HOUR:
        return _("You have asked for %(count)s codes in the last hour. Wait an hour and try again.") % {
            "count": PHONE_CODES_PER_HOUR}
    verdict = limits.allow("accounts.phone", number, now=now)
    if verdict == limits.Verdict.REPEAT:
        return _("This number has had as many codes as we send in an hour. Wait an hour and try again.")
    if verdict == limits.Verdict.FULL:
        return _("We cannot send codes just now. Please try again in an hour.")
    code = _new_code()
    code_row.code_hash, code_row.tries = _code_hash(user, number, code), 0
    code_row.expires_at = now + timedelta(minutes=PHONE_CODE_MINUTES)
    code_row.sent_in_window += 1
    code_row.save()
    if user.phone != number:  # a new number, not verified until its code is typed
        user.phone, user.phone_verified_at = number, None
        user.save(update_fields=["phone", "phone_verified_at"])
        # The history says that it changed, not the number.
        audit.record(by=by, action="account.phone_changed", target=user, changes={"phone": ["…", "…"]})
    by.phone, by.phone_verified_at = user.phone, user.phone_verified_at
    body = _("Samverka: your code is %(code)s. Type it on the page where you added your number. "
             "It is valid for %(minutes)s minutes.") % {"code": code, "minutes": PHONE_CODE_MINUTES}
    queue_sms(to=number, body=body, key=f"phone-code-{user.pk}-{now.timestamp()}-{code_row.sent_in_window}")
    return ""


def confirm_phone(*, by, code: str) -> None:
    """The person types the code they got: their number is verified from now. A wrong code
    counts a try (kept even though the page shows the error); after PHONE_CODE_TRIES wrong
    ones, or PHONE_CODE_MINUTES after sending, only a new code helps."""
    refused = _confirm_phone(by=by, code=code)
    if refused:
        raise ActionError(refused)


@transaction.atomic
def _confirm_phone(*, by, code: str) -> str:
    from django.utils import timezone
    from django.utils.crypto import constant_time_compare

    from .models import PhoneCode, User

    user = User.objects.select_for_update().get(pk=by.pk)
    code_row = PhoneCode.objects.select_for_update().filter(user=user).first()
    if user.phone and user.phone_verified_at is not None:
        return ""  # verified already (a double click on the button)
    if code_row is None or not user.phone:
        return _("We have not sent you a code. Write your number and ask for one.")
    if code_row.tries >= PHONE_CODE_TRIES:
        return _("The code was typed wrong too many times. Ask for a new code.")
    if not code_row.code_hash:
        return _("We have not sent you a code. Write your number and ask for one.")
    if code_row.expires_at is None or code_row.expires_at <= timezone.now():
        return _("The code has expired. Ask for a new code.")
    if not constant_time_compare(code_row.code_hash, _code_hash(user, user.phone, code)):
        code_row.tries += 1
        if code_row.tries >= PHONE_CODE_TRIES:  # the code is spent: only a new one helps
            code_row.code_hash = ""
        code_row.save(update_fields=["tries", "code_hash"])
        if not code_row.code_hash:
            return _("That is not the code we sent, and it was the last try. Ask for a new code.")
        return _("That is not the code we sent. Check the SMS and try again.")
    user.phone_verified_at = timezone.now()
    user.save(update_fields=["phone_verified_at"])
    code_row.code_hash, code_row.expires_at, code_row.tries = "", None, 0
    code_row.save(update_fields=["code_hash", "expires_at", "tries"])
    by.phone_verified_at = user.phone_verified_at
    audit.record(by=by, action="account.phone_verified", target=user)
    return ""


@transaction.atomic
def remove_phone(*, by) -> None:
    """The person removes their number: nothing goes to it by SMS any more (their groups'
    announcements come by e-mail)."""
    from .models import PhoneCode, User

    user = User.objects.select_for_update().get(pk=by.pk)
    PhoneCode.objects.filter(user=user).update(code_hash="", expires_at=None, tries=0)
    if not user.phone and user.phone_verified_at is None:
        return
    user.phone, user.phone_verified_at = "", None
    user.save(update_fields=["phone", "phone_verified_at"])
    by.phone, by.phone_verified_at = "", None
    audit.record(by=by, action="account.phone_removed", target=user)
