"""What a person's data is and how long it is kept, and what the audit history keeps
about a person, for "see my data" and "delete my account" (samverka.portal calls every
app's `privacy` module).

Every app's `privacy.py` declares `FIELDS`: for each of its models, the category of
every field and the model's retention rule, written with `kept()` below. A test fails
on any field of any project model that is not declared (docs/privacy.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from .models import AuditEvent, Submission

# The categories, few on purpose.
PUBLIC = "public"  # shown to everyone, or about an organisation or a thing rather than a person
PERSONAL = "personal"  # about a person who can be identified: a name, an address, what they wrote, a link to them
SENSITIVE = "sensitive"  # special categories (health, beliefs…) and criminal records (GDPR art. 9 and 10)
FINANCIAL = "financial"  # money a person or an organisation gets or pays, bank and payment details
INTERNAL = "internal"  # the platform's working data: states, times, counters, tokens, hashes; never shown as such
CATEGORIES = (PUBLIC, PERSONAL, SENSITIVE, FINANCIAL, INTERNAL)

# Retention rules used by more than one model, in words (docs/privacy.md lists them all).
WHILE_ACCOUNT = "while the account exists"
WITH_PARENT = "as long as the object it belongs to"
CONFIGURATION = "while the municipality uses it (configuration, no one's personal data)"


@dataclass(frozen=True)
class Kept:
    """A model's fields by category, and how long its rows are kept."""

    fields: dict[str, str]
    retention: str

    def of(self, *categories: str) -> list[str]:
        return [name for name, category in self.fields.items() if category in categories]


def kept(*, retention: str, public=(), personal=(), sensitive=(), financial=(), internal=()) -> Kept:
    """`kept(retention="…", personal=["name", "email"], internal=["status"])`: every field
    named once."""
    fields: dict[str, str] = {}
    for category, names in ((PUBLIC, public), (PERSONAL, personal), (SENSITIVE, sensitive),
                            (FINANCIAL, financial), (INTERNAL, internal)):
        for name in names:
            if name in fields:
                raise ValueError(f"{name!r} is classified twice")
            fields[name] = category
    return Kept(fields=fields, retention=retention)


def verified_emails(user) -> set[str]:
    """The addresses the person has shown are theirs (lower case): rows made without
    logging in (a registration, a help request) are theirs when they carry one of them."""
    return {e.lower() for e in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)}


def email_in(field: str, addresses) -> Q:
    """`field` equals one of `addresses`, whatever the case; matches nothing for none."""
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(**{f"{field}__iexact": address})
    return query


# ---------------------------------------------------------------- the audit history

DELETED_USER = "(raderad användare)"
KEEP_SUBMISSIONS = timedelta(days=30)

FIELDS = {
    "AuditEvent": kept(
        retention="kept as the history of changes; when an account is erased, the person's name and "
                  "address are removed from it",
        personal=["user", "user_label"],
        # What was changed: about the object. Names of people in them are removed when
        # those people's accounts are erased.
        internal=["created_at", "action", "target_type", "target_id", "target_label", "changes"],
    ),
    "Submission": kept(retention="30 days (a form sent twice is done once)",
                       internal=["token", "created_at", "result_url"]),
}


def personal_data(user) -> dict:
    return {
        "activity": [
            {"when": e.created_at.isoformat(), "action": e.action, "by": e.user_label, "object": e.target_label,
             "changes": e.changes}
            for e in AuditEvent.objects.filter(user=user)[:5000]
        ],
    }


def expire(*, now) -> int:
    deleted, _counts = Submission.objects.filter(created_at__lt=now - KEEP_SUBMISSIONS).delete()
    return deleted


def erase(user) -> None:
    """The history of what the person changed stays, without their name; other people's
    events that name them (a role changed, an invitation sent) keep what happened, without
    the name or address."""
    AuditEvent.objects.filter(user=user).update(user_label=DELETED_USER)
    AuditEvent.objects.filter(target_type__model="user", target_id=str(user.pk)).update(changes={}, target_label="")
    _forget_in_changes(names={user.display_name, user.email, user.phone, *verified_emails(user)})


def _forget_in_changes(*, names: set[str]) -> None:
    names = {n for n in names if n}
    folded = {n.casefold() for n in names}
    # JSON text holds non-ASCII letters escaped on SQLite and as they are on PostgreSQL.
    needles = names | {json.dumps(n)[1:-1] for n in names}
    query = Q()
    for needle in needles:
        query |= Q(changes_text__icontains=needle)
    candidates = AuditEvent.objects.annotate(changes_text=Cast("changes", TextField())).filter(query)

    def scrub(value):
        if isinstance(value, str):
            return DELETED_USER if value.casefold() in folded else value
        if isinstance(value, list):
            return [scrub(v) for v in value]
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items()}
        return value

    for event in candidates.only("pk", "changes"):
        cleaned = scrub(event.changes)
        if cleaned != event.changes:
            AuditEvent.objects.filter(pk=event.pk).update(changes=cleaned)
