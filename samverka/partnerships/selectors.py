"""Reads the partnership pages share, each a fixed number of queries however many
partnerships, parties or milestones there are."""

from __future__ import annotations

from django.db.models import Count, Prefetch

from .models import Compact, Contribution, Document, Milestone, Partnership, Party, Signature


def list_queryset(queryset):
    """Partnerships for a list: their office, areas and goals, and their parties' names."""
    return (queryset.select_related("office")
            .prefetch_related("areas", "sdg_goals",
                              Prefetch("parties", queryset=Party.objects.select_related("actor", "office"))))


def page(partnership: Partnership, *, private: bool) -> dict:
    """What a partnership's page shows: parties with their contributions, goals, milestones
    (done and coming) and the documents the visitor may read."""
    contributions = Contribution.objects.order_by("pk")
    parties = list(partnership.parties.select_related("actor", "office")
                   .prefetch_related(Prefetch("contributions", queryset=contributions)))
    milestones = list(partnership.milestones.select_related("done_by"))
    documents = partnership.documents.all()
    if not private:
        documents = documents.filter(visibility=Document.Visibility.PUBLIC)
    return {
        "parties": parties,
        "goals": list(partnership.goals.all()),
        "done": [m for m in milestones if m.is_done],
        "coming": [m for m in milestones if not m.is_done],
        "documents": list(documents),
    }


def compacts():
    return list(Compact.objects.select_related("committee").annotate(signed=Count("signatures")))


def signatures(compact: Compact) -> list[Signature]:
    return list(compact.signatures.select_related("actor").order_by("actor__sort_name"))


def milestones_of(user, *, limit: int = 50) -> list[Milestone]:
    """The coming milestones of the partnerships the user keeps or takes part in."""
    return list(Milestone.objects.filter(done_on__isnull=True,
                                         partnership__in=Partnership.objects.kept_by(user).values("pk"))
                .select_related("partnership").order_by("due_on")[:limit])
