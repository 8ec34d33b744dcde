"""What partnerships keep about a person: little. The partnership's record names organisations
(an office, an actor); the links to the accounts that created a partnership, uploaded a document,
reported a milestone done or signed a compact for their actor are kept as the record's history,
and removed (not the record) when the account is deleted."""

from __future__ import annotations

from samverka.core.privacy import WITH_PARENT, kept

from .models import Document, Milestone, Partnership, Signature

RECORD = "while the partnership is kept (the municipality's record of the agreement)"

FIELDS = {
    "Partnership": kept(
        retention=RECORD,
        public=["kind", "title", "slug", "summary", "challenge", "why_partnership", "office", "committee",
                "case_number", "decided_on", "starts_on", "ends_on", "status", "is_public", "areas", "districts",
                "sdg_goals"],
        personal=["created_by"],
        internal=["created_at", "updated_at"],
    ),
    "Party": kept(retention=WITH_PARENT, public=["partnership", "actor", "office", "role", "ended_on"],
                  internal=["position"]),
    "Contribution": kept(retention=WITH_PARENT, public=["party", "kind", "description", "unit", "starts_on", "ends_on"],
                         financial=["amount", "counted_in"]),
    "Goal": kept(retention=WITH_PARENT, public=["partnership", "text", "measure"], internal=["position"]),
    "Milestone": kept(retention=WITH_PARENT, public=["partnership", "title", "due_on", "follow_up_on", "done_on",
                                                     "done_note"],
                      personal=["done_by"], internal=["reminded_at"]),
    "Document": kept(retention=WITH_PARENT, public=["partnership", "title", "kind", "visibility", "file"],
                     personal=["uploaded_by"], internal=["uploaded_at"]),
    "Compact": kept(retention="while the municipality keeps the compact",
                    public=["title", "slug", "summary", "principles", "office", "committee", "adopted_on",
                            "open_for_signing"], internal=["created_at"]),
    "Signature": kept(retention="while the compact is kept (who signed is public)",
                      public=["compact", "actor", "signed_on"], personal=["signed_by"]),
}


def personal_data(user) -> dict:
    return {
        "partnerships_created": [p.title for p in Partnership.objects.filter(created_by=user).order_by("pk")],
        "partnership_documents_uploaded": [
            {"partnership": d.partnership.title, "document": d.title, "uploaded": d.uploaded_at.isoformat()}
            for d in Document.objects.filter(uploaded_by=user).select_related("partnership").order_by("pk")],
        "milestones_reported": [
            {"partnership": m.partnership.title, "milestone": m.title, "done_on": m.done_on.isoformat(),
             "note": m.done_note}
            for m in Milestone.objects.filter(done_by=user).select_related("partnership").order_by("pk")],
        "compacts_signed": [
            {"compact": s.compact.title, "for": s.actor.name, "signed_on": s.signed_on.isoformat()}
            for s in Signature.objects.filter(signed_by=user).select_related("compact", "actor").order_by("pk")],
    }


def erase(user) -> None:
    """The records stay (they belong to the partnership and the actors); the links to the account go."""
    Partnership.objects.filter(created_by=user).update(created_by=None)
    Document.objects.filter(uploaded_by=user).update(uploaded_by=None)
    Milestone.objects.filter(done_by=user).update(done_by=None)
    Signature.objects.filter(signed_by=user).update(signed_by=None)
