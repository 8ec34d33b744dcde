"""The cases a person sent, for "see my data" and "delete my account" (samverka.portal
calls every app's `privacy` module). A case is the person's when it was sent while logged
in, or carries one of the account's verified e-mail addresses.

A case is a public record (allmän handling): the office must keep it as it was received,
so erasing the account does not erase it. It is restricted instead: it loses the link to
the account and its private status link stops working, so only the office handling it
sees it. Closed cases are erased two years after they were closed."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db.models import Prefetch, Q

from samverka.core.privacy import CONFIGURATION, email_in, kept, verified_emails

from .models import Case, CaseEvent, Consent

KEEP_CLOSED_CASES = timedelta(days=2 * 365)
PUBLIC_RECORD = "public record: two years after the case was closed; restricted, not erased, when the account is"

FIELDS = {
    "Topic": kept(retention=CONFIGURATION, internal=["answer_days"],
                  public=["name", "name_en", "name_ar", "slug", "position"]),
    "RoutingRule": kept(retention=CONFIGURATION, internal=["topic", "district", "office"], personal=["coordinator"]),
    "CaseCounter": kept(retention=CONFIGURATION, internal=["year", "last"]),
    "Case": kept(
        retention=PUBLIC_RECORD,
        personal=["message", "name", "email", "phone", "user"],
        internal=["reference", "token", "kind", "topic", "district", "language", "office", "assigned_to", "status",
                  "received_at", "answer_by", "answered_at", "news_at", "closed_at", "link", "party", "party_since"],
    ),
    "CaseEvent": kept(retention=PUBLIC_RECORD, personal=["text", "by"],
                      internal=["case", "kind", "created_at", "from_office", "office", "from_party", "party"]),
    "Link": kept(retention=CONFIGURATION, public=["name", "name_en", "name_ar", "slug", "position", "description",
                                                  "description_en", "description_ar", "coordinator_office", "topics",
                                                  "answer_days", "active"],
                 internal=["take_within_days"], personal=["coordinators"]),
    "LinkParty": kept(retention=CONFIGURATION, public=["link", "office", "actor", "joined_at", "left_at"],
                      personal=["handlers"]),
    "LinkRule": kept(retention=CONFIGURATION, internal=["link", "topic", "district", "party"]),
    "Consent": kept(retention=PUBLIC_RECORD, personal=["recorded_by", "withdrawn_by"],
                    internal=["case", "party", "scope", "given_at", "given_how", "withdrawn_at"]),
}


def _cases_of(user):
    return Case.objects.filter(Q(user=user) | email_in("email", verified_emails(user)))


def personal_data(user) -> dict:
    return {"cases": [
        {"reference": c.reference, "received": c.received_at.isoformat(), "kind": c.kind, "topic": c.topic.name,
         "district": c.district.name if c.district else None, "message": c.message, "name": c.name,
         "email": c.email, "phone": c.phone, "status": c.status,
         "answers": [e.text for e in c.events.all() if e.kind == CaseEvent.Kind.ANSWER],
         "replies": [e.text for e in c.events.all() if e.kind == CaseEvent.Kind.REPLY],
         "held_by": c.party.label if c.party_id else None,
         "consents": [{"to": k.to_label, "what": k.scope, "given": k.given_at.isoformat(), "how": k.given_how,
                       "withdrawn": k.withdrawn_at.isoformat() if k.withdrawn_at else None}
                      for k in c.consents.all()]}
        for c in _cases_of(user).select_related("topic", "district", "party__actor", "party__office")
        .prefetch_related("events", Prefetch("consents", queryset=Consent.objects.select_related("party__actor")))
        .order_by("received_at")
    ]}


def erase(user) -> None:
    """Restricted, not erased: each case loses the link to the account and gets a new
    private link that nobody has (the office still answers to the address in it)."""
    for pk in _cases_of(user).values_list("pk", flat=True):
        Case.objects.filter(pk=pk).update(user=None, token=secrets.token_urlsafe(24))
    # Who recorded or withdrew a consent is kept as the role, not the person.
    Consent.objects.filter(recorded_by=user).update(recorded_by=None)
    Consent.objects.filter(withdrawn_by=user).update(withdrawn_by=None)


def expire(*, now) -> int:
    """Closed cases are kept two years after closing, then erased with their timeline."""
    _total, deleted = Case.objects.filter(status=Case.Status.CLOSED, closed_at__lt=now - KEEP_CLOSED_CASES).delete()
    return deleted.get("cases.Case", 0)
