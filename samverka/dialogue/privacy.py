"""What dialogue keeps about a person, for "see my data" and "delete my account" (samverka.portal
calls every app's `privacy` module), and the processes' retention rule.

Proposals and comments are part of a dialogue's public record (documents the municipality has
received): when their author deletes the account, the link to the account goes and the text stays
without a name (the actor it was written for, if any, stays: that is the association speaking).
Follows and reports go.
The consultations' and surveys' models are classified here too; what they keep about a person,
and their part of erasure and retention, are in their services modules (called below)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q

from samverka.core.privacy import WITH_PARENT, kept

from . import services_consultations, services_surveys
from .models import Comment, FeedbackItem, Follow, Process, Proposal, Report, ResponseAnswer

RECORD = "while the process exists (its public record); the author's link ends with the process's retention rule"
PROCESS = "while the process exists"
ANSWERS = "until the process's retention rule (days after it closes), then anonymised or erased"

FIELDS = {
    "Process": kept(
        retention=PROCESS,
        public=["title", "slug", "summary", "purpose", "to_decide", "decided_by", "decision_on", "office", "level",
                "stage", "audience", "feedback_days", "retention_days", "after_retention", "status", "outcome",
                "closed_at", "areas", "sdg_goals", "districts", "target_groups", "invited_actors", "invited_groups"],
        personal=["contact", "created_by"],
        internal=["retention_done_at", "created_at", "updated_at"],
    ),
    "Phase": kept(retention=WITH_PARENT, public=["process", "kind", "name", "description", "starts_at", "ends_at"]),
    "Document": kept(retention=WITH_PARENT, public=["process", "consultation", "title", "file"],
                     personal=["uploaded_by"], internal=["uploaded_at"]),
    "Follow": kept(retention="while the account exists, or until the person stops following",
                   personal=["user"], internal=["process", "proposal", "created_at"]),
    "Proposal": kept(
        retention=RECORD,
        public=["process", "phase", "title", "actor", "visibility", "hidden_reason"],
        personal=["author", "body", "hidden_by"],
        internal=["hidden_at", "created_at"],
    ),
    "Comment": kept(
        retention=RECORD,
        public=["process", "proposal", "parent", "actor", "visibility", "hidden_reason"],
        personal=["author", "body", "hidden_by"],
        internal=["hidden_at", "created_at"],
    ),
    "Report": kept(retention=WITH_PARENT, personal=["reporter", "reason", "handled_by"],
                   internal=["proposal", "comment", "status", "handled_at", "created_at"]),
    "Consultation": kept(retention=PROCESS,
                         public=["process", "title", "body", "deadline", "remind_days_before", "status", "sent_at"],
                         personal=["created_by"], internal=["created_at"]),
    "ConsultationQuestion": kept(retention=WITH_PARENT, public=["consultation", "text", "position"]),
    "Recipient": kept(retention=WITH_PARENT, public=["consultation", "actor", "group"], internal=["reminded_at"]),
    "ConsultationAnswer": kept(retention=PROCESS, public=["recipient", "summary", "status", "sent_at"],
                               personal=["edited_by", "sent_by"], internal=["revision", "updated_at"]),
    "AnswerPart": kept(retention=WITH_PARENT, public=["answer", "question", "question_text", "text"]),
    "Survey": kept(retention=PROCESS,
                   public=["process", "title", "intro", "respondent", "anonymous", "status"], internal=["created_at"]),
    "Question": kept(retention=WITH_PARENT,
                     public=["survey", "kind", "text", "help_text", "required", "scale_min", "scale_max",
                             "scale_min_label", "scale_max_label", "position"]),
    "Option": kept(retention=WITH_PARENT, public=["question", "text", "position"]),
    "Response": kept(retention=ANSWERS, personal=["respondent", "actor"],
                     internal=["survey", "respondent_key", "submitted_at"]),
    "ResponseAnswer": kept(retention=ANSWERS, personal=["text"],
                           internal=["response", "question", "question_text", "option", "option_text", "number"]),
    "Workshop": kept(retention=PROCESS,
                     public=["process", "kind", "activity", "group_meeting", "agenda", "participants"],
                     internal=["notes"]),
    "FeedbackItem": kept(
        retention=PROCESS,
        public=["process", "office", "title", "deadline", "status", "outcome", "response", "is_public", "given_at",
                "workshop", "point", "need"],
        personal=["owner", "said", "given_by", "proposal", "comment", "answer", "survey"],
        internal=["created_at"],
    ),
}


def personal_data(user) -> dict:
    return {
        "dialogue_proposals": [
            {"dialogue": p.process.title, "title": p.title, "text": p.body,
             "on_behalf_of": p.actor.name if p.actor_id else "", "status": p.visibility,
             "hidden_reason": p.hidden_reason, "created": p.created_at.isoformat()}
            for p in Proposal.objects.filter(author=user).select_related("process", "actor").order_by("created_at")],
        "dialogue_comments": [
            {"dialogue": c.process.title, "text": c.body, "on_behalf_of": c.actor.name if c.actor_id else "",
             "status": c.visibility, "hidden_reason": c.hidden_reason, "created": c.created_at.isoformat()}
            for c in Comment.objects.filter(author=user).select_related("process", "actor").order_by("created_at")],
        "dialogue_follows": [
            {"dialogue": (f.process or f.proposal.process).title, "proposal": f.proposal.title if f.proposal_id else "",
             "since": f.created_at.isoformat()}
            for f in Follow.objects.filter(user=user).select_related("process", "proposal__process")
            .order_by("created_at")],
        "dialogue_feedback": [
            {"dialogue": i.process.title if i.process_id else "", "title": i.title, "said": i.said,
             "status": i.status, "outcome": i.outcome, "response": i.response if not i.is_open else ""}
            for i in FeedbackItem.objects.filter(Q(proposal__author=user) | Q(comment__author=user))
            .select_related("process").order_by("created_at", "pk")],
        "dialogue_reports": [
            {"reason": r.reason, "status": r.status, "created": r.created_at.isoformat()}
            for r in Report.objects.filter(reporter=user).order_by("created_at")],
        **services_surveys.personal_data(user),
        **services_consultations.personal_data(user),
    }


def erase(user) -> None:
    """Follows and reports go; proposals and comments (and the feedback items that quote them)
    stay in the dialogue's public record without the link to the account; survey answers lose
    the link and their free text (the choices stay in the results); an official's links go."""
    Follow.objects.filter(user=user).delete()
    for model in (Proposal, Comment):
        model.objects.filter(author=user).update(author=None)
        model.objects.filter(hidden_by=user).update(hidden_by=None)
    Report.objects.filter(reporter=user).delete()
    ResponseAnswer.objects.filter(response__respondent=user).update(text="")
    services_surveys.erase(user)
    services_consultations.erase(user)
    Report.objects.filter(handled_by=user).update(handled_by=None)
    FeedbackItem.objects.filter(owner=user).update(owner=None)
    FeedbackItem.objects.filter(given_by=user).update(given_by=None)
    Process.objects.filter(contact=user).update(contact=None)
    Process.objects.filter(created_by=user).update(created_by=None)


