"""Reads for the grants pages: a programme's cases with their scores, the allocation
proposal against the pool, a meeting's decision list and the public decisions."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Q

from .models import Application, Decision, GrantProgramme, Review
from .services import granted_total, weighted_score


@dataclass
class Case:
    application: Application
    score: float | None
    reviews: int
    reviews_needed: int


def cases(programme: GrantProgramme) -> list[Case]:
    """The programme's submitted applications, best weighted score first (unscored last)."""
    criteria = list(programme.criteria.all())
    apps = (Application.objects.submitted().filter(programme=programme)
            .select_related("actor", "decision", "programme").prefetch_related(Prefetch("reviews", queryset=Review.objects.all())))
    found = []
    for application in apps:
        scores = [s for r in application.reviews.all() if (s := weighted_score(r.scores, criteria)) is not None]
        found.append(Case(application=application, score=round(sum(scores) / len(scores), 2) if scores else None,
                          reviews=len(scores), reviews_needed=2 if application.needs_two_reviews else 1))
    found.sort(key=lambda c: (c.score is None, -(c.score or 0), c.application.submitted_at))
    return found


@dataclass
class Proposal:
    case: Case
    proposed: int
    left_after: int


def allocation(programme: GrantProgramme) -> tuple[list[Proposal], int, int]:
    """Best first, each gets what it asked for while the pool allows, the one where the
    pool runs out gets what is left, the rest nothing. Decided applications count with
    what they were granted. (proposals, already granted, left at the end)."""
    granted = granted_total(programme)
    left = programme.pool - granted
    proposals = []
    for case in cases(programme):
        if hasattr(case.application, "decision"):
            continue
        proposed = min(case.application.amount_asked or 0, max(left, 0)) if case.score is not None else 0
        left -= proposed
        proposals.append(Proposal(case=case, proposed=proposed, left_after=left))
    return proposals, granted, left


def meeting_decisions(*, committee, meeting_date):
    return (Decision.objects.public().with_reclaimed()
            .filter(application__programme__committee=committee, meeting_date=meeting_date)
            .order_by("application__programme__name", "application__case_number"))


def public_decisions():
    return Decision.objects.public().order_by("-meeting_date", "application__case_number")


def decisions_page(found, number, *, per_page: int):
    """A page of `found` (`public_decisions()`, filtered): the page's keys are sorted first, then
    only its rows are loaded with what the table shows. (Sorting whole joined rows, actors'
    descriptions and all, made SQLite spend 50 ms on 7 000 decisions for a page of 50.)"""
    page = Paginator(found.select_related(None).prefetch_related(None).values_list("pk", flat=True),
                     per_page).get_page(number)
    by_pk = _table_rows().in_bulk(list(page.object_list))
    page.object_list = [by_pk[pk] for pk in page.object_list]
    _load_names_in_case(page.object_list)
    return page


def _table_rows():
    """Decisions with what `_decision_table.html` shows of them and no more: the applicant's,
    programme's and reclaim's few fields, and as plain values the names of who sent the case
    and its follow-up report (the other people in it: `_load_names_in_case`)."""
    return (Decision.objects.select_related("application__actor", "application__programme")
            .with_reclaimed()
            .annotate(**{f"{who}_{n}": F(f"{path}__{n}") for who, path in _SENDERS.items()
                         for n in ("first_name", "last_name")})
            .only("outcome", "amount", "deduction", "reasons", "meeting_date", "application__case_number",
                  "application__actor__name", "application__programme__name", "application__programme__year"))


# Who sent a case and who sent its follow-up report (`disclosure.people_in_case`), as `_table_rows` names them.
_SENDERS = {"applicant": "application__applicant", "reporter": "application__follow_up__submitted_by"}


def _load_names_in_case(decisions) -> None:
    """Set each decision's `names_in_case` (what `Decision.public_reasons` removes): the names of
    the people in its case (`disclosure.people_in_case`) as plain values, those of the reviewers
    and the actors' representatives in two queries, instead of a user object per person."""
    from collections import defaultdict

    from samverka.actors.models import ActorMembership

    from .disclosure import forms_of_names

    reviewers, representatives = defaultdict(list), defaultdict(list)
    for application_id, *name in (Review.objects.filter(application__in=[d.application_id for d in decisions],
                                                        reviewer__isnull=False)
                                  .values_list("application_id", "reviewer__first_name", "reviewer__last_name")):
        reviewers[application_id].append(name)
    for actor_id, *name in (ActorMembership.objects.filter(actor__in={d.application.actor_id for d in decisions})
                            .values_list("actor_id", "user__first_name", "user__last_name")):
        representatives[actor_id].append(name)
    for d in decisions:
        senders = [(getattr(d, f"{who}_first_name"), getattr(d, f"{who}_last_name")) for who in _SENDERS]
        d.names_in_case = forms_of_names([*(name for name in senders if name[0] is not None),
                                          *reviewers[d.application_id], *representatives[d.application.actor_id]])


def my_applications(user):
    from samverka.actors.rules import actor_roles

    return (Application.objects.filter(actor__in=list(actor_roles(user)))
            .select_related("programme", "actor").order_by("-created_at"))


def programmes_to_handle(user):
    from .models import committee_ids

    if user.is_superuser:
        return GrantProgramme.objects.select_related("committee")
    return GrantProgramme.objects.filter(Q(committee__in=committee_ids(user))).select_related("committee")


def award_announcement(*, today=None, days: int = 120):
    """The latest award given at a meeting in the last `days` days, for the home page (None if none)."""
    from datetime import timedelta

    from django.utils import timezone

    today = today or timezone.localdate()
    return (Decision.objects.public().filter(application__programme__kind=GrantProgramme.Kind.AWARD,
                                             outcome=Decision.Outcome.GRANTED,
                                             meeting_date__gte=today - timedelta(days=days), meeting_date__lte=today)
            .order_by("-meeting_date", "-pk").first())


def nominees(programme: GrantProgramme):
    """The actors an award may go to: published, of the kinds it names."""
    from samverka.actors.models import Actor

    found = Actor.objects.published().order_by("sort_name")
    if programme.eligible_kinds:
        found = found.filter(kind__in=programme.eligible_kinds)
    return found
