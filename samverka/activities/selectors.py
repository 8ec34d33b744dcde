"""Reads that pages share: the calendar's days and weeks, an actor's and a place's coming
activities, the featured activities. Each costs a fixed number of queries, however much
the calendar holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from samverka.municipality.models import TargetGroup

from . import recurrence
from .filters import NEWCOMERS
from .models import Activity, Feature, MeetingPlace, Occurrence, Registration

WEEK_PER_DAY = 10
MONTH_PER_DAY = 4


@dataclass
class Day:
    date: date
    items: list[Occurrence] = field(default_factory=list)
    count: int = 0
    in_period: bool = True

    @property
    def more(self) -> int:
        return self.count - len(self.items)

    @property
    def is_today(self) -> bool:
        return self.date == timezone.localdate()


def days(occurrences, first: date, last: date, *, per_day: int, in_period=None) -> list[Day]:
    """Every date from first to last with its first `per_day` occurrences and the
    number of all of them: two queries, whatever the number of activities."""
    window = occurrences.filter(day__gte=first, day__lte=last)
    counts = dict(window.order_by().values_list("day").annotate(n=Count("pk")))
    # Rank narrow rows first (no joined columns), then fetch the few that are shown.
    first_ids = window.annotate(
        rank=Window(RowNumber(), partition_by=[F("day")], order_by=[F("start").asc(), F("pk").asc()]),
    ).filter(rank__lte=per_day).values_list("pk", flat=True)
    result = {first + timedelta(days=n): None for n in range((last - first).days + 1)}
    for value in result:
        result[value] = Day(date=value, count=counts.get(value, 0),
                            in_period=in_period(value) if in_period else True)
    if counts:
        for occurrence in Occurrence.objects.filter(pk__in=list(first_ids)).for_list():
            result[occurrence.day].items.append(occurrence)
    return list(result.values())


def week(occurrences, anchor: date) -> tuple[date, list[Day]]:
    monday = anchor - timedelta(days=anchor.weekday())
    return monday, days(occurrences, monday, monday + timedelta(days=6), per_day=WEEK_PER_DAY)


def month(occurrences, anchor: date) -> tuple[date, list[list[Day]]]:
    """The month of `anchor` as weeks from Monday to Sunday (with the neighbouring
    months' days at the edges, marked as outside the period)."""
    first = anchor.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    start = first - timedelta(days=first.weekday())
    end = last + timedelta(days=6 - last.weekday())
    all_days = days(occurrences, start, end, per_day=MONTH_PER_DAY, in_period=lambda d: d.month == first.month)
    return first, [all_days[n:n + 7] for n in range(0, len(all_days), 7)]


def _next_start(now):
    return Subquery(
        Occurrence.objects.filter(activity=OuterRef("pk"), end__gt=now, cancelled=False)
        .order_by("start").values("start")[:1]
    )


def upcoming(activities, *, limit: int, now=None) -> list[Activity]:
    """Published activities that still have a date ahead, soonest first; each carries
    `next_start`. Only what their card shows (activities/_activity_card.html) is read."""
    now = now or timezone.now()
    # Those without a date ahead sort last and are dropped here: the date's subquery is
    # written (and compiled) once, not again in the WHERE clause.
    rows = (activities.filter(status=Activity.Status.PUBLISHED).annotate(next_start=_next_start(now))
            .select_related("place").only("slug", "title", "summary", "rrule", "address", "place__name")
            .order_by(F("next_start").asc(nulls_last=True), "pk")[:limit])
    return [activity for activity in rows if activity.next_start is not None]


def upcoming_for_actor(actor, limit: int = 5) -> list[Activity]:
    """An actor's coming activities, for its page (`activities/_upcoming_for_actor.html`)."""
    return upcoming(Activity.objects.filter(actor=actor), limit=limit)


def upcoming_at_place(place, limit: int = 20) -> list[Activity]:
    return upcoming(Activity.objects.filter(place=place), limit=limit)


def featured_now(limit: int = 3, today: date | None = None) -> list[Activity]:
    """What the municipality lifts onto the home page today (`activities/_featured.html`)."""
    featured = Feature.objects.current(today).values("activity_id")
    return upcoming(Activity.objects.filter(pk__in=featured), limit=limit)


def upcoming_occurrences(activity: Activity, *, limit: int = 12, now=None) -> tuple[list[Occurrence], int]:
    """The activity's coming dates with the number of places taken, and how many there
    are in all."""
    now = now or timezone.now()
    coming = activity.occurrences.filter(end__gt=now)
    items = list(coming.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)),
    ).order_by("start")[:limit])
    moved = moved_from(activity)
    for item in items:
        item.activity = activity
        item.places_left = None if activity.capacity is None else max(activity.capacity - item.confirmed, 0)
        item.moved_from = moved.get(item.start)
    total = len(items) if len(items) < limit else coming.count()
    return items, total


