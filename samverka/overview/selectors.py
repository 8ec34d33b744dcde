"""What the overview page shows, read from the precomputed figures and ties (`figures.py`) and
the small vocabularies that name them: a fixed number of queries whatever the data."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samverka.activities.models import MeetingPlace
from samverka.actors.models import Actor
from samverka.core import charts
from samverka.municipality.models import Area, District, Office, SdgGoal, TargetGroup

from .models import Dimension, Figure, Metric, Tie

STOCK = {Metric.ACTORS}  # a number at the end of a month, not a sum over months
TABLE_PAGE = 25


def _unit(metric: str) -> str:
    return _("hours") if metric == Metric.VOLUNTEER_HOURS else ""


def years() -> list[int]:
    """The years with figures, newest first (this year even before its first figure)."""
    span = Figure.objects.aggregate(first=Min("month"), last=Max("month"))
    this_year = timezone.localdate().year
    first = span["first"].year if span["first"] else this_year
    last = max(span["last"].year if span["last"] else this_year, this_year)
    return list(range(last, first - 1, -1))


def _year_value(metric: str, monthly: dict[dt.date, int], year: int, until: int = 12) -> int:
    """A year's number of a metric: the sum of its months (up to month `until`), or for a
    stock the last month's."""
    values = [(month, n) for month, n in monthly.items() if month.year == year and month.month <= until]
    if not values:
        return 0
    if metric in STOCK:
        return max(values)[1]
    return sum(n for _, n in values)


def _year_range(year: int, until: int = 12) -> Q:
    return Q(month__gte=dt.date(year, 1, 1), month__lte=dt.date(year, until, 1))


def _vocabularies() -> dict[str, dict[str, object]]:
    return {
        Dimension.OFFICE: {str(o.pk): o for o in Office.objects.all()},
        Dimension.AREA: {str(a.pk): a for a in Area.objects.all()},
        Dimension.DISTRICT: {str(d.pk): d for d in District.objects.all()},
        Dimension.GOAL: {str(g.pk): g for g in SdgGoal.objects.all()},
        Dimension.TARGET_GROUP: {str(t.pk): t for t in TargetGroup.objects.all()},
    }


def _month_label(month: dt.date) -> str:
    return date_format(month, "M Y")


def overview(*, year: int, metric: str, office: str = "", area: str = "", page: str | int = 1) -> dict:
    """Everything the page shows for `year` and `metric` (a `Metric` value)."""
    today = timezone.localdate()
    names = _vocabularies()
    metric_label = Metric(metric).label

    # The whole municipality: every metric, every month (a few hundred rows).
    totals: dict[str, dict[dt.date, int]] = defaultdict(dict)
    out_of: dict[dt.date, int] = {}
    for row in Figure.objects.filter(dimension=Dimension.TOTAL).values_list("metric", "month", "count", "out_of"):
        totals[row[0]][row[1]] = row[2]
        if row[0] == Metric.FEEDBACK_ON_TIME:
            out_of[row[1]] = row[3] or 0
    # This year so far against the same months of last year. Distinct cooperating actors over
    # months come from the ties, not from a sum of months.
    until = today.month if year == today.year else 12
    # (Ranges of months, not a year extracted from each row: the index on month serves them.)
    # The chosen year's ties reach no further than today, so its distinct actors are the year's.
    year_ties = _YearTies(year)
    compared = {year - 1: _distinct_actors(_year_range(year - 1, until)), year: year_ties.actor_count}

    headline = []
    for choice in Metric:
        now = _year_value(choice, totals[choice], year, until)
        before = _year_value(choice, totals[choice], year - 1, until)
        if choice == Metric.COOPERATING_ACTORS:
            now, before = compared.get(year, 0), compared.get(year - 1, 0)
        share = None
        if choice == Metric.FEEDBACK_ON_TIME:
            given = sum(n for month, n in out_of.items() if month.year == year and month.month <= until)
            share = round(100 * now / given) if given else None
        headline.append({"metric": choice.value, "label": choice.label, "now": now, "before": before,
                         "change": now - before, "share": share, "selected": choice == metric})

    # Trends: the chosen metric by month (this year and last) and by year.
    monthly = totals[metric]
    months = [dt.date(y, m, 1) for y in (year - 1, year) for m in range(1, 13) if dt.date(y, m, 1) <= today]
    unit = _unit(metric)
    by_month = charts.line(_("%(metric)s by month") % {"metric": metric_label},
                           [(month, monthly.get(month, 0)) for month in months], unit=unit,
                           label=_month_label, chart_id="chart-by-month")
    all_years = sorted({month.year for month in monthly} | {year})
    by_year_values = [(y, _year_value(metric, monthly, y)) for y in all_years]
    if metric == Metric.COOPERATING_ACTORS:  # one query a year of figures: a handful
        by_year_values = [(y, compared[y] if y in compared and until == 12 else _distinct_actors(_year_range(y)))
                          for y, _n in by_year_values]
    by_year = charts.bars(_("%(metric)s by year") % {"metric": metric_label}, by_year_values, unit=unit,
                          chart_id="chart-by-year")

    # Bars by office, area, part of the municipality and goal for the year.
    per_key: dict[tuple[str, str], dict[dt.date, int]] = defaultdict(dict)
    for dimension, key, month, count in (Figure.objects.filter(_year_range(year), metric=metric)
                                         .exclude(dimension=Dimension.TOTAL)
                                         .values_list("dimension", "key", "month", "count")):
        per_key[(dimension, key)][month] = count
    yearly = {dim_key: _year_value(metric, values, year) for dim_key, values in per_key.items()}
    if metric == Metric.COOPERATING_ACTORS:
        yearly = year_ties.per_dimension()
    dimension_titles = {
        Dimension.OFFICE: _("%(metric)s per office, %(year)s"),
        Dimension.AREA: _("%(metric)s per area, %(year)s"),
        Dimension.DISTRICT: _("%(metric)s per part of the municipality, %(year)s"),
        Dimension.GOAL: _("%(metric)s per Agenda 2030 goal, %(year)s"),
    }
    by_dimension = []
    for dimension, title in dimension_titles.items():
        items = sorted(((str(names[dimension].get(key, key)), n) for (dim, key), n in yearly.items()
                        if dim == dimension and n and key in names[dimension]), key=lambda item: (-item[1], item[0]))
        by_dimension.append(charts.bars(title % {"metric": metric_label, "year": year}, items, unit=unit,
                                        chart_id=f"chart-{dimension}"))

    return {
        "year": year, "until": until, "partial": until < 12, "metric": metric, "metric_label": metric_label, "headline": headline,
        "by_month": by_month, "by_year": by_year, "by_dimension": by_dimension,
        "by_target_group": _by_target_group(year, names),
        "matrix": _matrix(year, names, year_ties), "table": _actor_table(year, names, office=office, area=area, page=page),
        "map": _map(year, names),
    }


