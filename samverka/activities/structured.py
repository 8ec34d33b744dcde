"""schema.org Event data for activity pages (JSON-LD), and the open data rows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from .models import Activity, Occurrence

# Inside <script type="application/ld+json"> the text must not close the element or open
# a comment: < > & are written as JSON escapes (so "</script>" becomes "\u003c/script>").
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

STATUS = {
    Activity.Status.PUBLISHED: "https://schema.org/EventScheduled",
    Activity.Status.CANCELLED: "https://schema.org/EventCancelled",
    Activity.Status.DRAFT: "https://schema.org/EventScheduled",
}


def script_json(data) -> SafeString:
    return mark_safe(json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES))  # noqa: S308  # nosec: B308, B703  # <, > and & escaped for a script element


def _place(activity: Activity) -> dict:
    if activity.place_id:
        place = activity.place
        return {"@type": "Place", "name": place.name,
                "address": {"@type": "PostalAddress", "streetAddress": place.address, "addressCountry": "SE"},
                "url": settings.SITE_URL + place.get_absolute_url()}
    return {"@type": "Place", "name": activity.address,
            "address": {"@type": "PostalAddress", "streetAddress": activity.address, "addressCountry": "SE"}}


def event_jsonld(activity: Activity, occurrences: Iterable[Occurrence]) -> SafeString:
    """One Event per coming date (search engines show each), or the first date when
    none is ahead."""
    url = settings.SITE_URL + activity.get_absolute_url()
    organiser = activity.organiser
    base = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": activity.title,
        "description": activity.summary,
        "url": url,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(activity),
        "organizer": {
            "@type": "Organization", "name": activity.organiser_name,
            **({"url": settings.SITE_URL + organiser.get_absolute_url()} if activity.actor_id else {}),
        },
        "isAccessibleForFree": activity.is_free,
        "inLanguage": [language.code for language in activity.languages.all()],
    }
    if activity.image:
        base["image"] = settings.SITE_URL + activity.image.url
    if activity.is_free:
        base["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "SEK", "url": url}
    events = []
    dates = [(o.start, o.end, o.cancelled) for o in occurrences] or [(activity.start, activity.end, False)]
    for start, end, cancelled in dates:
        status = STATUS[activity.status] if not cancelled else "https://schema.org/EventCancelled"
        events.append({**base, "startDate": localtime(start).isoformat(), "endDate": localtime(end).isoformat(),
                       "eventStatus": status})
    return script_json(events[0] if len(events) == 1 else events)


ACTIVITY_FIELDS = [
    "title", "summary", "description", "organiser", "organiser_kind", "start", "end", "rrule", "exdates",
    "meeting_place", "address", "district", "areas", "target_groups", "languages", "sdg_goals", "cost", "is_free",
    "step_free_entry", "hearing_loop", "accessible_toilet", "accessibility_notes", "registration", "capacity",
    "status", "url", "ical", "updated_at",
]


def activity_rows(activities: Iterable[Activity]) -> Iterator[dict]:
    for a in activities:
        url = settings.SITE_URL + a.get_absolute_url()
        yield {
            "title": a.title, "summary": a.summary, "description": a.description,
            "organiser": a.organiser_name, "organiser_kind": "actor" if a.actor_id else "office",
            "start": a.start.isoformat(), "end": a.end.isoformat(), "rrule": a.rrule, "exdates": list(a.exdates),
            "meeting_place": a.place.name if a.place_id else "", "address": a.location_text,
            "district": a.district.slug if a.district_id else "",
            "areas": [x.slug for x in a.areas.all()], "target_groups": [x.slug for x in a.target_groups.all()],
            "languages": [x.code for x in a.languages.all()], "sdg_goals": [x.number for x in a.sdg_goals.all()],
            "cost": a.cost, "is_free": a.is_free, "step_free_entry": a.step_free_entry,
            "hearing_loop": a.hearing_loop, "accessible_toilet": a.accessible_toilet,
            "accessibility_notes": a.accessibility_notes, "registration": a.registration_mode,
            "capacity": a.capacity, "status": a.status, "url": url, "ical": url + "kalender.ics",
            "updated_at": a.updated_at.isoformat(),
        }


PLACE_FIELDS = [
    "name", "kind", "address", "district", "opening_hours", "offers", "target_groups", "website", "run_by",
    "step_free_entry", "hearing_loop", "accessible_toilet", "accessibility_notes", "url", "updated_at",
]


def place_rows(places) -> Iterator[dict]:
    for p in places:
        yield {
            "name": p.name, "kind": p.kind, "address": p.address, "district": p.district.slug if p.district_id else "",
            "opening_hours": p.opening_hours, "offers": p.offers,
            "target_groups": [x.slug for x in p.target_groups.all()], "website": p.website,
            "run_by": p.owner.name if p.owner_id else "", "step_free_entry": p.step_free_entry,
            "hearing_loop": p.hearing_loop, "accessible_toilet": p.accessible_toilet,
            "accessibility_notes": p.accessibility_notes, "url": settings.SITE_URL + p.get_absolute_url(),
            "updated_at": p.updated_at.isoformat(),
        }
