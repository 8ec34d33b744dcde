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
    email = email.strip()
    by_phone, by_email = _find_all({phone} if phone else set(), {email} if email else set())
    return (by_phone.get(phone) if phone else None) or (by_email.get(email.lower()) if email else None)


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
    return upsert_volunteers_once([data], by=by, audit_action=audit_action)[0]


def upsert_volunteers_once(items: list[dict[str, Any]], *, by=None,
                           audit_action: bool = True) -> list[tuple[Volunteer, bool]]:
    """`upsert_volunteer_once` for many sign-ups at once (a batch the task worker takes),
    with a fixed number of statements: one look-up, one INSERT of the new volunteers, one
    INSERT per vocabulary, and an UPDATE per volunteer who was already there. The same
    person twice in the batch is one volunteer. Run it inside `retrying`."""
    prepared = [_prepare(data) for data in items]
    by_phone, by_email = _find_all({phone for _, _, phone, _ in prepared if phone},
                                   {email for _, _, _, email in prepared if email})
    results: list[tuple[Volunteer, bool]] = []
    new: dict[int, Volunteer] = {}
    changed: dict[int, tuple[Volunteer, set[str]]] = {}
    for fields, _related, phone, email in prepared:
        volunteer = (by_phone.get(phone) if phone else None) or (by_email.get(email.lower()) if email else None)
        created = volunteer is None
        if created:
            volunteer = Volunteer(**fields)
            new[id(volunteer)] = volunteer
        else:
            names = _merge(volunteer, fields)
            if id(volunteer) not in new and names:
                changed.setdefault(id(volunteer), (volunteer, set()))[1].update(names)
        if volunteer.phone:
            by_phone[volunteer.phone] = volunteer
        if volunteer.email:
            by_email[volunteer.email.lower()] = volunteer
        results.append((volunteer, created))
    Volunteer.objects.bulk_create(list(new.values()))
    for volunteer, names in changed.values():
        volunteer.save(update_fields=[*sorted(names), "updated_at"])
    for name in RELATED:
        _add_all(name, [(volunteer, related.get(name)) for (volunteer, _), (_, related, _, _) in zip(results, prepared, strict=True)])
    if audit_action:
        audit.record_many([audit.event(by=by, action="volunteer.signup" if created else "volunteer.update",
                                       target=volunteer) for volunteer, created in results])
    return results


def _prepare(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], str, str]:
    fields = {k: v for k, v in data.items() if k not in RELATED}
    related = {k: v for k, v in data.items() if k in RELATED}
    phone, email = fields.get("phone", ""), (fields.get("email") or "").strip()
    if email:
        fields["email"] = email
    return fields, related, phone, email


def _find_all(phones: set[str], emails: set[str]) -> tuple[dict[str, Volunteer], dict[str, Volunteer]]:
    """The volunteers with these phone numbers or e-mail addresses (in any case), by phone
    number and by lower-cased address."""
    query = Q()
    if phones:
        query |= Q(phone__in=phones) & ~Q(phone="")
    for email in sorted(emails):  # lowered by the database as the unique index is (SQLite folds only A-Z)
        query |= Q(email_lower=Lower(Value(email))) & ~Q(email="")
    if not query:
        return {}, {}
    found = list(Volunteer.objects.annotate(email_lower=Lower("email")).filter(query).order_by())
    return {v.phone: v for v in found if v.phone}, {v.email.lower(): v for v in found if v.email}


def _add_all(name: str, pairs: list[tuple[Volunteer, Any]]) -> None:
    """Add the chosen vocabulary rows of many volunteers in one INSERT that skips the ones
    already there."""
    manager = getattr(Volunteer, name)
    through = manager.through
    source, target = manager.field.m2m_field_name(), manager.field.m2m_reverse_field_name()
    rows = {(volunteer.pk, v.pk if hasattr(v, "pk") else int(v)) for volunteer, values in pairs for v in values or ()}
    if rows:
        through.objects.bulk_create([through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in sorted(rows)],
                                    ignore_conflicts=True)


def _merge(volunteer: Volunteer, fields: dict[str, Any]) -> list[str]:
    """Apply a sign-up to a volunteer already there (not saved); the fields changed."""
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
    return changed