def _by_target_group(year: int, names) -> dict:
    """Sign-ups in the year by the target groups people chose to say they belong to (one
    query). Nobody's group is inferred: people who said nothing are in no bar."""
    counts: dict[str, int] = defaultdict(int)
    for key, count in (Figure.objects.filter(_year_range(year), metric=Metric.PARTICIPATION,
                                             dimension=Dimension.TARGET_GROUP).values_list("key", "count")):
        counts[key] += count
    groups = names[Dimension.TARGET_GROUP]
    items = sorted(((str(groups[key]), n) for key, n in counts.items() if n and key in groups),
                   key=lambda item: (-item[1], item[0]))
    return charts.bars(_("Sign-ups per target group people said they belong to, %(year)s") % {"year": year}, items,
                       chart_id="chart-target-groups")


def _distinct_actors(months: Q) -> int:
    return Tie.objects.filter(months).aggregate(n=Count("actor", distinct=True))["n"] or 0


class _YearTies:
    """The year's distinct (actor, office) pairs, and counts of those actors per area, part and
    goal. COUNT(DISTINCT …) over the ties joined through the actors to each many-to-many table
    cost SQLite 30–60 ms a dimension with a city's year of ties; counting the many-to-many rows
    of the year's actors (each row is one actor and one key) gives the same numbers from the
    small tables."""

    THROUGH = ((Dimension.AREA, Actor.areas.through, "area_id"),
               (Dimension.DISTRICT, Actor.districts.through, "district_id"),
               (Dimension.GOAL, Actor.sdg_goals.through, "sdggoal_id"))

    def __init__(self, year: int):
        self.ties = Tie.objects.filter(_year_range(year))
        self.pairs = set(self.ties.values_list("actor", "office").distinct().order_by())

    @property
    def actor_count(self) -> int:
        return len({actor for actor, _office in self.pairs})

    def per_dimension(self) -> dict[tuple[str, str], int]:
        """Distinct cooperating actors per office, area, part and goal."""
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for _actor, office in self.pairs:
            counts[(Dimension.OFFICE, str(office))] += 1
        actors = self.ties.values("actor")
        for dimension, through, column in self.THROUGH:
            for key, n in (through.objects.filter(actor_id__in=actors).values_list(column)
                           .annotate(n=Count("pk")).order_by()):
                counts[(dimension, str(key))] = n
        return counts

    def office_by_area(self) -> dict[tuple[str, str], int]:
        areas: dict[int, list[int]] = defaultdict(list)
        for actor, area in Actor.areas.through.objects.filter(actor_id__in=self.ties.values("actor")).values_list(
                "actor_id", "area_id"):
            areas[actor].append(area)
        cells: dict[tuple[str, str], int] = defaultdict(int)
        for actor, office in self.pairs:
            for area in areas.get(actor, ()):
                cells[(str(office), str(area))] += 1
        return cells


