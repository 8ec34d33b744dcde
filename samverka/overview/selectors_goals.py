"""The public Agenda 2030 pages: what of the platform is linked to each goal. Only what everyone
may see (each app's public QuerySet), a short list of each kind with its total, in a fixed
number of queries."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samverka.activities.models import Activity, Occurrence
from samverka.actors.models import Actor
from samverka.core import charts
from samverka.dialogue.models import Process
from samverka.grants.models import GrantProgramme
from samverka.ideas.models import Idea
from samverka.matching.models import Programme as MatchingProgramme
from samverka.municipality.models import SdgGoal
from samverka.needs.models import Need
from samverka.networks.models import Group
from samverka.news.models import Post
from samverka.partnerships.models import Partnership
from samverka.plans.models import ActionPlan, Goal, Indicator, IndicatorValue

SHOWN = 6  # of each kind on a goal's page; "see all" leads to the app's own list where it has one


def _kinds(today, now):
    """(name, label, public QuerySet of the kind, the path to its goals)."""
    return [
        ("actors", _("Associations and other actors"), Actor.objects.published(), "sdg_goals"),
        ("activities", _("Coming activities"),
         Occurrence.objects.in_calendar().upcoming(now).filter(activity__status=Activity.Status.PUBLISHED), "activity__sdg_goals"),
        ("needs", _("Open needs"), Need.objects.open(today), "sdg_goals"),
        ("processes", _("Dialogues"), Process.objects.published(), "sdg_goals"),
        ("ideas", _("Ideas in the idea lab"), Idea.objects.public(), "sdg_goals"),
        ("groups", _("Groups and networks"), Group.objects.public(), "sdg_goals"),
        ("partnerships", _("Partnerships"), Partnership.objects.public(), "sdg_goals"),
        ("grant_programmes", _("Grant programmes"), GrantProgramme.objects.all(), "sdg_goals"),
        ("matching_programmes", _("Matching programmes"), MatchingProgramme.objects.public(), "sdg_goals"),
        ("news", _("News"), Post.objects.published(now), "sdg_goals"),
        ("plan_goals", _("Goals of action plans"), Goal.objects.filter(plan__in=ActionPlan.objects.published()),
         "sdg_goals"),
    ]


def goals() -> list[dict]:
    """The 17 goals, each with how many of every kind are linked to it (one query per kind)."""
    today, now = timezone.localdate(), timezone.now()
    counts: dict[int, dict[str, int]] = {}
    for name, _label, queryset, path in _kinds(today, now):
        distinct = "activity" if name == "activities" else "pk"
        for number, n in (queryset.filter(**{f"{path}__isnull": False}).order_by().values_list(path)
                          .annotate(n=Count(distinct, distinct=True))):
            counts.setdefault(number, {})[name] = n
    labels = {name: label for name, label, _q, _p in _kinds(today, now)}
    out = []
    for goal in SdgGoal.objects.all():
        mine = counts.get(goal.number, {})
        out.append({"goal": goal, "total": sum(mine.values()),
                    "counts": [(labels[name], mine[name]) for name in labels if mine.get(name)]})
    return out


def goal_page(goal: SdgGoal) -> dict:
    """Everything linked to `goal`: a few of each kind with the total, and the published action
    plans' goals with their indicators (latest value against the target, and a small line chart)."""
    today, now = timezone.localdate(), timezone.now()
    sections = []
    for name, label, queryset, path in _kinds(today, now):
        if name == "plan_goals":
            continue
        linked = queryset.filter(**{path: goal})
        # A kind with fewer than a list's worth is counted from its list; only a full list asks
        # for its total.
        if name == "activities":
            # The first dates with only what is shown of their activity (its title and link):
            # sorting the goal's every coming date with its activity's whole row took a city's
            # page 40 ms.
            first = list(linked.order_by("start", "pk").select_related("activity")
                         .only("start", "activity__title", "activity__slug")[:SHOWN * 4])
            total = (len({occurrence.activity_id for occurrence in first}) if len(first) < SHOWN * 4
                     else _activities_with_coming_dates(goal, now).count())
            shown, seen = [], set()
            for occurrence in first:
                if occurrence.activity_id not in seen:
                    seen.add(occurrence.activity_id)
                    shown.append(occurrence)
                if len(shown) == SHOWN:
                    break
        else:
            # One goal of a many-to-many: one row per linked item, so no DISTINCT (which cost a
            # city's goal page 7 ms on the actors alone).
            # Only the columns the page shows (a name, its link, a date): not the descriptions,
            # and none of the related rows.
            linked = linked.order_by(*_order(name))
            shown = list(linked.only(*_shown_fields(name))[:SHOWN])
            total = len(shown) if len(shown) < SHOWN else linked.count()
        sections.append({"name": name, "label": label, "items": shown, "total": total,
                         "see_all": _see_all(name, goal)})
    return {"goal": goal, "sections": sections, "targets": list(goal.targets.all()),
            "plan_goals": _plan_goals(goal)}


