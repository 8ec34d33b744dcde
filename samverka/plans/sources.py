"""Computed indicators: one function per `Indicator.Source`, each giving the value at a date
from the platform's own data, or None when there is no data of that kind yet (the page then
says "no data yet", never a false 0).

Where it applies, a source counts only the goal's area (`goal.area`), the indicator's part of
the municipality (`indicator.district`) and the plan's office. What is counted:

- a *stock* (volunteers registered, partnerships under way) is counted as it stands at the date;
- a *flow* (matches made, needs met, ideas coached, activities held) is counted over the twelve
  months up to and including the date, so a monthly series shows the trend without a jump at
  New Year;
- a *share* (feedback given on time, grants followed up) is a per cent of what fell due in the
  twelve months up to the date; with nothing due it is None.

The daily task (`tasks.compute_indicators`, command `compute_indicators`) writes each computed
indicator's value for the day once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q

from .models import Indicator

Source = Indicator.Source
Unit = Indicator.Unit
YEAR = timedelta(days=365)


def _window(day: date) -> date:
    """The first day of the twelve months that end with `day`."""
    return day - YEAR + timedelta(days=1)


def _count(value: int) -> Decimal:
    return Decimal(value)


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _scope(indicator: Indicator):
    goal = indicator.goal
    return goal.area_id, indicator.district_id, goal.plan.office_id


def volunteers(indicator: Indicator, day: date) -> Decimal | None:
    """Active volunteers whose registration was confirmed by the date (in the area and part)."""
    from samverka.volunteers.models import Volunteer

    area, district, _office = _scope(indicator)
    registered = Volunteer.objects.available().filter(confirmed_at__date__lte=day)
    if not registered.exists():
        return None
    if area:
        registered = registered.filter(areas=area)
    if district:
        registered = registered.filter(districts=district)
    return _count(registered.values("pk").distinct().count())


def matches(indicator: Indicator, day: date) -> Decimal | None:
    """Matches made (confirmed by both, now active or since ended) in the office's matching
    programmes in the twelve months up to the date; None when the office has no programme."""
    from samverka.matching.models import Match, Programme

    area, district, office = _scope(indicator)
    if not Programme.objects.filter(office=office, created_at__date__lte=day).exists():
        return None
    made = Match.objects.filter(programme__office=office, status__in=[Match.Status.ACTIVE, Match.Status.ENDED],
                                created_at__date__gte=_window(day), created_at__date__lte=day)
    if district:
        made = made.filter(request__district=district)
    return _count(made.count())


def feedback_on_time(indicator: Indicator, day: date) -> Decimal | None:
    """Of the office's feedback items due in the twelve months up to the date, the per cent
    given by their deadline."""
    from samverka.dialogue.models import FeedbackItem

    _area, _district, office = _scope(indicator)
    due = FeedbackItem.objects.filter(office=office, deadline__gte=_window(day), deadline__lte=day)
    on_time = due.filter(status=FeedbackItem.Status.GIVEN, given_at__date__lte=day).filter(
        given_at__date__lte=F("deadline"))
    return _share(on_time.count(), due.count())


def grants_followed_up(indicator: Indicator, day: date) -> Decimal | None:
    """Of the grants given (decided "granted") whose follow-up report fell due in the twelve
    months up to the date, the per cent whose report came in by the date. Grants of the
    office's committee when the office has one."""
    from samverka.grants.models import Decision, FollowUpReport
    from samverka.municipality.models import Office

    _area, _district, office = _scope(indicator)
    due = FollowUpReport.objects.filter(application__decision__outcome=Decision.Outcome.GRANTED,
                                        due_on__gte=_window(day), due_on__lte=day)
    committee = Office.objects.filter(pk=office).values_list("committee_id", flat=True).first()
    if committee:
        due = due.filter(application__programme__committee=committee)
    return _share(due.filter(submitted_at__date__lte=day).count(), due.count())


def needs_met(indicator: Indicator, day: date) -> Decimal | None:
    """Needs closed with an outcome written ("what came of it") in the twelve months up to the
    date, in the area and part."""
    from samverka.needs.models import Need

    area, district, _office = _scope(indicator)
    if not Need.objects.filter(created_at__date__lte=day).exists():
        return None
    met = Need.objects.filter(status=Need.Status.CLOSED, closed_at__date__gte=_window(day),
                              closed_at__date__lte=day).exclude(outcome="")
    if area:
        met = met.filter(areas=area)
    if district:
        met = met.filter(district=district)
    return _count(met.values("pk").distinct().count())


def ideas_coached(indicator: Indicator, day: date) -> Decimal | None:
    """Ideas a coach of the idea lab took on in the twelve months up to the date, in the area."""
    from samverka.ideas.models import Idea

    area, _district, _office = _scope(indicator)
    if not Idea.objects.filter(created_at__date__lte=day).exists():
        return None
    coached = Idea.objects.filter(taken_at__date__gte=_window(day), taken_at__date__lte=day)
    if area:
        coached = coached.filter(areas=area)
    return _count(coached.values("pk").distinct().count())


def partnerships(indicator: Indicator, day: date) -> Decimal | None:
    """The office's partnerships under way at the date (active or since ended, inside their
    period), in the area and part."""
    from samverka.partnerships.models import Partnership

    area, district, office = _scope(indicator)
    kept = Partnership.objects.exclude(status=Partnership.Status.DRAFT).filter(office=office)
    if not kept.filter(starts_on__lte=day).exists():
        return None
    running = kept.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)
    if area:
        running = running.filter(areas=area)
    if district:
        running = running.filter(districts=district)
    return _count(running.values("pk").distinct().count())


def activities(indicator: Indicator, day: date) -> Decimal | None:
    """Dates of published activities held (not cancelled) in the twelve months up to the date,
    in the area and part."""
    from samverka.activities.models import Activity, Occurrence

    area, district, _office = _scope(indicator)
    if not Occurrence.objects.filter(day__lte=day).exists():
        return None
    held = Occurrence.objects.filter(activity__status=Activity.Status.PUBLISHED, cancelled=False,
                                     day__gte=_window(day), day__lte=day)
    if area:
        held = held.filter(activity__areas=area)
    if district:
        held = held.filter(activity__district=district)
    return _count(held.values("pk").distinct().count())


SOURCES: dict[str, Callable[[Indicator, date], Decimal | None]] = {
    Source.VOLUNTEERS: volunteers,
    Source.MATCHES: matches,
    Source.FEEDBACK_ON_TIME: feedback_on_time,
    Source.GRANTS_FOLLOWED_UP: grants_followed_up,
    Source.NEEDS_MET: needs_met,
    Source.IDEAS_COACHED: ideas_coached,
    Source.PARTNERSHIPS: partnerships,
    Source.ACTIVITIES: activities,
}

# The unit each computed source counts in (the indicator form sets it).
UNITS: dict[str, str] = {
    Source.VOLUNTEERS: Unit.PEOPLE,
    Source.MATCHES: Unit.COUNT,
    Source.FEEDBACK_ON_TIME: Unit.PERCENT,
    Source.GRANTS_FOLLOWED_UP: Unit.PERCENT,
    Source.NEEDS_MET: Unit.COUNT,
    Source.IDEAS_COACHED: Unit.COUNT,
    Source.PARTNERSHIPS: Unit.COUNT,
    Source.ACTIVITIES: Unit.COUNT,
}


def compute(indicator: Indicator, day: date) -> Decimal | None:
    """The value of a computed indicator at `day` (None for a hand-entered one or no data)."""
    function = SOURCES.get(indicator.source)
    return function(indicator, day) if function else None
