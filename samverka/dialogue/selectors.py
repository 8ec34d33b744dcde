"""Reads for the processes part's pages, each in a fixed number of queries however many
proposals, comments and feedback items there are."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Comment, Consultation, Document, FeedbackItem, Follow, Process, Proposal, Report

PROPOSALS_PER_PAGE = 20
LISTED = 10
SAID_DID_PER_PAGE = 25


def _comments():
    """Root comments with their replies (one level), authors and actors, in two queries."""
    replies = Comment.objects.select_related("author", "actor").order_by("created_at", "pk")
    return (Comment.objects.filter(parent=None).select_related("author", "actor", "feedback")
            .prefetch_related(Prefetch("replies", queryset=replies)).order_by("created_at", "pk"))


def public_feedback():
    """Feedback given in public, but never on a proposal or comment a moderator hid (its "you
    said" quotes the hidden text)."""
    return (FeedbackItem.objects.public().exclude(proposal__visibility=Proposal.Visibility.HIDDEN)
            .exclude(comment__visibility=Comment.Visibility.HIDDEN))


def processes(user):
    """The index: open processes first, then closed ones; drafts (only for those who run them) last."""
    order = Case(When(status=Process.Status.OPEN, then=0), When(status=Process.Status.CLOSED, then=1), default=2,
                 output_field=IntegerField())
    return list(Process.objects.visible_to(user).select_related("office")
                .annotate(proposal_count=Count("proposals", filter=Q(proposals__visibility="visible")))
                .order_by(order, "-created_at", "pk"))


def matrix(process: Process) -> list[dict]:
    """The Council of Europe code's matrix: one row per level, a cell per stage, this process's cell marked."""
    return [{"level": label, "cells": [{"stage": stage_label, "current": process.level == level
                                        and process.stage == stage} for stage, stage_label in Process.Stage.choices]}
            for level, label in Process.Level.choices]


def timeline(process: Process, now=None) -> list[dict]:
    now = now or timezone.now()
    rows = []
    for phase in process.phases.all():
        state = "now" if phase.starts_at <= now < phase.ends_at else ("done" if phase.ends_at <= now else "coming")
        rows.append({"phase": phase, "state": state})
    return rows


def process_page(process: Process, user, page_number=None) -> dict:
    # The proposals' own comments are on each proposal's page; here only their count.
    proposals = (Proposal.objects.filter(process=process).select_related("author", "actor", "feedback")
                 # A count per row (a subquery), not a GROUP BY over every proposal: the database
                 # counts only for the page it returns (2 000 proposals: 212 → 2 ms).
                 .annotate(comment_count=Coalesce(Subquery(
                     Comment.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal")
                     .annotate(n=Count("pk")).values("n")), 0)))
    page = Paginator(proposals.order_by("-created_at", "pk"), PROPOSALS_PER_PAGE).get_page(page_number)
    threads = list(_comments().filter(process=process, proposal=None))
    said_did = list(public_feedback().filter(process=process).order_by("-given_at", "pk")[:LISTED + 1])
    following = (user.is_authenticated and Follow.objects.filter(user=user, process=process).exists())
    documents = list(Document.objects.filter(process=process, consultation=None))
    return {"matrix": matrix(process), "timeline": timeline(process), "page": page, "threads": threads,
            "said_did": said_did[:LISTED], "more_said_did": len(said_did) > LISTED, "following": following, "documents": documents,
            "proposal_count": page.paginator.count}


def said_did_page(process: Process, page_number=None):
    """Every piece of feedback given in public in a dialogue, newest first, a page at a time."""
    return Paginator(public_feedback().filter(process=process).order_by("-given_at", "pk"),
                     SAID_DID_PER_PAGE).get_page(page_number)


def proposal_page(proposal: Proposal, user) -> dict:
    threads = list(_comments().filter(proposal=proposal))
    following = user.is_authenticated and Follow.objects.filter(user=user, proposal=proposal).exists()
    return {"threads": threads, "following": following}


def open_reports(process: Process):
    return list(Report.objects.filter(status=Report.Status.OPEN)
                .filter(Q(proposal__process=process) | Q(comment__process=process))
                .select_related("proposal", "comment", "reporter").order_by("created_at", "pk"))


def office_feedback(user, *, mine_only=False, show="open"):
    """The office's feedback items, overdue first, with counts."""
    items = FeedbackItem.objects.owned_by(user) if not user.is_superuser else FeedbackItem.objects.all()
    if mine_only:
        items = items.filter(owner=user)
    today = timezone.localdate()
    counts = items.aggregate(open=Count("pk", filter=Q(status="open")),
                             overdue=Count("pk", filter=Q(status="open", deadline__lt=today)),
                             given=Count("pk", filter=Q(status="given")))
    if show == "open":
        items = items.open()
    elif show == "given":
        items = items.filter(status=FeedbackItem.Status.GIVEN)
    listed = items.overdue_first(today).select_related("process", "office", "owner")
    return {"items": listed, "counts": counts}


def overdue_for(user) -> dict:
    """For My pages: the official's own and their offices' open items, overdue first, and the count
    overdue; for everyone, whether they have said anything in a dialogue (a link to their page)."""
    said = user.is_authenticated and (Proposal.objects.filter(author=user).exists()
                                      or Comment.objects.filter(author=user, parent=None).exists())
    if not user.is_authenticated or not user.office_ids:
        return {"feedback_items": [], "feedback_overdue": 0, "said_in_dialogue": said}
    items = FeedbackItem.objects.owned_by(user).open()
    today = timezone.localdate()
    return {"feedback_items": list(items.overdue_first(today).select_related("process")[:LISTED]),
            "feedback_overdue": items.filter(deadline__lt=today).count(), "said_in_dialogue": said}


def said_by(user) -> dict:
    """A participant's page: their proposals and comment threads, each with its feedback."""
    proposals = list(Proposal.objects.filter(author=user).select_related("process", "feedback", "actor")
                     .order_by("-created_at", "pk"))
    threads = list(Comment.objects.filter(author=user, parent=None).select_related("process", "proposal", "feedback")
                   .order_by("-created_at", "pk"))
    follows = list(Follow.objects.filter(user=user, process__isnull=False).select_related("process")
                   .order_by("-created_at"))
    return {"proposals": proposals, "threads": threads, "follows": follows}


def consultations_of(process: Process, user) -> list:
    """A process's consultations for its page: sent and closed ones (public records) for everyone
    who sees the process, drafts too for the office that runs it."""
    consultations = process.consultations.order_by("deadline", "pk")
    if not user.has_perm("dialogue.change_process", process):
        consultations = consultations.exclude(status=Consultation.Status.DRAFT)
    return list(consultations)


def workshop_registration(workshop) -> list[dict]:
    """The registration of a workshop's activity, per coming date (the first few): places taken,
    the waiting list and the capacity, in one query."""
    if workshop is None:
        return []
    from samverka.activities.models import Occurrence, Registration

    occurrences = (Occurrence.objects.filter(activity=workshop.activity_id, end__gte=timezone.now())
                   .annotate(taken=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
                             waiting=Count("registrations",
                                           filter=Q(registrations__status=Registration.Status.WAITLISTED)))
                   .order_by("start")[:5])
    return [{"occurrence": o, "taken": o.taken, "waiting": o.waiting, "capacity": workshop.activity.capacity}
            for o in occurrences]


def phase_moment(request) -> str:
    """The public process page's moment for its cache key (core.pagecache): the phases under way
    now, so that the page changes the moment a phase starts or ends (one indexed query)."""
    from .models import Phase

    slug = request.resolver_match.kwargs.get("slug", "") if request.resolver_match else ""
    now = timezone.now()
    current = Phase.objects.filter(process__slug=slug, starts_at__lte=now, ends_at__gt=now).values_list("pk",
                                                                                                        flat=True)
    return "phases:" + ",".join(str(pk) for pk in sorted(current))


RECIPIENT_MATCHES = 50


def recipient_choices(search, *, chosen) -> tuple[list, bool]:
    """The actors offered on a consultation's recipients page: those chosen (kept across
    searches), then at most RECIPIENT_MATCHES of the search's matches by name; and whether more
    match. Two queries however long the register is."""
    from samverka.actors.models import Actor

    published = Actor.objects.published()
    picked = list(published.filter(pk__in=set(chosen)).order_by("name")) if chosen else []
    matches = list(search.filter(published.exclude(pk__in={a.pk for a in picked})).distinct()
                   .order_by("name")[:RECIPIENT_MATCHES + 1])
    return picked + matches[:RECIPIENT_MATCHES], len(matches) > RECIPIENT_MATCHES
