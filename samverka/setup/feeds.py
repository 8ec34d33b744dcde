"""Activities from an iCalendar feed (an association's Google or Outlook calendar, a booking
system). A sync fetches and reads the whole feed first; only a feed that could be read changes
anything, and then in one transaction: an event seen before (its UID) updates its activity, a new
one adds an activity, an event that left the feed cancels its activity (its registrations are
kept and told). A feed that is down or returns something else than a calendar changes nothing;
the feed's page says what went wrong."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import requests
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar

from samverka.activities import services as activity_services
from samverka.activities.models import Activity
from samverka.activities.recurrence import TZ, RecurrenceError, normalise
from samverka.core import audit
from samverka.core.errors import ActionError

from .models import CalendarFeed, FeedEvent

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
TIMEOUT = 20  # seconds


class FeedError(Exception):
    """The feed could not be fetched or read; the message says why, for the administrator."""


@dataclass
class FeedItem:
    uid: str
    data: dict[str, Any]
    cancelled: bool

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps([self.data, self.cancelled], default=str, sort_keys=True).encode()).hexdigest()


def fetch(url: str) -> bytes:
    """The feed's bytes. Raises FeedError."""
    try:
        with requests.get(url, timeout=TIMEOUT, stream=True, headers={"Accept": "text/calendar"}) as response:
            if response.status_code != 200:
                raise FeedError(_("The calendar address answered with error %(code)s.")
                                % {"code": response.status_code})
            body = b""
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > MAX_BYTES:
                    raise FeedError(_("The calendar is larger than 10 MB."))
            return body
    except requests.RequestException as error:
        raise FeedError(_("The calendar address could not be reached (%(reason)s).")
                        % {"reason": type(error).__name__}) from error


def _aware(value, *, end: bool = False) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=TZ) if value.tzinfo is None else value
    if isinstance(value, date):  # an all-day event: from midnight to midnight, Stockholm time
        return datetime.combine(value, time(0), tzinfo=TZ)
    raise ValueError(value)


def parse(body: bytes) -> list[FeedItem]:
    """Every event of the feed as an activity's fields. Raises FeedError."""
    if b"BEGIN:VCALENDAR" not in body[:2048].upper():
        raise FeedError(_("The address does not return a calendar (iCalendar) but something else."))
    try:
        calendar = Calendar.from_ical(body)
    except (ValueError, IndexError, KeyError) as error:
        raise FeedError(_("The calendar could not be read: %(reason)s") % {"reason": str(error)[:200]}) from error
    items: dict[str, FeedItem] = {}
    for event in calendar.walk("VEVENT"):
        if event.get("recurrence-id") is not None:
            continue  # a moved date of a series; the series itself is what is synced
        uid = str(event.get("uid") or "").strip()
        if not uid:
            raise FeedError(_("An event in the calendar has no UID, so it could not be followed between syncs."))
        try:
            start = _aware(event.decoded("dtstart"))
            if event.get("dtend") is not None:
                end = _aware(event.decoded("dtend"))
            elif event.get("duration") is not None:
                end = start + event.decoded("duration")
            else:
                end = start + (timedelta(days=1) if not isinstance(event.decoded("dtstart"), datetime)
                               else timedelta(hours=1))
        except (KeyError, ValueError, TypeError) as error:
            raise FeedError(_("The event %(uid)s has no usable start or end.") % {"uid": uid}) from error
        if end <= start:
            end = start + timedelta(hours=1)
        rrule = ""
        if event.get("rrule") is not None:
            try:
                rrule = normalise(event["rrule"].to_ical().decode())
            except RecurrenceError:
                rrule = ""
        exdates = []
        for found in event.get("exdate", []) if isinstance(event.get("exdate"), list) else \
                [event["exdate"]] if event.get("exdate") is not None else []:
            exdates += [(d.dt.astimezone(TZ).date() if isinstance(d.dt, datetime) else d.dt).isoformat()
                        for d in found.dts]
        title = " ".join(str(event.get("summary") or "").split())[:150] or _("Activity")
        description = str(event.get("description") or "").strip()[:5000]
        summary = " ".join((description.split("\n")[0] if description else title).split())[:200]
        items[uid] = FeedItem(uid=uid, cancelled=str(event.get("status") or "").upper() == "CANCELLED", data={
            "title": title, "summary": summary, "description": description, "start": start, "end": end,
            "rrule": rrule, "exdates": sorted(set(exdates)),
            "address": " ".join(str(event.get("location") or "").split())[:300]})
    return list(items.values())


def sync(feed: CalendarFeed, *, by=None, body: bytes | None = None) -> dict[str, int]:
    """Fetch and apply the feed; what happened is kept on the feed. Returns the counts."""
    try:
        items = parse(body if body is not None else fetch(feed.url))
        if not items and FeedEvent.objects.filter(feed=feed).exists():
            raise FeedError(_("The calendar has no events now. Nothing was changed, in case this is a fault; "
                              "remove the feed if its activities are really over."))
        counts = _apply(feed, items, by=by)
    except (FeedError, ActionError) as error:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_synced_at=timezone.now(), last_ok=False,
                                                       last_message=str(error))
        return {"created": 0, "updated": 0, "cancelled": 0, "failed": 1}
    message = _("%(created)s added, %(updated)s updated, %(cancelled)s cancelled.") % counts
    CalendarFeed.objects.filter(pk=feed.pk).update(last_synced_at=timezone.now(), last_ok=True, last_message=message)
    return {**counts, "failed": 0}


@transaction.atomic
def _apply(feed: CalendarFeed, items: list[FeedItem], *, by) -> dict[str, int]:
    known = {e.uid: e for e in FeedEvent.objects.filter(feed=feed).select_related("activity")}
    updated = cancelled = 0
    new = [item for item in items if item.uid not in known]
    # New events in bulk (a feed's first sync may bring thousands), through the app's own service.
    activities = activity_services.import_activities(by=by, organiser=feed.organiser,
                                                     items=[item.data for item in new])
    FeedEvent.objects.bulk_create([FeedEvent(feed=feed, uid=item.uid, activity=activity, fingerprint=item.fingerprint)
                                   for item, activity in zip(new, activities, strict=True)], batch_size=1000)
    for item, activity in zip(new, activities, strict=True):
        if item.cancelled:
            activity_services.cancel_activity(by=by, activity=activity)
    created = len(new)
    for item in items:
        seen = known.pop(item.uid, None)
        if seen is None:
            continue
        if seen.fingerprint != item.fingerprint:
            activity_services.update_activity(by=by, activity=seen.activity, data=item.data)
            if item.cancelled:
                activity_services.cancel_activity(by=by, activity=seen.activity)
            seen.fingerprint = item.fingerprint
            seen.save(update_fields=["fingerprint"])
            updated += 1
    for gone in known.values():
        if gone.activity.status != Activity.Status.CANCELLED:
            activity_services.cancel_activity(by=by, activity=gone.activity)
            cancelled += 1
        gone.delete()
    counts = {"created": created, "updated": updated, "cancelled": cancelled}
    audit.record(by=by, action="setup.sync_feed", target=feed, changes=counts)
    return counts