def _activities_with_coming_dates(goal: SdgGoal, now):
    """The published activities linked to `goal` that have a date to come: each counted once
    (EXISTS stops at an activity's first coming date; DISTINCT over every date did not)."""
    coming = Occurrence.objects.upcoming(now).filter(activity=OuterRef("pk"))
    return Activity.objects.filter(status=Activity.Status.PUBLISHED, sdg_goals=goal).filter(Exists(coming))


def _order(name: str) -> list[str]:
    return {"actors": ["name"], "needs": ["closes_on", "pk"], "processes": ["-created_at"],
            "ideas": ["-created_at"], "groups": ["name"], "partnerships": ["-starts_on"],
            "grant_programmes": ["-year", "name"], "matching_programmes": ["name"],
            "news": ["-published_at", "-pk"]}.get(name, ["pk"])


def _shown_fields(name: str) -> list[str]:
    """What a goal page's list shows of each kind: its name (`str()`), link and date."""
    return {"actors": ["name", "slug"], "needs": ["title", "slug", "closes_on"], "processes": ["title", "slug"],
            "ideas": ["title"], "groups": ["name", "slug"], "partnerships": ["title", "slug"],
            "grant_programmes": ["name", "year", "slug"], "matching_programmes": ["name", "slug"],
            "news": ["title", "slug", "published_at"]}[name]


def _see_all(name: str, goal: SdgGoal) -> str:
    """The app's own list, filtered on the goal, where it has such a filter."""
    where = {"actors": ("actors:directory", "sdg"), "activities": ("activities:calendar", "sdg"),
             "partnerships": ("partnerships:index", "goal")}.get(name)
    if where is None:
        return ""
    url = f"{reverse(where[0])}?{where[1]}={goal.number}"
    return url + "&view=list" if name == "activities" else url


def _plan_goals(goal: SdgGoal) -> list[dict]:
    # Only what the page shows: the goal's title, its plan's title and office, each indicator's
    # name, unit and target, and its values by date.
    plan_goals = list(Goal.objects.filter(sdg_goals=goal, plan__in=ActionPlan.objects.published())
                      .select_related("plan__office").order_by("plan__title", "position", "pk")
                      .only("title", "plan__title", "plan__office__name", "plan__office__name_en",
                            "plan__office__name_ar"))
    of_goal: dict[int, list] = {}
    # A goal's indicators in their order (the model's ordering would join the plans to sort by goal).
    for indicator in (Indicator.objects.filter(goal__in=[g.pk for g in plan_goals]).order_by("position", "pk")
                      .only("goal_id", "name", "unit", "target")):
        of_goal.setdefault(indicator.goal_id, []).append(indicator)
    # The values by date (the latest row of a date is the one shown), as plain rows.
    values: dict[int, dict] = {}
    for indicator_id, day, value in (IndicatorValue.objects
                                     .filter(indicator__in=[i.pk for group in of_goal.values() for i in group])
                                     .order_by("measured_on", "created_at", "pk")
                                     .values_list("indicator_id", "measured_on", "value")):
        values.setdefault(indicator_id, {})[day] = value
    out = []
    for plan_goal in plan_goals:
        indicators = []
        for indicator in of_goal.get(plan_goal.pk, []):
            by_date = values.get(indicator.pk, {})
            latest = max(by_date.items()) if by_date else None
            chart = charts.line(indicator.name, sorted(by_date.items()), unit=indicator.get_unit_display(),
                                target=indicator.target, label=lambda day: date_format(day, "j M Y"),
                                chart_id=f"indicator-{indicator.pk}") if by_date else None
            indicators.append({"indicator": indicator, "latest": latest, "chart": chart})
        out.append({"goal": plan_goal, "indicators": indicators})
    return out