def moved_from(activity: Activity) -> dict:
    """{start of a moved date: the rule's date it was moved from}."""
    found = {}
    for day, times in activity.moved.items():
        new = recurrence.moved_times(times)
        if new:
            found[new[0]] = date.fromisoformat(day)
    return found


def closed_reason(activity: Activity, occurrence: Occurrence, now=None) -> str:
    """Why one cannot register for this occasion now ('' when one can). The service
    checks the same again under the lock."""
    from django.utils.translation import gettext as _

    from .services import _format_when

    now = now or timezone.now()
    if activity.status == Activity.Status.CANCELLED or occurrence.cancelled:
        return _("This occasion is cancelled. You cannot register for it.")
    if activity.status != Activity.Status.PUBLISHED:
        return _("The activity is not published yet, so you cannot register.")
    if not activity.takes_registrations:
        return _("You do not need to register for this activity. Just come!")
    if occurrence.start <= now:
        return _("This occasion has already started. You can no longer register.")
    if activity.registration_deadline and activity.registration_deadline <= now:
        return _("The last day to register was %(date)s. You can no longer register.") % {
            "date": _format_when(activity.registration_deadline)}
    return ""


def my_registrations(*, user, limit: int = 100):
    """The person's registrations for dates still ahead, soonest first."""
    return (Registration.objects.active().filter(user=user, occurrence__end__gt=timezone.now())
            .select_related("occurrence__activity__place").order_by("occurrence__start")[:limit])


def current_features(*, activity: Activity) -> list[Feature]:
    """The activity's features that have not ended."""
    return list(activity.features.filter(ends_on__gte=timezone.localdate()))


def active_registration_count(*, occurrence: Occurrence) -> int:
    return occurrence.registrations.active().count()


def places_left(*, activity: Activity, occurrence: Occurrence) -> int | None:
    """Places still free on the date (None when the activity has no limit)."""
    confirmed = occurrence.registrations.filter(status=Registration.Status.CONFIRMED).count()
    return None if activity.capacity is None else max(activity.capacity - confirmed, 0)


def participant_dates(*, activity: Activity, limit: int = 60) -> list[Occurrence]:
    """The activity's dates from 30 days back, for the participant list."""
    return list(activity.occurrences.filter(end__gt=timezone.now() - timedelta(days=30)).order_by("start")[:limit])


def participants(*, occurrence: Occurrence) -> list[Registration]:
    """Everyone with a place or on the waiting list for the date, confirmed first, in order
    (not those still waiting to confirm by the link in their message)."""
    return list(occurrence.registrations.active().order_by("status", "position"))


def feed_activities(*, past: timedelta):
    """Public activities with a date that ended less than `past` ago or is still ahead, for
    the feeds and open data."""
    # EXISTS walks the activities in order and stops at the limit (an IN list of every
    # recent occurrence's activity would read the whole occurrence table first).
    recent = Occurrence.objects.filter(activity=OuterRef("pk"), end__gt=timezone.now() - past)
    return (Activity.objects.public().filter(Exists(recent))
            .select_related("actor", "office", "place", "district").order_by("start", "pk"))


def place_proposals(*, user) -> list[MeetingPlace]:
    """Proposed meeting places to review for a reviewer; for others, their own proposals
    that are not approved yet."""
    if user.has_perm("activities.review_meetingplace"):
        return list(MeetingPlace.objects.filter(status=MeetingPlace.Status.PROPOSED).order_by("created_at")[:50])
    if user.is_authenticated:
        return list(MeetingPlace.objects.filter(proposed_by=user)
                    .exclude(status=MeetingPlace.Status.APPROVED).order_by("-created_at")[:20])
    return []


def has_newcomers_group() -> bool:
    """Whether the municipality has the target group for newcomers (the calendar offers it)."""
    return TargetGroup.objects.filter(slug=NEWCOMERS).exists()
