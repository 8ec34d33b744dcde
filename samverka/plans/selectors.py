"""Reads the plan pages share, each a fixed number of queries however many plans, goals,
indicators, values or actions there are."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import formats
from django.utils.translation import gettext as _

from samverka.core import charts
from samverka.municipality.models import Office

from .models import Action, ActionPlan, Goal, Indicator, IndicatorValue, Inventory

# The work an action links to: (field on Action, words for the page).
LINKS = ("needs", "activities", "grant_programmes", "partnerships", "processes", "ideas", "programmes", "groups")


def _public_links() -> dict:
    """What a visitor may see of each kind of linked work (a draft stays out of the page)."""
    from samverka.activities.models import Activity
    from samverka.dialogue.models import Process
    from samverka.grants.models import GrantProgramme
    from samverka.ideas.models import Idea
    from samverka.matching.models import Programme
    from samverka.needs.models import Need
    from samverka.networks.models import Group
    from samverka.partnerships.models import Partnership

    return {
        "needs": Need.objects.all(),
        "activities": Activity.objects.public(),
        "grant_programmes": GrantProgramme.objects.all(),
        "partnerships": Partnership.objects.public(),
        "processes": Process.objects.published(),
        "ideas": Idea.objects.public(),
        "programmes": Programme.objects.public(),
        "groups": Group.objects.public(),
    }


def link_label(obj) -> str:
    return str(getattr(obj, "title", "") or getattr(obj, "name", "") or obj)


def link_choices(user, plan: ActionPlan, *, current: Action | None = None, limit: int = 40) -> dict:
    """The work an action of `plan` may link to, per kind: what the user may see, limited to
    the office's own (or, where work has areas, the plan's goals' areas), the newest first,
    at most `limit` of each, plus what the action links to already."""
    from samverka.activities.models import Activity
    from samverka.dialogue.models import Process
    from samverka.grants.models import GrantProgramme
    from samverka.ideas.models import Idea
    from samverka.matching.models import Programme
    from samverka.needs.models import Need
    from samverka.networks.models import Group
    from samverka.partnerships.models import Partnership

    office = plan.office
    areas = [pk for pk in plan.goals.values_list("area_id", flat=True) if pk]
    near = Q(office=office) | Q(areas__in=areas) if areas else Q(office=office)
    candidates = {
        "needs": (Need.objects.filter(near), "-created_at"),
        "activities": (Activity.objects.visible_to(user).filter(near), "-start"),
        "grant_programmes": (GrantProgramme.objects.filter(committee=office.committee_id)
                             if office.committee_id else GrantProgramme.objects.none(), "-year"),
        "partnerships": (Partnership.objects.visible_to(user).filter(office=office), "-starts_on"),
        "processes": (Process.objects.visible_to(user).filter(office=office), "-pk"),
        "ideas": (Idea.objects.public().filter(areas__in=areas) if areas else Idea.objects.public(), "-created_at"),
        "programmes": (Programme.objects.filter(office=office), "name"),
        "groups": (Group.objects.visible_to(user).filter(office=office), "name"),
    }
    choices = {}
    for name, (queryset, order) in candidates.items():
        pks = list(dict.fromkeys(queryset.order_by(order).values_list("pk", flat=True)[:limit * 3]))[:limit]
        chosen = Q(pk__in=pks)
        if current is not None:
            chosen |= Q(pk__in=getattr(current, name).values("pk"))
        choices[name] = queryset.model.objects.filter(chosen).order_by(order)
    return choices


# ---------------------------------------------------------------- lists


def plans_for_list(user):
    """The plans a visitor sees in the list: published ones, and a signed-in official's office
    drafts and archived plans (administrators: all)."""
    return (ActionPlan.objects.visible_to(user).select_related("office").prefetch_related("sdg_goals")
            .order_by("-first_year", "title"))


def inventory_by_office() -> list[tuple[Office, list[Inventory]]]:
    """The inventory, office by office, area by area."""
    grouped: dict[int, list[Inventory]] = defaultdict(list)
    offices = {}
    for row in Inventory.objects.select_related("office", "area", "contact").order_by("office__name", "area__position",
                                                                                      "area__name"):
        offices[row.office_id] = row.office
        grouped[row.office_id].append(row)
    return [(offices[pk], grouped[pk]) for pk in offices]


def actions_owned_by(user, *, limit: int = 50) -> list[Action]:
    """The current actions the user is responsible for (for My pages)."""
    if not user.is_authenticated:
        return []
    return list(Action.objects.current().filter(owner=user).select_related("plan", "plan__office", "goal")
                .order_by("ends_on", "pk")[:limit])


# ---------------------------------------------------------------- a plan's page


@dataclass
class IndicatorView:
    indicator: Indicator
    latest: list[IndicatorValue] = field(default_factory=list)  # the latest row of each date, by date
    chart: charts.LineChart | None = None

    @property
    def last(self) -> IndicatorValue | None:
        return self.latest[-1] if self.latest else None


@dataclass
class GoalView:
    goal: Goal
    indicators: list[IndicatorView]
    actions: list[Action]


def latest_per_date(values) -> list[IndicatorValue]:
    """Of the values of one indicator (in any order), the latest row of each date, by date."""
    best: dict = {}
    for value in values:
        held = best.get(value.measured_on)
        if held is None or (value.created_at, value.pk) > (held.created_at, held.pk):
            best[value.measured_on] = value
    return [best[day] for day in sorted(best)]


def _day(when) -> str:
    return formats.date_format(when, "SHORT_DATE_FORMAT")


def chart_of(indicator: Indicator, latest: list[IndicatorValue]) -> charts.LineChart:
    unit = Indicator.Unit(indicator.unit).label
    return charts.line(indicator.name, [(v.measured_on, v.value) for v in latest], unit=unit,
                       target=indicator.target, label=_day, chart_id=f"indicator-{indicator.pk}")


def page(plan: ActionPlan, *, public: bool) -> dict:
    """What a plan's page shows: its goals, each with its indicators (a chart and table of the
    latest value per date) and its actions (status, owner, dates, the linked work), and the
    actions that belong to no goal. `public`: the linked work a visitor may see only."""
    links = _public_links() if public else {}
    prefetches = [Prefetch(name, queryset=links[name]) if name in links else name for name in LINKS]
    actions = list(plan.actions.select_related("owner").prefetch_related("sdg_goals", *prefetches))
    indicators = Indicator.objects.select_related("district").prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("measured_on", "created_at", "pk")))
    goals = list(plan.goals.select_related("area").prefetch_related(
        "sdg_goals", "sdg_targets", Prefetch("indicators", queryset=indicators)))
    names = link_names()
    by_goal: dict[int | None, list[Action]] = defaultdict(list)
    for action in actions:
        action.linked = [(names[name], [(item.get_absolute_url(), link_label(item)) for item in items])
                         for name in LINKS if (items := list(getattr(action, name).all()))]
        by_goal[action.goal_id].append(action)
    views = []
    for goal in goals:
        shown = []
        for indicator in goal.indicators.all():
            latest = latest_per_date(indicator.values.all())
            shown.append(IndicatorView(indicator=indicator, latest=latest, chart=chart_of(indicator, latest)))
        views.append(GoalView(goal=goal, indicators=shown, actions=by_goal.pop(goal.pk, [])))
    loose = [action for actions_ in by_goal.values() for action in actions_]
    return {"goals": views, "loose_actions": loose}


def link_names() -> dict[str, str]:
    return {"needs": _("Needs"), "activities": _("Activities"), "grant_programmes": _("Grant programmes"),
            "partnerships": _("Partnerships"), "processes": _("Dialogues"), "ideas": _("Ideas"),
            "programmes": _("Matching programmes"), "groups": _("Groups")}


def history(indicator: Indicator) -> list[IndicatorValue]:
    """Every value of an indicator, newest date first, corrections after what they correct,
    with who entered it."""
    return list(indicator.values.select_related("entered_by").order_by("-measured_on", "-created_at", "-pk"))


# ---------------------------------------------------------------- the forward look


@dataclass
class Term:
    year: int
    quarters: list = field(default_factory=list)  # [(label, [items])]


def forward_filters(params) -> dict:
    """The filters of the forward look, from the query string: committee, office and area by
    slug, Agenda 2030 goal by number. Unknown values are ignored."""
    from samverka.municipality.models import Area, Committee, SdgGoal

    chosen = {}
    for key, queryset, lookup in (("namnd", Committee.objects.all(), "slug"),
                                  ("forvaltning", Office.objects.all(), "slug"),
                                  ("omrade", Area.objects.all(), "slug"),
                                  ("mal", SdgGoal.objects.all(), "number")):
        value = (params.get(key) or "").strip()
        if not value or (lookup == "number" and not value.isdigit()):
            continue
        chosen[key] = queryset.filter(**{lookup: value}).first()
    return {key: value for key, value in chosen.items() if value is not None}


def _filtered(items, chosen: dict):
    if "namnd" in chosen:
        items = items.filter(committee=chosen["namnd"])
    if "forvaltning" in chosen:
        items = items.filter(office=chosen["forvaltning"])
    if "omrade" in chosen:
        items = items.filter(areas=chosen["omrade"])
    if "mal" in chosen:
        items = items.filter(sdg_goals=chosen["mal"])
    return items


def next_meetings(group_ids) -> dict:
    """{group id: its next meeting} for public groups, in two queries."""
    from django.db.models import OuterRef, Subquery
    from django.utils import timezone

    from samverka.networks.models import Group, Meeting

    ids = sorted({pk for pk in group_ids if pk})
    if not ids:
        return {}
    upcoming = Meeting.objects.filter(group=OuterRef("pk"), start__gte=timezone.now(), cancelled_at__isnull=True)
    nexts = (Group.objects.public().filter(pk__in=ids)
             .annotate(next_id=Subquery(upcoming.order_by("start", "pk").values("pk")[:1]))
             .values_list("next_id", flat=True))
    meetings = Meeting.objects.filter(pk__in=[pk for pk in nexts if pk]).select_related("group")
    return {m.group_id: m for m in meetings}


def _items_for_page(user):
    from .models import ForwardItem

    return (ForwardItem.objects.visible_to(user)
            .select_related("office", "committee", "group", "process")
            .prefetch_related("areas", "sdg_goals"))


def forward_look(user, params) -> dict:
    """The coming decisions, grouped by year and quarter, from this year on; the recently
    decided or withdrawn; the next plan meetings; the choices of the filters."""
    from django.utils import timezone

    from samverka.municipality.models import Area, Committee, SdgGoal

    from .models import ForwardItem

    chosen = forward_filters(params)
    today = timezone.localdate()
    items = _filtered(_items_for_page(user), chosen).distinct()
    coming = list(items.coming().filter(year__gte=today.year).order_by("year", "quarter", "committee__name",
                                                                       "title", "pk"))
    terms: list[Term] = []
    for item in coming:
        if not terms or terms[-1].year != item.year:
            terms.append(Term(item.year))
        quarters = terms[-1].quarters
        label = ForwardItem.Quarter(item.quarter).label
        if not quarters or quarters[-1][0] != label:
            quarters.append((label, []))
        quarters[-1][1].append(item)
    done = list(items.exclude(status__in=[ForwardItem.Status.PLANNED, ForwardItem.Status.MOVED])
                .order_by("-updated_at", "-pk")[:10])
    meetings = next_meetings(item.group_id for item in coming)
    return {
        "terms": terms, "done": done, "count": len(coming), "chosen": chosen,
        "meetings": sorted(meetings.values(), key=lambda m: m.start),
        "committees": list(Committee.objects.filter(forward_items__published_at__isnull=False).distinct()),
        "offices": list(Office.objects.filter(forward_items__published_at__isnull=False).distinct()),
        "areas": list(Area.objects.all()), "goals": list(SdgGoal.objects.all()),
    }


def forward_item_page(item, user) -> dict:
    """What an item's page shows beyond the item: the answered requests to take part (public
    answers only), the person's own requests, the next plan meeting and the dialogue."""
    from samverka.dialogue.models import Process

    from .models import Follow, ParticipationRequest

    requests = (ParticipationRequest.objects.filter(item=item).select_related("actor", "feedback_item")
                .order_by("created_at", "pk"))
    answered = [r for r in requests if r.feedback_item.status == "given" and r.feedback_item.is_public]
    mine = [r for r in requests if user.is_authenticated and r.user_id == user.pk]
    process = None
    if item.process_id:
        process = Process.objects.visible_to(user).filter(pk=item.process_id).first()
    meeting = next_meetings([item.group_id]).get(item.group_id) if item.group_id else None
    follows = {}
    if user.is_authenticated:
        rows = Follow.objects.filter(user=user).filter(
            Q(item=item) | Q(committee_id=item.committee_id) | Q(office_id=item.office_id))
        follows = {row.kind: row for row in rows}
    return {"answered": answered, "mine": mine, "process": process, "meeting": meeting, "follows": follows,
            "areas": list(item.areas.all()), "goals": list(item.sdg_goals.all())}
