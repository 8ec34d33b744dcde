"""Reads for the idea lab's pages: the coaches' board, the gallery, an idea's history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from samverka.activities.models import Activity

from .models import CONFIRM_SALT, OUTCOMES, PATH, Idea, Step, waited_words

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


def _address(name: str) -> Callable[[int], str]:
    """The addresses of one kind of idea page (`name` takes the idea's pk) from one reverse():
    the board shows a hundred of them, and only the number changes."""
    head, tail = reverse(name, args=[0]).rsplit("/0/", 1)
    return lambda pk: f"{head}/{pk}/{tail}"


_ROW = ("pk", "title", "step", "step_since", "coach_id", "coach__first_name", "coach__last_name", "coach__email")
_QUEUE_ROW = ("pk", "title", "step", "step_since", "created_at")


def _board_rows(qs, fields=_ROW) -> list[dict]:
    """The board's rows as plain dicts with what its tables show, worked out once here: the
    idea's address and take address, its step's name, how long it has waited at its step
    (`Idea.waited`) and its coach's name (`User.display_name`). Read with `values()`: only
    these columns (`_QUEUE_ROW` for the queue, which shows when an idea was sent and no
    coach), no model instances."""
    url, take_url = _address("ideas:idea"), _address("ideas:take")
    labels = dict(Step.choices)
    today, zone = timezone.localdate(), timezone.get_current_timezone()
    words: dict[int, str] = {}
    rows = []
    for row in qs.values(*fields):
        pk, coach_id = row["pk"], row.get("coach_id")
        coach = (f"{row['coach__first_name']} {row['coach__last_name']}".strip() or row["coach__email"]) if coach_id else ""
        days = (today - row["step_since"].astimezone(zone).date()).days
        if days not in words:
            words[days] = waited_words(days)
        sent = row.get("created_at")
        rows.append({"pk": pk, "title": row["title"], "step": row["step"], "url": url(pk), "take_url": take_url(pk),
                     "step_label": labels.get(row["step"], row["step"]), "waited": words[days],
                     "sent": date_format(sent.astimezone(zone), "j F Y") if sent else "",
                     "coach_id": coach_id, "coach": coach})
    return rows


def board(*, mine_of=None, step: str | None = None, page_number=None) -> dict:
    """The coaches' board in four queries whatever the number of ideas: the queue (no coach,
    longest waiting first) and its size, the count per step, and the ideas of every step
    (longest at their step first, at most PER_STEP each), or one step's ideas by pages.
    Every step's first keys come from the index on (step, step_since), PER_STEP of them per
    step, and only those rows are read (numbering every idea by step with a window, SQLite
    spent 10 ms on 2 000 ideas)."""
    ideas = Idea.objects.all()
    if mine_of is not None:
        ideas = ideas.filter(coach=mine_of)
    counts = dict(ideas.values_list("step").annotate(n=Count("pk")).order_by())
    queue, queue_count = [], 0
    if mine_of is None and step is None:  # the queue heads the whole board
        queue_qs = Idea.objects.queue().order_by("created_at", "pk")
        queue = _board_rows(queue_qs[:QUEUE_SHOWN], _QUEUE_ROW)
        queue_count = len(queue) if len(queue) < QUEUE_SHOWN else queue_qs.count()
    steps = [step] if step else [*PATH, *OUTCOMES]
    page = None
    if step:
        page = Paginator(ideas.filter(step=step).order_by("step_since", "pk"), STEP_PAGE).get_page(page_number)
        shown = _board_rows(page.object_list)
    else:
        keys, first = ideas.order_by("step_since", "pk").values("pk"), Q()
        for s in steps:
            first |= Q(pk__in=keys.filter(step=s)[:PER_STEP])
        shown = _board_rows(Idea.objects.filter(first).order_by("step_since", "pk"))
    by_step: dict[str, list] = {s: [] for s in steps}
    for idea in shown:
        by_step.setdefault(idea["step"], []).append(idea)
    columns = [Column(step=s, label=str(Step(s).label), ideas=by_step.get(s, []), count=counts.get(s, 0)) for s in steps]
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

