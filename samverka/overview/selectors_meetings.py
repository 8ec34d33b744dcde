"""The overview's headline figures for one meeting of a standing group: the months since the
group's previous meeting, against the same months a year earlier. Read from the precomputed
`Figure` rows and, for the distinct cooperating actors, from the ties of those months (the
(month, actor) index): a fixed number of queries whatever the data."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samverka.networks.models import Meeting

from .models import Dimension, Figure, Metric, Tie

STOCK = {Metric.ACTORS}  # a number at the end of a month, not a sum over months


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _year_before(month: dt.date) -> dt.date:
    return month.replace(year=month.year - 1)


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The group's latest meeting before this one that was held (not cancelled)."""
    return (Meeting.objects.filter(group_id=meeting.group_id, start__lt=meeting.start, cancelled_at__isnull=True)
            .exclude(pk=meeting.pk).order_by("-start", "-pk").only("pk", "title", "start", "group_id").first())


def meeting_figures(meeting: Meeting, *, today: dt.date | None = None) -> dict:
    """From the month of the previous meeting (or January, without one) to the month of this
    meeting, or to this month when the meeting is still to come."""
    today = today or timezone.localdate()
    previous = previous_meeting(meeting)
    last = _month(min(timezone.localtime(meeting.start).date(), today))
    first = _month(timezone.localtime(previous.start).date()) if previous else last.replace(month=1)
    first = min(first, last)
    months = _months(first, last)
    earlier = [_year_before(m) for m in months]
    now_months, before_months = set(months), set(earlier)

    sums: dict[tuple[str, str], int] = {}
    stock: dict[tuple[str, str], int] = {}
    given: dict[str, int] = {}
    for metric, month, count, out_of in (Figure.objects.filter(dimension=Dimension.TOTAL, month__gte=earlier[0],
                                                               month__lte=last)
                                         .values_list("metric", "month", "count", "out_of")):
        period = "now" if month in now_months else "before" if month in before_months else None
        if period is None:
            continue
        sums[(metric, period)] = sums.get((metric, period), 0) + count
        if month in (last, _year_before(last)):
            stock[(metric, period)] = count
        if metric == Metric.FEEDBACK_ON_TIME:
            given[period] = given.get(period, 0) + (out_of or 0)
    cooperating = {
        "now": Tie.objects.filter(month__gte=first, month__lte=last).values("actor").distinct().count(),
        "before": Tie.objects.filter(month__gte=earlier[0], month__lte=earlier[-1]).values("actor").distinct().count(),
    }

    headline = []
    for metric in Metric:
        if metric == Metric.COOPERATING_ACTORS:
            now, before = cooperating["now"], cooperating["before"]
        elif metric in STOCK:
            now, before = stock.get((metric, "now"), 0), stock.get((metric, "before"), 0)
        else:
            now, before = sums.get((metric, "now"), 0), sums.get((metric, "before"), 0)
        share = None
        if metric == Metric.FEEDBACK_ON_TIME and given.get("now"):
            share = round(100 * now / given["now"])
        headline.append({"metric": metric.value, "label": metric.label, "now": now, "before": before,
                         "change": now - before, "share": share})
    return {"previous": previous, "first": first, "last": last, "headline": headline,
            "to_come": timezone.localtime(meeting.start).date() > today}
