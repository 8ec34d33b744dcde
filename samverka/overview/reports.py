"""A report's content: what the yearly cooperation report and the report per office say, and
the PDF and CSV made from it. Read-only; `services_reports.generate_report` calls these
functions one step at a time and keeps the progress on the row.

The figures are the overview's precomputed `Figure` rows of the year (the whole municipality
and its breakdowns for the yearly report, the office's own rows for an office's report); the
lists come from the apps' public records: partnerships, grants decided, standing groups and
action plans with their indicators."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.core import charts
from samverka.core.text import spreadsheet_safe
from samverka.grants.models import Decision
from samverka.municipality.models import Area, District, Municipality, Office, SdgGoal
from samverka.networks.models import Group
from samverka.partnerships.models import Partnership
from samverka.plans.models import ActionPlan, Goal, Indicator, IndicatorValue

from .models import Dimension, Figure, Metric, Report

# The steps of making a report, in order, with how far along each one starts (per cent).
STEPS = {
    "figures": (5, gettext_lazy("Reading the figures")),
    "lists": (25, gettext_lazy("Listing partnerships, grants, groups and action plans")),
    "charts": (45, gettext_lazy("Drawing the charts")),
    "pdf": (60, gettext_lazy("Writing the PDF")),
    "csv": (90, gettext_lazy("Writing the CSV file")),
}

# How a year's value is made of its months: most metrics are counted in the month (the year
# is their sum); the register is a stock (the year's last month), cooperating actors are
# distinct per month (the year shows the busiest month), feedback on time is a share.
END_OF_YEAR = {Metric.ACTORS}
BUSIEST_MONTH = {Metric.COOPERATING_ACTORS}
SHARES = {Metric.FEEDBACK_ON_TIME}

# The yearly report's breakdowns: (dimension, metric).
BREAKDOWNS = [
    (Dimension.OFFICE, Metric.COOPERATING_ACTORS),
    (Dimension.OFFICE, Metric.GRANTS_DECIDED),
    (Dimension.OFFICE, Metric.MATCHES),
    (Dimension.DISTRICT, Metric.VOLUNTEERS),
    (Dimension.DISTRICT, Metric.ACTIVITIES),
    (Dimension.AREA, Metric.ACTIVITIES),
    (Dimension.AREA, Metric.NEEDS_MET),
    (Dimension.GOAL, Metric.ACTIVITIES),
]


def step_label(key: str) -> str:
    return str(STEPS[key][1]) if key in STEPS else ""


def months_of(year: int) -> list[dt.date]:
    return [dt.date(year, month, 1) for month in range(1, 13)]


def title_of(report: Report) -> str:
    if report.kind == Report.Kind.YEARLY:
        return _("Cooperation report %(year)s") % {"year": report.year}
    return _("Cooperation report %(year)s: %(office)s") % {"year": report.year, "office": report.office.label}


def file_stem(report: Report) -> str:
    """The downloaded file's name, without its extension."""
    from django.utils.text import slugify

    if report.kind == Report.Kind.YEARLY:
        return f"samverkansrapport-{report.year}"
    return f"samverkansrapport-{report.year}-{slugify(report.office.name)}"


# ---------------------------------------------------------------- figures


def read_figures(report: Report) -> list[Figure]:
    """The figures the report rests on: the year's rows of its scope (one query)."""
    rows = Figure.objects.filter(month__year=report.year)
    if report.kind == Report.Kind.OFFICE:
        rows = rows.filter(dimension=Dimension.OFFICE, key=str(report.office_id))
    return list(rows.order_by("dimension", "key", "metric", "month"))


def _main_rows(report: Report, figures: list[Figure]) -> list[Figure]:
    """The rows of the whole scope: the municipality's, or the office's."""
    dimension = Dimension.TOTAL if report.kind == Report.Kind.YEARLY else Dimension.OFFICE
    return [f for f in figures if f.dimension == dimension]


@dataclass
class Total:
    metric: str
    label: str
    value: float | int | Decimal | None
    display: str
    how: str


def year_value(metric: str, rows: list[Figure]):
    """A metric's value for the year from its months (None when no month has a figure)."""
    if not rows:
        return None
    if metric in END_OF_YEAR:
        return max(rows, key=lambda f: f.month).count
    if metric in BUSIEST_MONTH:
        return max(f.count for f in rows)
    if metric in SHARES:
        out_of = sum(f.out_of or 0 for f in rows)
        return None if not out_of else round(Decimal(100 * sum(f.count for f in rows)) / out_of, 1)
    return sum(f.count for f in rows)


