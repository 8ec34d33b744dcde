"""Reads for the processes part's pages, each in a fixed number of queries however many
proposals, comments and feedback items there are."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from .models import Comment, Consultation, Document, FeedbackItem, Follow, Process, Proposal, Report

PROPOSALS_PER_PAGE = 20
LISTED = 10
SAID_DID_PER_PAGE = 25


COMMENT_FIELDS = ("pk", "parent_id", "created_at", "body", "visibility", "hidden_reason", "actor_id", "actor__name",
                  "author__first_name")


def days():
    """A function of a moment that gives its day as a list's `<time>` shows it: `(datetime, text)`,
    as the template's `|date:'Y-m-d'` and `|date:"j F Y"` in the current time zone and language,
    each day formatted once (a list's rows mostly share a few days)."""
    seen: dict = {}

    def day(moment) -> tuple[str, str]:
        local = timezone.localtime(moment)
        key = local.date()
        if key not in seen:
            seen[key] = (formats.date_format(local, "Y-m-d"), formats.date_format(local, "j F Y"))
        return seen[key]

    return day


def _comment_card(row: dict, day) -> dict:
    return {"pk": row["pk"], "who": _who(row), "day": day(row["created_at"]), "body": row["body"],
            "is_hidden": row["visibility"] == Comment.Visibility.HIDDEN, "hidden_reason": row["hidden_reason"],
            "replies": []}


def _threads(roots) -> list[dict]:
    """Comment threads as dialogue/_comment.html shows them: the root comments of `roots` (a
    queryset of comments), oldest first, each with its replies (one level), oldest first. Two
    queries of rows, however many comments: no model instance per comment."""
    day = days()
    threads = [_comment_card(row, day) for row in roots.filter(parent=None).order_by("created_at", "pk")
               .values(*COMMENT_FIELDS)]
    if threads:
        by_pk = {thread["pk"]: thread for thread in threads}
        for row in (Comment.objects.filter(parent__in=list(by_pk)).order_by("created_at", "pk")
                    .values(*COMMENT_FIELDS)):
            by_pk[row["parent_id"]]["replies"].append(_comment_card(row, day))
    return threads


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
    stages = [(stage, str(label)) for stage, label in Process.Stage.choices]  # translated once, not per cell
    return [{"level": str(label), "cells": [{"stage": stage_label, "current": process.level == level
                                             and process.stage == stage} for stage, stage_label in stages]}
            for level, label in Process.Level.choices]


def timeline(process: Process, now=None) -> list[dict]:
    """The phases, each with its state and its first and last day (`days()`)."""
    now = now or timezone.now()
    day = days()
    rows = []
    for phase in process.phases.all():
        state = "now" if phase.starts_at <= now < phase.ends_at else ("done" if phase.ends_at <= now else "coming")
        rows.append({"phase": phase, "state": state, "starts": day(phase.starts_at), "ends": day(phase.ends_at)})
    return rows


def _prefix(name: str) -> str:
    """The address of `name` without its last part (the pk), from one reverse(): the rows of a
    list put their pk after it instead of reversing an address each."""
    return reverse(name, kwargs={"pk": 0}).removesuffix("0/")


def _who(row: dict) -> str:
    """Who wrote a proposal or comment, as dialogue/_author.html says it: the actor it was written
    for, or the person's first name (empty: "A participant")."""
    return row["actor__name"] if row["actor_id"] else (row["author__first_name"] or "")


def _comment_counts():
    """A function of a number of comments that gives the words for it ("3 comments"), as the
    template's `{% blocktranslate count n=… %}` would, once per number."""
    seen: dict[int, str] = {}

    def comments(n: int) -> str:
        if n not in seen:
            seen[n] = mark_safe(ngettext("%(n)s comment", "%(n)s comments", n)  # noqa: S308  # nosec: B308, B703  # the number escaped
                                % {"n": conditional_escape(formats.localize(n))})
        return seen[n]

    return comments


def _proposal_cards(rows) -> list[dict]:
    """The proposals' list on the process page as plain rows: every address from one reverse(),
    the feedback's state and address without a model instance per proposal, each day and count
    in words once for the whole list."""
    proposal_url, feedback_url = _prefix("dialogue:proposal"), _prefix("dialogue:feedback")
    hidden, is_open = Proposal.Visibility.HIDDEN, FeedbackItem.Status.OPEN
    day, comments = days(), _comment_counts()
    return [{"url": f"{proposal_url}{row['pk']}/", "title": row["title"], "body": row["body"],
             "is_hidden": row["visibility"] == hidden, "hidden_reason": row["hidden_reason"], "who": _who(row),
             "day": day(row["created_at"]), "comments": comments(row["comment_count"]),
             "feedback": None if row["feedback__pk"] is None else {
                 "is_open": row["feedback__status"] == is_open, "url": f"{feedback_url}{row['feedback__pk']}/"}}
            for row in rows]


def said_did_cards(rows) -> list[dict]:
    """Given feedback as the "you said, we did" list shows it (dialogue/_said_did.html), from rows
    of `SAID_DID_FIELDS`: the outcomes translated once, the addresses from one reverse()."""
    feedback_url = _prefix("dialogue:feedback")
    outcomes = {value: str(label) for value, label in FeedbackItem.Outcome.choices}
    day = days()
    return [{"url": f"{feedback_url}{row['pk']}/", "title": row["title"], "outcome": outcomes.get(row["outcome"], ""),
             "day": day(row["given_at"]), "said": row["said"], "response": row["response"]} for row in rows]


SAID_DID_FIELDS = ("pk", "title", "outcome", "given_at", "said", "response")


def with_page_facts(processes, user):
    """`processes` with what the process page asks of every process in their own query, as EXISTS:
    whether it has documents (`has_documents`) and consultations (`has_consultations`), which
    most processes lack, so the page reads those rows only when there are some, and whether the
    user follows it (`following`)."""
    return processes.annotate(
        has_documents=Exists(Document.objects.filter(process=OuterRef("pk"), consultation=None)),
        has_consultations=Exists(Consultation.objects.filter(process=OuterRef("pk"))),
        following=(Exists(Follow.objects.filter(user=user, process=OuterRef("pk"))) if user.is_authenticated
                   else Value(False)))


def process_page(process: Process, user, page_number=None) -> dict:
    """The process page's lists; `process` comes from `with_page_facts`."""
    # The proposals' own comments are on each proposal's page; here only their count. Rows, not
    # model instances: the page shows a few fields of each proposal, its author and its feedback.
    proposals = (Proposal.objects.filter(process=process)
                 # A count per row (a subquery), not a GROUP BY over every proposal: the database
                 # counts only for the page it returns (2 000 proposals: 212 → 2 ms).
                 .annotate(comment_count=Coalesce(Subquery(
                     Comment.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal")
                     .annotate(n=Count("pk")).values("n")), 0)))
    # The paginator counts the proposals alone (the unused annotation left out); only the page's
    # slice joins the author, actor and feedback (the count with those joins read every row).
    page = Paginator(proposals.order_by("-created_at", "pk"), PROPOSALS_PER_PAGE).get_page(page_number)
    rows = page.object_list.values("pk", "title", "body", "visibility", "hidden_reason", "created_at", "comment_count",
                                   "actor_id", "actor__name", "author__first_name", "feedback__pk", "feedback__status")
    threads = _threads(Comment.objects.filter(process=process, proposal=None))
    said_did = said_did_cards(public_feedback().filter(process=process).order_by("-given_at", "pk")
                              .values(*SAID_DID_FIELDS)[:LISTED + 1])
    documents = list(Document.objects.filter(process=process, consultation=None)) if process.has_documents else []
    return {"matrix": matrix(process), "timeline": timeline(process), "page": page,
            "proposals": _proposal_cards(rows), "threads": threads,
            "said_did": said_did[:LISTED], "more_said_did": len(said_did) > LISTED, "following": process.following, "documents": documents,
            "proposal_count": page.paginator.count}


def said_did_page(process: Process, page_number=None):
    """Every piece of feedback given in public in a dialogue, newest first, a page at a time (its
    `object_list` the rows of `said_did_cards`)."""
    page = Paginator(public_feedback().filter(process=process).order_by("-given_at", "pk").values(*SAID_DID_FIELDS),
                     SAID_DID_PER_PAGE).get_page(page_number)
    page.object_list = said_did_cards(page.object_list)
    return page


def proposal_page(proposal: Proposal, user) -> dict:
    threads = _threads(Comment.objects.filter(proposal=proposal))
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
