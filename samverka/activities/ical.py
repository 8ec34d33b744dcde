"""iCalendar feeds (RFC 5545): one VEVENT per activity, with its RRULE and EXDATEs, times
in Europe/Stockholm with a VTIMEZONE, so a calendar client shows 18.00 as 18.00 all year."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from . import recurrence
from .models import Activity
from .recurrence import TZ, local

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _vtimezone() -> Timezone:
    """Europe/Stockholm as the EU rule (the last Sundays of March and October)."""
    zone = Timezone()
    zone.add("tzid", "Europe/Stockholm")
    zone.add("x-lic-location", "Europe/Stockholm")
    summer = TimezoneDaylight()
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("tzname", "CEST")
    summer.add("dtstart", datetime(1970, 3, 29, 2, 0))
    summer.add("rrule", vRecur({"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "-1SU"}))
    winter = TimezoneStandard()
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("tzname", "CET")
    winter.add("dtstart", datetime(1970, 10, 25, 3, 0))
    winter.add("rrule", vRecur({"FREQ": "YEARLY", "BYMONTH": 10, "BYDAY": "-1SU"}))
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def uid(activity: Activity) -> str:
    """Stable for the activity's whole life: a client updates the event, never doubles it."""
    return f"activity-{activity.pk}@{urlsplit(settings.SITE_URL).hostname or 'samverka'}"


def event(activity: Activity) -> Event:
    item = _event(activity, activity.start.astimezone(TZ), activity.end.astimezone(TZ))
    if activity.rrule:
        item.add("rrule", vRecur.from_ical(activity.rrule))
        if activity.exdates:
            at = local(activity.start).time()
            item.add("exdate", [datetime.combine(datetime.fromisoformat(d).date(), at, tzinfo=TZ)
                                for d in activity.exdates])
    return item


def events(activity: Activity) -> list[Event]:
    """The activity's event and, for each of its moved dates, an event that overrides
    that one date (same UID, RECURRENCE-ID = the date's time under the rule)."""
    found = [event(activity)]
    if not activity.rrule or not activity.moved:
        return found
    rule_starts = {s.day: s.start for s in recurrence.expand(start=activity.start, end=activity.end,
                                                             rule=activity.rrule)}
    for day, times in sorted(activity.moved.items()):
        new = recurrence.moved_times(times)
        original = rule_starts.get(date.fromisoformat(day))
        if new is None or original is None or day in activity.exdates:
            continue
        item = _event(activity, *new)
        item.add("recurrence-id", original.astimezone(TZ))
        found.append(item)
    return found


def _event(activity: Activity, start: datetime, end: datetime) -> Event:
    url = settings.SITE_URL + activity.get_absolute_url()
    item = Event()
    item.add("uid", uid(activity))
    item.add("dtstamp", activity.updated_at.astimezone(UTC))
    item.add("created", activity.created_at.astimezone(UTC))
    item.add("last-modified", activity.updated_at.astimezone(UTC))
    item.add("dtstart", start)
    item.add("dtend", end)
    item.add("summary", activity.title)
    description = [activity.summary]
    if activity.description:
        description.append(activity.description)
    description.append(f"{activity.organiser_name}")
    if activity.cost and not activity.is_free:
        description.append(activity.cost)
    description.append(url)
    item.add("description", "\n\n".join(description))
    if activity.location_text:
        item.add("location", activity.location_text)
    item.add("url", url)
    item.add("status", "CANCELLED" if activity.status == Activity.Status.CANCELLED else "CONFIRMED")
    item.add("transp", "OPAQUE")
    categories = [area.label for area in activity.areas.all()]
    if categories:
        item.add("categories", categories)
    return item


def calendar(activities: Iterable[Activity], *, name: str) -> bytes:
    feed = Calendar()
    feed.add("prodid", "-//Samverka//Aktiviteter//SV")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", "Europe/Stockholm")
    feed.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    feed.add("x-published-ttl", "PT6H")
    feed.add_component(_vtimezone())
    for activity in activities:
        for item in events(activity):
            feed.add_component(item)
    return feed.to_ical()