def _how(metric: str) -> str:
    if metric in END_OF_YEAR:
        return _("at the end of the year")
    if metric in BUSIEST_MONTH:
        return _("in the busiest month")
    if metric in SHARES:
        return _("per cent of the feedback given")
    return _("during the year")


def totals(report: Report, figures: list[Figure]) -> list[Total]:
    by_metric = defaultdict(list)
    for row in _main_rows(report, figures):
        by_metric[row.metric].append(row)
    found = []
    for metric in Metric:
        value = year_value(metric, by_metric.get(metric.value, []))
        if value is not None:
            found.append(Total(metric=metric.value, label=str(metric.label), value=value,
                               display=charts._number(value), how=_how(metric)))
    return found


def _labels(dimension: str, keys) -> dict[str, str]:
    """What each key of a dimension is called (one query per dimension)."""
    ids = [int(k) for k in keys if str(k).isdigit()]
    if dimension == Dimension.OFFICE:
        items = Office.objects.filter(pk__in=ids)
    elif dimension == Dimension.AREA:
        items = Area.objects.filter(pk__in=ids)
    elif dimension == Dimension.DISTRICT:
        items = District.objects.filter(pk__in=ids)
    elif dimension == Dimension.GOAL:
        return {str(goal.pk): str(goal) for goal in SdgGoal.objects.filter(pk__in=ids)}
    else:
        return {}
    return {str(item.pk): item.label for item in items}


# ---------------------------------------------------------------- charts


@dataclass
class Charts:
    lines: list = field(default_factory=list)
    bars: list = field(default_factory=list)


def draw_charts(report: Report, figures: list[Figure]) -> Charts:
    """A line by month for every metric of the scope that has figures; for the yearly report,
    bars by office, part of the municipality, area and goal."""
    drawn = Charts()
    by_metric = defaultdict(dict)
    for row in _main_rows(report, figures):
        by_metric[row.metric][row.month] = row
    for metric in Metric:
        rows = by_metric.get(metric.value)
        if not rows:
            continue
        if metric in SHARES:
            series = [(month, round(100 * rows[month].count / rows[month].out_of, 1)
                       if month in rows and rows[month].out_of else None) for month in months_of(report.year)]
            unit = _("per cent")
        else:
            series = [(month, rows[month].count if month in rows else None) for month in months_of(report.year)]
            unit = ""
        drawn.lines.append(charts.line(_("%(figure)s by month, %(year)s") % {"figure": metric.label,
                                                                                  "year": report.year},
                                       series, unit=unit, label=lambda when: date_format(when, "M"),
                                       chart_id=f"line-{metric.value}"))
    if report.kind != Report.Kind.YEARLY:
        return drawn
    grouped = defaultdict(lambda: defaultdict(list))
    for row in figures:
        if row.dimension:
            grouped[(row.dimension, row.metric)][row.key].append(row)
    for dimension, metric in BREAKDOWNS:
        keys = grouped.get((dimension, metric))
        if not keys:
            continue
        names = _labels(dimension, keys)
        items = sorted(((names.get(key, key), year_value(metric, rows)) for key, rows in keys.items()),
                       key=lambda item: (-(item[1] or 0), item[0]))
        title = _("%(figure)s by %(dimension)s, %(year)s") % {
            "figure": Metric(metric).label, "dimension": str(Dimension(dimension).label).lower(), "year": report.year}
        drawn.bars.append(charts.bars(title, items, chart_id=f"bars-{dimension}-{metric}"))
    return drawn


# ---------------------------------------------------------------- lists


