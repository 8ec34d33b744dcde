"""What grants keep about people. Applications, their budgets, attachments, reviews and
decisions are public records (allmänna handlingar) of the municipality once submitted,
and are about an organisation rather than a person: "delete my account" does not delete
them. It restricts them instead: the person's link to them (applicant, reviewer, who
uploaded, who decided) is removed, and a draft the person alone started is deleted.
Archiving rules (the municipality's document management plan) decide when they go."""

from __future__ import annotations

from samverka.core.privacy import CONFIGURATION, kept

from .models import Application, Attachment, FollowUpReport, Review

PUBLIC_RECORD = ("a public record: kept by the municipality's archiving rules; erasure removes the person's "
                 "link to it (restriction), not the record")

FIELDS = {
    "GrantProgramme": kept(
        retention=CONFIGURATION,
        public=["committee", "name", "slug", "kind", "year", "description", "eligible_kinds", "must_be_active_here", "sdg_goals",
                "documents_required", "opens_on", "closes_on", "pool", "required_attachments", "budget_required",
                "late_deduction_percent", "instalments", "follow_up_due_on", "follow_up_questions",
                "two_reviewers_above"],
        internal=["created_at", "updated_at"],
    ),
    "Criterion": kept(retention=CONFIGURATION, public=["programme", "name", "weight", "position"]),
    "AnnualDocument": kept(
        retention=PUBLIC_RECORD,
        public=["actor", "year", "kind"],
        financial=["file"],
        personal=["uploaded_by", "approved_by", "returned_by"],
        internal=["uploaded_at", "approved_at", "returned_at", "return_reason"],
    ),
    "PaymentDetails": kept(
        retention="while the actor is in the register; changes in the audit history",
        financial=["actor", "account_kind", "account_number"],
        personal=["changed_by"],
        internal=["changed_at"],
    ),
    "DetailsChangeRequest": kept(
        retention="while the actor is in the register",
        public=["actor", "organisation_number"],
        financial=["account_kind", "account_number"],
        personal=["requested_by", "handled_by", "note"],
        internal=["status", "requested_at", "handled_at", "answer"],
    ),
    "Reclaim": kept(
        retention=PUBLIC_RECORD,
        public=["application", "reasons", "meeting_date", "decided_at"],
        financial=["amount"],
        personal=["decided_by"],
    ),
    "CaseCounter": kept(retention=CONFIGURATION, internal=["committee", "year", "last"]),
    "Application": kept(
        retention=PUBLIC_RECORD,
        public=["programme", "actor", "title", "purpose", "case_number", "status", "submitted_at",
                "nominated_by_actor", "nominated_by_committee"],
        financial=["amount_asked"],
        personal=["applicant"],
        internal=["created_at", "updated_at"],
    ),
    "BudgetLine": kept(retention=PUBLIC_RECORD, public=["application", "kind", "label"], financial=["amount"]),
    "Attachment": kept(
        retention=PUBLIC_RECORD,
        public=["application", "label"],
        financial=["file"],
        personal=["uploaded_by"],
        internal=["uploaded_at"],
    ),
    "Review": kept(
        retention=PUBLIC_RECORD,
        public=["application", "scores", "comment"],
        personal=["reviewer"],
        internal=["created_at"],
    ),
    "DecisionRight": kept(retention=CONFIGURATION, personal=["user"], internal=["committee"]),
    "Decision": kept(
        retention=PUBLIC_RECORD,
        public=["application", "outcome", "reasons", "meeting_date", "decided_at", "late_weeks"],
        financial=["amount", "deduction"],
        personal=["decided_by"],
    ),
    "Payout": kept(
        retention="seven years after the payout (the Accounting Act, bokföringslagen)",
        public=["application", "instalment", "paid_on"],
        financial=["amount"],
        personal=["recorded_by"],
    ),
    "FollowUpReport": kept(
        retention=PUBLIC_RECORD,
        public=["application", "due_on", "answers", "submitted_at", "attachment", "late_weeks"],
        financial=["deduction"],
        personal=["submitted_by"],
        internal=["reminded_at", "overdue_reminded_at"],
    ),
}


def personal_data(user) -> dict:
    return {
        "grant_applications": [
            {"case_number": a.case_number, "programme": str(a.programme), "actor": a.actor.name, "status": a.status,
             "title": a.title, "amount_asked": a.amount_asked,
             "submitted": a.submitted_at.isoformat() if a.submitted_at else None}
            for a in Application.objects.filter(applicant=user).select_related("programme", "actor")
        ],
        "grant_reviews": [
            {"application": str(r.application), "comment": r.comment, "when": r.created_at.isoformat()}
            for r in Review.objects.filter(reviewer=user).select_related("application")
        ],
        "grant_follow_up_reports": [
            {"application": str(r.application), "answers": r.answers, "sent": r.submitted_at.isoformat()}
            for r in FollowUpReport.objects.filter(submitted_by=user).select_related("application")
            if r.submitted_at
        ],
        "grant_details_requests": [
            {"actor": r.actor.name, "organisation_number": r.organisation_number, "account": r.account_number,
             "note": r.note, "status": r.status, "when": r.requested_at.isoformat()}
            for r in _details_requests(user)
        ],
    }


def _details_requests(user):
    from .models import DetailsChangeRequest

    return DetailsChangeRequest.objects.filter(requested_by=user).select_related("actor")


def erase(user) -> None:
    """Restrict, not delete: public records lose the link to the person; drafts go."""
    Application.objects.filter(applicant=user, status=Application.Status.DRAFT).delete()
    Application.objects.filter(applicant=user).update(applicant=None)
    Attachment.objects.filter(uploaded_by=user).update(uploaded_by=None)
    Review.objects.filter(reviewer=user).update(reviewer=None)
    FollowUpReport.objects.filter(submitted_by=user).update(submitted_by=None)
    from .models import AnnualDocument, Decision, DecisionRight, Payout

    AnnualDocument.objects.filter(uploaded_by=user).update(uploaded_by=None)
    AnnualDocument.objects.filter(approved_by=user).update(approved_by=None)
    AnnualDocument.objects.filter(returned_by=user).update(returned_by=None)
    from .models import DetailsChangeRequest, PaymentDetails, Reclaim

    PaymentDetails.objects.filter(changed_by=user).update(changed_by=None)
    # A request is the person's own words; what an official changed from it stays in the
    # association's details and the audit history.
    DetailsChangeRequest.objects.filter(requested_by=user).delete()
    DetailsChangeRequest.objects.filter(handled_by=user).update(handled_by=None)
    Reclaim.objects.filter(decided_by=user).update(decided_by=None)
    Decision.objects.filter(decided_by=user).update(decided_by=None)
    Payout.objects.filter(recorded_by=user).update(recorded_by=None)
    DecisionRight.objects.filter(user=user).delete()
