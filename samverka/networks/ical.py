"""A group's meetings as an iCalendar feed (RFC 5545): one VEVENT per meeting, times in UTC,
a UID stable for the meeting's life so a calendar client updates rather than doubles it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event

from .models import Meeting

CONTENT_TYPE = "text/calendar; charset=utf-8"


def uid(meeting: Meeting) -> str:
    return f"group-meeting-{meeting.pk}@{urlsplit(settings.SITE_URL).hostname or 'samverka'}"


def calendar(meetings: Iterable[Meeting], *, name: str) -> bytes:
    feed = Calendar()
    feed.add("prodid", "-//Samverka//Grupper//SV")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    feed.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for meeting in meetings:
        item = Event()
        item.add("uid", uid(meeting))
        item.add("dtstamp", meeting.created_at.astimezone(UTC))
        item.add("dtstart", meeting.start.astimezone(UTC))
        item.add("dtend", meeting.end.astimezone(UTC))
        item.add("summary", meeting.title)
        item.add("location", meeting.place)
        item.add("url", settings.SITE_URL + meeting.get_absolute_url())
        if meeting.cancelled_at:
            item.add("status", "CANCELLED")  # the client takes it out of the calendar
        feed.add_component(item)
    return feed.to_ical()
