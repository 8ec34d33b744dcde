"""Reads the partnership pages share, each a fixed number of queries however many
partnerships, parties or milestones there are."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Prefetch
from django.urls import reverse

from samverka.municipality.models import SdgGoal, in_language

from .models import Compact, Contribution, Document, Milestone, Partnership, Party, Signature


def cards(partnerships) -> list[dict]:
    """The cards of a list (`_card.html`) for `partnerships`, a QuerySet in its order (a page's
    slice), as plain rows with what a card shows worked out once: address, title, kind, office,
    period, status, summary, and the names of its parties, areas and Agenda 2030 goals. Four
    queries, each with only these columns; no model instances and no prefetch machinery, which
    cost more than the SQL on a page of 20."""
    rows = list(partnerships.values("pk", "slug", "title", "kind", "summary", "starts_on", "ends_on", "status",
                                    "office__name", "office__name_en", "office__name_ar"))
    if not rows:
        return []
    ids = [row["pk"] for row in rows]
    parties, areas, goals = defaultdict(list), defaultdict(list), defaultdict(list)
    # Party.name: the actor's name, else the office's label.
    for pid, actor_id, actor, *office in (Party.objects.filter(partnership__in=ids).order_by("position", "pk")
                                          .values_list("partnership_id", "actor_id", "actor__name", "office_id",
                                                       "office__name", "office__name_en", "office__name_ar")):
        parties[pid].append(actor if actor_id else (in_language(*office[1:]) if office[0] else ""))
    for pid, *names in (Partnership.areas.through.objects.filter(partnership__in=ids)
                        .order_by("area__position", "area__name")
                        .values_list("partnership_id", "area__name", "area__name_en", "area__name_ar")):
        areas[pid].append(in_language(*names))
    for pid, number, title_sv, title_en in (Partnership.sdg_goals.through.objects.filter(partnership__in=ids)
                                            .order_by("sdggoal__number")
                                            .values_list("partnership_id", "sdggoal__number", "sdggoal__title_sv",
                                                         "sdggoal__title_en")):
        goals[pid].append(str(SdgGoal(number=number, title_sv=title_sv, title_en=title_en)))
    head = reverse("partnerships:detail", kwargs={"slug": "-"}).removesuffix("-/")  # a slug needs no quoting
    kinds, statuses = dict(Partnership.Kind.choices), dict(Partnership.Status.choices)
    return [{**row, "url": f"{head}{row['slug']}/", "kind_label": kinds.get(row["kind"], row["kind"]),
             "status_label": statuses.get(row["status"], row["status"]),
             "office_label": in_language(row["office__name"], row["office__name_en"], row["office__name_ar"]),
             "parties": parties[row["pk"]], "areas": areas[row["pk"]], "goals": goals[row["pk"]]}
            for row in rows]


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
