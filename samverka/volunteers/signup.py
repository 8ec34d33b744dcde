"""One person, one volunteer: every way of signing up (the profile page, a need, a crisis
form) goes through `upsert_volunteer`, which finds the volunteer by phone or e-mail and
updates them, or adds them. Two sign-ups racing with the same number end as one volunteer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, Value
from django.db.models.functions import Lower

from samverka.core import audit

from .models import Volunteer

RELATED = ("districts", "help_kinds", "languages", "areas")


def find_volunteer(*, phone: str = "", email: str = "") -> Volunteer | None:
    """The volunteer with this (E.164) phone number or e-mail address, if any; the phone
    number wins when both match different volunteers."""
    query = Q()
    if phone:
        query |= Q(phone=phone) & ~Q(phone="")
    if email:
        query |= Q(email_lower=Lower(Value(email))) & ~Q(email="")
    if not query:
        return None
    # The unique constraints' own expressions and conditions: an index look-up, not a table scan.
    found = list(Volunteer.objects.annotate(email_lower=Lower("email")).filter(query).order_by()[:2])
    if len(found) > 1 and phone:
        return next(v for v in found if v.phone == phone)
    return found[0] if found else None


def upsert_volunteer(*, by=None, data: dict[str, Any], audit_action: bool = True) -> tuple[Volunteer, bool]:
    """(volunteer, created). `data` holds model fields (phone already in E.164, e-mail as
    given) and lists for the related vocabularies, which are added to what the volunteer
    already chose, never taken away. Availability is added too (bitwise or).
    `audit_action=False`: the caller records the one audit event of its own change."""
    return retrying(lambda: upsert_volunteer_once(by=by, data=data, audit_action=audit_action))


def retrying[T](work: Callable[[], T]) -> T:
    """`work()` in one savepoint, and once more if it met a unique constraint: a racing
    sign-up made the same volunteer (or link), and the second pass finds and updates it."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                return work()
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def upsert_volunteer_once(*, by=None, data: dict[str, Any], audit_action: bool = True) -> tuple[Volunteer, bool]:
    """One pass of `upsert_volunteer`, without a transaction of its own: run it inside
    `retrying`."""
    fields = {k: v for k, v in data.items() if k not in RELATED}
    related = {k: v for k, v in data.items() if k in RELATED}
    phone, email = fields.get("phone", ""), (fields.get("email") or "").strip()
    if email:
        fields["email"] = email
    volunteer = find_volunteer(phone=phone, email=email)
    created = volunteer is None
    if created:
        volunteer = Volunteer.objects.create(**fields)
    else:
        _update(volunteer, fields)
    for name, values in related.items():
        if values:
            _add(volunteer, name, values)
    if audit_action:
        audit.record(by=by, action="volunteer.signup" if created else "volunteer.update", target=volunteer)
    return volunteer, created


def _add(volunteer: Volunteer, name: str, values) -> None:
    """Add the chosen vocabulary rows in one INSERT that skips the ones already there."""
    manager = getattr(volunteer, name)
    through, source, target = manager.through, manager.source_field_name, manager.target_field_name
    ids = {v.pk if hasattr(v, "pk") else int(v) for v in values}
    through.objects.bulk_create([through(**{f"{source}_id": volunteer.pk, f"{target}_id": pk}) for pk in sorted(ids)],
                                ignore_conflicts=True)


def _update(volunteer: Volunteer, fields: dict[str, Any]) -> None:
    changed = []
    for name, value in fields.items():
        if name == "availability":
            value = volunteer.availability | int(value or 0)
        elif name in ("consent_sms", "consent_email"):
            value = getattr(volunteer, name) or bool(value)
        elif value in ("", None):
            continue  # a sign-up that leaves a field empty does not erase what we know
        if getattr(volunteer, name) != value:
            setattr(volunteer, name, value)
            changed.append(name)
    if volunteer.status != Volunteer.Status.ACTIVE:
        volunteer.status = Volunteer.Status.ACTIVE  # signing up again is coming back
        changed.append("status")
    if changed:
        volunteer.save(update_fields=[*changed, "updated_at"])
