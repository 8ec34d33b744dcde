"""Reads for the idea lab's pages: the coaches' board, the gallery, an idea's history."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from samverka.activities.models import Activity

from .models import CONFIRM_SALT, OUTCOMES, PATH, Idea, Step

PUBLIC_ACTIVITY = (Activity.Status.PUBLISHED, Activity.Status.CANCELLED)

# Ideas shown per step on the board; the rest of a step is one click away (?step=…).
PER_STEP = 10
QUEUE_SHOWN = 20
# One step's ideas on the board, a page at a time.
STEP_PAGE = 100


def by_confirmation_code(code: str) -> Idea | None:
    """The idea whose receipt e-mail carried this confirmation link, while its address is the
    one the link was sent to; None for anything else."""
    try:
        pk, email = signing.Signer(salt=CONFIRM_SALT).unsign_object(code[:500])
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(email, str) or not email:
        return None
    return Idea.objects.filter(pk=pk, email=email, author__isnull=True).first()


@dataclass
class Column:
    step: str
    label: str
    ideas: list
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.ideas)


def _board_ideas(qs):
    return qs.select_related("coach").only(
        "pk", "title", "step", "step_since", "created_at", "coach_id", "is_public",
        "coach__first_name", "coach__last_name", "coach__email")


def board(*, mine_of=None, step: str | None = None, page_number=None) -> dict:
    """The coaches' board in four queries whatever the number of ideas: the queue (no coach,
    longest waiting first), the count per step, and the ideas of every step (longest at their
    step first, at most PER_STEP each, in one query with a window), or one step's ideas by pages."""
    ideas = Idea.objects.all()
    if mine_of is not None:
        ideas = ideas.filter(coach=mine_of)
    counts = dict(ideas.values_list("step").annotate(n=Count("pk")).order_by())
    queue, queue_count = [], 0
    if mine_of is None and step is None:  # the queue heads the whole board
        queue_qs = Idea.objects.queue().order_by("created_at", "pk")
        queue = list(_board_ideas(queue_qs)[:QUEUE_SHOWN])
        queue_count = len(queue) if len(queue) < QUEUE_SHOWN else queue_qs.count()
    steps = [step] if step else [*PATH, *OUTCOMES]
    page = None
    if step:
        page = Paginator(_board_ideas(ideas.filter(step=step)).order_by("step_since", "pk"),
                         STEP_PAGE).get_page(page_number)
        shown = list(page.object_list)
    else:
        ranked = ideas.annotate(rank=Window(RowNumber(), partition_by=[F("step")],
                                            order_by=[F("step_since").asc(), F("pk").asc()]))
        shown = list(_board_ideas(ranked.filter(rank__lte=PER_STEP)).order_by("step_since", "pk"))
    by_step: dict[str, list] = {s: [] for s in steps}
    for idea in shown:
        by_step.setdefault(idea.step, []).append(idea)
    columns = [Column(step=s, label=Step(s).label, ideas=by_step.get(s, []), count=counts.get(s, 0)) for s in steps]
    return {"queue": queue, "queue_count": queue_count, "columns": columns, "total": sum(counts.values()), "page": page}


def gallery(*, area=None, district=None, finished: bool = False):
    """The public ideas under way, or (finished=True) those that reached an outcome."""
    ideas = Idea.objects.public().prefetch_related("areas", "districts").order_by("-step_since", "-pk")
    ideas = ideas.filter(step__in=OUTCOMES) if finished else ideas.exclude(step__in=OUTCOMES)
    if area is not None:
        ideas = ideas.filter(areas=area)
    if district is not None:
        ideas = ideas.filter(districts=district)
    return ideas.only("pk", "title", "what", "for_whom", "place", "step", "step_since", "is_public", "coach_id")


def idea_page(idea: Idea, *, inside: bool) -> dict:
    """The history on an idea's page. Support and who wrote each note only for coaches."""
    notes = list(idea.notes.select_related("by") if inside else idea.notes.all())
    # A linked activity still in draft is shown to the coaches only (its organiser has not published it).
    show_activity = bool(idea.activity_id) and (inside or idea.activity.status in PUBLIC_ACTIVITY)
    context = {"notes": notes, "path": [(s, Step(s).label) for s in PATH], "outcomes": OUTCOMES,
               "show_activity": show_activity}
    if inside:
        support = list(idea.support.select_related("by"))
        context["support"] = support
        context["support_hours"] = sum((s.hours or 0 for s in support), 0)
    return context


def with_details(qs):
    return qs.select_related("coach", "author", "need", "activity", "application").prefetch_related(
        "areas", "districts", "sdg_goals")


def my_ideas(user):
    return Idea.objects.filter(author=user).order_by("-created_at", "-pk")

