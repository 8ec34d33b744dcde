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

from .models import CooperatingSoFar, Dimension, Figure, Metric, Tie

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
    # months are not a sum of months: they come from the running counts written with the figures.
    until = today.month if year == today.year else 12
    so_far = _SoFar()
    compared = {year - 1: so_far.total(year - 1, until), year: so_far.total(year, until)}

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
    if metric == Metric.COOPERATING_ACTORS:
        by_year_values = [(y, so_far.total(y, 12)) for y, _n in by_year_values]
    by_year = charts.bars(_("%(metric)s by year") % {"metric": metric_label}, by_year_values, unit=unit,
                          chart_id="chart-by-year")

    # Bars by office, area, part of the municipality and goal for the year.
    per_key: dict[tuple[str, str], dict[dt.date, int]] = defaultdict(dict)
    for dimension, key, month, count in (Figure.objects.filter(_year_range(year), metric=metric)
                                         .exclude(dimension=Dimension.TOTAL)
                                         .values_list("dimension", "key", "month", "count")):
        per_key[(dimension, key)][month] = count
    yearly = {dim_key: _year_value(metric, values, year) for dim_key, values in per_key.items()}
    per_dimension = so_far.per_dimension(year, until)
    if metric == Metric.COOPERATING_ACTORS:
        yearly = {dim_key: n for dim_key, n in per_dimension.items() if dim_key[0] != Dimension.MATRIX}
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
        "matrix": _matrix(names, per_dimension), "table": _actor_table(year, names, office=office, area=area, page=page),
        "map": _map(year, names),
    }


class _SoFar:
    """The running counts of distinct cooperating actors (`CooperatingSoFar`): a year's count up
    to a month is the row of that month, or of the latest month before it that was computed."""

    def __init__(self):
        self.totals = dict(CooperatingSoFar.objects.filter(dimension=Dimension.TOTAL).values_list("month", "count"))

    def month(self, year: int, until: int) -> dt.date | None:
        return max((m for m in self.totals if m.year == year and m.month <= until), default=None)

    def total(self, year: int, until: int) -> int:
        month = self.month(year, until)
        return self.totals[month] if month else 0

    def per_dimension(self, year: int, until: int) -> dict[tuple[str, str], int]:
        """Per office, area, part, goal and office × area (`Dimension.MATRIX`, key "office:area")."""
        month = self.month(year, until)
        if month is None:
            return {}
        return {(dimension, key): n for dimension, key, n in CooperatingSoFar.objects.filter(month=month)
                .exclude(dimension=Dimension.TOTAL).values_list("dimension", "key", "count")}


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



def _matrix(names, per_dimension: dict[tuple[str, str], int]) -> dict:
    """Who cooperates with whom: distinct actors per office (rows) and area of the actor (columns)."""
    cells = {tuple(key.split(":")): n for (dimension, key), n in per_dimension.items()
             if dimension == Dimension.MATRIX}
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


LABEL_SIZE, LABEL_LINE = 20, 22  # the label's font size and line height, in the map's units (CSS matches)


def _label_box(x: float, y: float, anchor: str, width: float) -> tuple[float, float, float, float]:
    """The box (left, top, right, bottom) of a two-line label whose first baseline is at y."""
    left = {"middle": x - width / 2, "start": x, "end": x - width}[anchor]
    return left, y - LABEL_SIZE, left + width, y + LABEL_LINE + 4


def _overlap(a, b) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def place_labels(points: list[dict], width: int = MAP_WIDTH, height: int = MAP_HEIGHT) -> None:
    """Put each point's two-line label (name, then numbers) where it covers no other label and no
    circle and stays inside the map: next to its circle (below, above, right, left, then the
    corners), else a little further away with a leader line to the circle; where nothing is
    free, the place that covers least. Sets `label_x`, `label_y`, `anchor` and, for a label
    away from its circle, `leader` (x1, y1, x2, y2) on each point. The width of a name is
    estimated from its length."""
    circles = [(p["x"] - p["r"], p["y"] - p["r"], p["x"] + p["r"], p["y"] + p["r"]) for p in points]
    taken: list[tuple] = []
    for index, point in sorted(enumerate(points), key=lambda item: (item[1]["y"], item[1]["x"])):
        x, y, r = point["x"], point["y"], point["r"]
        text = max(len(str(point["district"].label)), len(f"{point['actors']} · {point['places']}"))
        box_width = 0.6 * LABEL_SIZE * text
        below, above = LABEL_SIZE, -LABEL_LINE - 4  # first baseline under, or the block over, a point
        best, best_cost = None, None
        for gap, penalty in ((4, 0), (28, 400), (56, 1200)):
            side = r * 0.7 + gap
            for lx, ly, anchor in ((x, y + r + gap + below, "middle"), (x, y - r - gap + above, "middle"),
                                   (x + r + gap, y + 6, "start"), (x - r - gap, y + 6, "end"),
                                   (x + side, y + side + below, "start"), (x - side, y + side + below, "end"),
                                   (x + side, y - side + above, "start"), (x - side, y - side + above, "end")):
                box = _label_box(lx, ly, anchor, box_width)
                outside = (max(0.0, -box[0]) + max(0.0, box[2] - width) + max(0.0, -box[1])
                           + max(0.0, box[3] - height))
                cost = (sum(_overlap(box, other) for other in taken)
                        + sum(_overlap(box, circle) for n, circle in enumerate(circles) if n != index)
                        + outside * 100 + penalty)
                if best_cost is None or cost < best_cost:
                    best, best_cost = (lx, ly, anchor, gap, box), cost
        lx, ly, anchor, gap, box = best
        point["label_x"], point["label_y"], point["anchor"] = round(lx, 1), round(ly, 1), anchor
        point["leader"] = None
        if gap > 4:  # from the circle's edge towards the nearest point of the label's box
            tx, ty = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
            distance = math.hypot(tx - x, ty - y) or 1.0
            point["leader"] = (round(x + (tx - x) * r / distance, 1), round(y + (ty - y) * r / distance, 1),
                               round(tx, 1), round(ty, 1))
        taken.append(box)


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
                "y": y, "r": radius,
            })
        place_labels(points)
    rows = [{"district": d, "actors": actors.get(str(d.pk), 0), "places": places.get(str(d.pk), 0)} for d in parts]
    return {"points": points, "rows": rows, "width": MAP_WIDTH, "height": MAP_HEIGHT}