def due_processes(now) -> list[Process]:
    """Closed processes whose `retention_days` have passed and whose rule has not yet run."""
    closed = Process.objects.filter(status=Process.Status.CLOSED, closed_at__isnull=False, retention_done_at=None)
    return [p for p in closed if p.closed_at + timedelta(days=p.retention_days) <= now]


def expire(*, now) -> int:
    """The processes whose retention has run out (closed `retention_days` ago), each in one
    transaction: who wrote each proposal and comment is removed (the text stays, the dialogue's
    record); with "erased" the texts of hidden ones and the follows go too; the survey answers are
    anonymised or erased (`services_surveys.expire_process`); the consultation answers lose the
    names of who drafted and sent them (`services_consultations.anonymise`). Then the process is
    marked done and left alone."""
    done = 0
    for process in due_processes(now):
        with transaction.atomic():
            done += services_surveys.expire_process(process)
            done += services_consultations.anonymise(process)
            for model in (Proposal, Comment):
                done += model.objects.filter(process=process).exclude(author=None).update(author=None)
            if process.after_retention == Process.AfterRetention.ERASE:
                Follow.objects.filter(Q(process=process) | Q(proposal__process=process)).delete()
                Comment.objects.filter(process=process, visibility=Comment.Visibility.HIDDEN).update(body="")
                Proposal.objects.filter(process=process, visibility=Proposal.Visibility.HIDDEN).update(body="")
            process.retention_done_at = now
            process.save(update_fields=["retention_done_at"])
    return done