def _cooperating_per_dimension(year: int) -> dict[tuple[str, str], int]:
    return _YearTies(year).per_dimension()


def _matrix(year: int, names, ties: _YearTies | None = None) -> dict:
    """Who cooperates with whom: distinct actors per office (rows) and area of the actor (columns)."""
    cells = (ties or _YearTies(year)).office_by_area()
    offices = [o for key, o in names[Dimension.OFFICE].items() if any(k[0] == key for k in cells)]
    areas = [a for key, a in names[Dimension.AREA].items() if any(k[1] == key for k in cells)]
    rows = [{"office": office, "cells": [cells.get((str(office.pk), str(area.pk)), 0) for area in areas]}
            for office in offices]
    return {"areas": areas, "rows": rows}


def _actor_table(year: int, names, *, office: str, area: str, page) -> dict:
    """Actors × offices for one office or one area, with the number of months each pair cooperated."""
    chosen_office = names[Dimension.OFFICE].get(office)
    chosen_area = names[Dimension.AREA].get(area)
    if chosen_office is None and chosen_area is None:
        return {"office": None, "area": None, "page": None}
    ties = Tie.objects.filter(_year_range(year))
    if chosen_office is not None:
        actors = Actor.objects.filter(pk__in=ties.filter(office=chosen_office).values("actor"))
    else:
        actors = Actor.objects.filter(areas=chosen_area, pk__in=ties.values("actor"))
    paginator = Paginator(actors.order_by("name", "pk").only("pk", "name", "slug"), TABLE_PAGE)
    shown = paginator.get_page(page)
    months: dict[int, dict[int, int]] = defaultdict(dict)
    for actor, office_id, n in (ties.filter(actor__in=[a.pk for a in shown])
                                .values_list("actor", "office").annotate(n=Count("month"))):
        months[actor][office_id] = n
    offices = [o for o in names[Dimension.OFFICE].values() if any(o.pk in by for by in months.values())]
    rows = [{"actor": actor, "cells": [months[actor.pk].get(o.pk, 0) for o in offices]} for actor in shown]
    return {"office": chosen_office, "area": chosen_area, "page": shown, "offices": offices, "rows": rows}


# ---------------------------------------------------------------- the map

MAP_WIDTH, MAP_HEIGHT, MAP_PAD = 600, 420, 80


def _map(year: int, names) -> dict:
    """Actors (in the register at the end of the year) and approved meeting places per part of
    the municipality, placed by the part's centre; circles sized by the number of actors."""
    last_month = Figure.objects.filter(_year_range(year), metric=Metric.ACTORS,
                                       dimension=Dimension.DISTRICT).aggregate(m=Max("month"))["m"]
    actors = dict(Figure.objects.filter(metric=Metric.ACTORS, dimension=Dimension.DISTRICT, month=last_month)
                  .values_list("key", "count")) if last_month else {}
    places = {str(k): n for k, n in MeetingPlace.objects.approved().filter(district__isnull=False)
              .values_list("district").annotate(n=Count("pk")).order_by()}
    parts = list(names[Dimension.DISTRICT].values())
    placed = [d for d in parts if d.latitude is not None and d.longitude is not None]
    points = []
    if placed:
        lats = [float(d.latitude) for d in placed]
        lons = [float(d.longitude) for d in placed]
        mid = math.cos(math.radians(sum(lats) / len(lats)))
        span_x = max((max(lons) - min(lons)) * mid, 1e-6)
        span_y = max(max(lats) - min(lats), 1e-6)
        scale = min((MAP_WIDTH - 2 * MAP_PAD) / span_x, (MAP_HEIGHT - 2 * MAP_PAD) / span_y)
        off_x = (MAP_WIDTH - span_x * scale) / 2
        off_y = (MAP_HEIGHT - span_y * scale) / 2
        top = max([actors.get(str(d.pk), 0) for d in placed] + [1])
        for d in placed:
            n = actors.get(str(d.pk), 0)
            radius = round(6 + 30 * math.sqrt(n / top), 1)
            y = round(off_y + (max(lats) - float(d.latitude)) * scale, 1)
            points.append({
                "district": d, "actors": n, "places": places.get(str(d.pk), 0),
                "x": round(off_x + (float(d.longitude) - min(lons)) * mid * scale, 1),
                "y": y, "r": radius, "label_y": round(y + radius + 20, 1),
            })
    rows = [{"district": d, "actors": actors.get(str(d.pk), 0), "places": places.get(str(d.pk), 0)} for d in parts]
    return {"points": points, "rows": rows, "width": MAP_WIDTH, "height": MAP_HEIGHT}
