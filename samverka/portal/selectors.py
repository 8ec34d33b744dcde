"""Reads for the pages that span every app: the home page and My pages. Each returns what
its template shows in a fixed number of queries, however much data there is."""

from __future__ import annotations

from django.db.models import Count, Q

from samverka.actors.models import Actor
from samverka.actors.selectors import cards
from samverka.crisis.models import HelpRequest
from samverka.crisis.services import active_crisis
from samverka.needs.models import Answer, Need

LISTED = 10


def home() -> dict:
    actors = Actor.objects.published()
    return {"actor_count": actors.count(), "recent_actors": cards(actors.for_cards().order_by("-created_at")[:3])}


def my_pages(user) -> dict:
    """What My pages show: each role's own work first (the office's cases, crisis triage,
    the person's needs with new answers), then the associations they represent."""
    crisis = active_crisis()
    triage = None
    if crisis is not None and user.has_perm("crisis.enter_request"):
        triage = HelpRequest.objects.visible_to(user).filter(crisis_id=crisis.pk).aggregate(
            unmatched=Count("pk", filter=Q(status__in=HelpRequest.UNMATCHED)),
            untriaged=Count("pk", filter=Q(priority=HelpRequest.Priority.NEW, status__in=HelpRequest.UNMATCHED)))
    to_verify = []
    if user.has_perm("actors.verify_actor"):
        to_verify = list(Actor.objects.published().filter(kind=Actor.Kind.ASSOCIATION, verified_at__isnull=True)
                         .order_by("name")[:LISTED])
    return {
        "crisis": crisis,
        "triage": triage,
        "needs_with_answers": list(
            Need.objects.published_by(user)
            .annotate(new_answers=Count("answers", filter=Q(answers__status=Answer.Status.NEW)))
            .filter(new_answers__gt=0).order_by("-new_answers", "-created_at")[:LISTED]),
        "to_verify": to_verify,
        "memberships": list(user.actor_memberships.select_related("actor").order_by("actor__name")),
    }