def read_lists(report: Report) -> dict:
    """Partnerships under way in the year, grants decided (per programme), standing groups and
    action plans with their indicators: public records only, the office's own for its report."""
    year, office = report.year, report.office
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)

    partnerships = (Partnership.objects.public().filter(starts_on__lte=last)
                    .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first))
                    .select_related("office").annotate(parties_count=Count("parties")).order_by("title"))
    decisions = Decision.objects.filter(meeting_date__year=year)
    groups = (Group.objects.public().filter(created_at__date__lte=last).select_related("office", "actor")
              .order_by("name"))
    plans = ActionPlan.objects.filter(status__in=[ActionPlan.Status.PUBLISHED, ActionPlan.Status.ARCHIVED],
                                      first_year__lte=year, last_year__gte=year)
    if office is not None:
        partnerships = partnerships.filter(office=office)
        decisions = decisions.filter(application__programme__committee_id=office.committee_id)
        groups = groups.filter(office=office)
        plans = plans.filter(office=office)

    grants = list(decisions.values("application__programme__name", "application__programme__committee__name")
                  .annotate(decided=Count("pk"), granted=Count("pk", filter=Q(outcome=Decision.Outcome.GRANTED)),
                            amount=Sum("amount"))
                  .order_by("application__programme__committee__name", "application__programme__name"))
    values = IndicatorValue.objects.filter(measured_on__lte=last).order_by("measured_on", "created_at", "pk")
    plans = list(plans.select_related("office").prefetch_related(
        Prefetch("goals", queryset=Goal.objects.order_by("position", "pk")),
        Prefetch("goals__indicators", queryset=Indicator.objects.order_by("position", "pk")),
        Prefetch("goals__indicators__values", queryset=values, to_attr="values_until")).order_by("office__name",
                                                                                                  "title"))
    for plan in plans:
        for goal in plan.goals.all():
            for indicator in goal.indicators.all():
                _follow(indicator, year)
    return {"partnerships": list(partnerships), "grants": grants, "groups": list(groups), "plans": plans}


def _follow(indicator: Indicator, year: int) -> None:
    """The indicator's value at the end of the year (the latest measurement; of a date, the
    latest correction) and a line of the year's values against the target."""
    latest_of_day = {}
    for value in indicator.values_until:
        latest_of_day[value.measured_on] = value.value
    indicator.year_end = latest_of_day[max(latest_of_day)] if latest_of_day else None
    series = [(day, value) for day, value in sorted(latest_of_day.items()) if day.year == year]
    indicator.chart = None
    if series:
        indicator.chart = charts.line(
            _("%(indicator)s, %(year)s") % {"indicator": indicator.name, "year": year}, series,
            unit=indicator.get_unit_display(), target=indicator.target,
            label=lambda when: date_format(when, "j M"), chart_id=f"indicator-{indicator.pk}")


# ---------------------------------------------------------------- files


# The charts' colours for the PDF. WeasyPrint styles an inline SVG only from a <style> inside
# it (not from the page's stylesheet), so each chart gets this one.
SVG_STYLE = (
    "<style>.chart__track{fill:#e6e9ec}.chart__bar{fill:#1d4f73}.chart__label{font-size:12px;fill:#111}"
    ".chart__line{fill:none;stroke:#1d4f73;stroke-width:3}.chart__point{fill:#1d4f73}"
    ".chart__grid{stroke:#c8c8c8;stroke-width:1}.chart__target{stroke:#a34a00;stroke-width:2;stroke-dasharray:8 6}"
    ".chart__tick{font-size:14px;fill:#333}</style>")
SVG_START = re.compile(r"(<svg\b[^>]*>)")


def render_pdf(report: Report, figures: list[Figure], lists: dict, drawn: Charts) -> bytes:
    """The report as a tagged PDF (PDF/UA-1: a structure tree, the language, the title)."""
    from weasyprint import HTML

    html = render_to_string("overview/report_pdf.html", {
        "report": report, "title": title_of(report), "municipality": Municipality.current(),
        "totals": totals(report, figures), "charts": drawn, **lists,
        "made": timezone.localdate(), "LANGUAGE_CODE": translation.get_language()})
    html = SVG_START.sub(lambda match: match.group(1) + SVG_STYLE, html)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def render_csv(report: Report, figures: list[Figure]) -> bytes:
    """The same figures, one row per month, figure and breakdown: UTF-8 with a byte-order mark
    (so a spreadsheet reads å, ä and ö), comma-separated as the platform's other downloads."""
    names = {dimension: _labels(dimension, {f.key for f in figures if f.dimension == dimension})
             for dimension in {f.dimension for f in figures if f.dimension}}
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([_("Month"), _("Figure"), _("Breakdown"), _("Which"), _("Number"), _("Out of")])
    for row in figures:
        which = names[row.dimension].get(row.key, row.key) if row.dimension else ""
        writer.writerow([spreadsheet_safe(str(value)) for value in (
            row.month.strftime("%Y-%m"), Metric(row.metric).label, Dimension(row.dimension).label, which,
            row.count, "" if row.out_of is None else row.out_of)])
    return out.getvalue().encode("utf-8")
