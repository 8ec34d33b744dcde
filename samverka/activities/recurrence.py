"""Recurring activities: an RFC 5545 RRULE, checked and expanded into dates.

Pure functions, no database. All times are Europe/Stockholm: a rule is expanded in local
wall-clock time and each date is made aware afterwards, so an activity every Tuesday at
18.00 stays at 18.00 when summer time ends. An activity happens at most once a day (no
BYHOUR/BYMINUTE), so a date names an occurrence.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.utils.translation import gettext as _

TZ = ZoneInfo("Europe/Stockholm")
UTC = ZoneInfo("UTC")
# Occurrences are stored for this long after the first date, and a rule may not run longer.
HORIZON = timedelta(days=400)
MAX_OCCURRENCES = 400

FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS",
         "WKST", "BYWEEKNO", "BYYEARDAY"}
_UNTIL_DATE = re.compile(r"^\d{8}$")
_UNTIL_LOCAL = re.compile(r"^\d{8}T\d{6}$")
_UNTIL_UTC = re.compile(r"^\d{8}T\d{6}Z$")
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class RecurrenceError(ValueError):
    """The rule cannot be used; the message is for the person who wrote it."""


@dataclass(frozen=True)
class Slot:
    start: datetime  # aware
    end: datetime  # aware
    day: date  # the local date of start
    cancelled: bool
    rule_day: date | None = None  # the rule's date, when this one was moved from it


def local(value: datetime) -> datetime:
    """An aware datetime as naive Stockholm wall-clock time."""
    return value.astimezone(TZ).replace(tzinfo=None)


def aware(value: datetime) -> datetime:
    """Naive Stockholm wall-clock time as an aware datetime: the earlier one when the
    clock is turned back, one hour later when the time does not exist (spring)."""
    return value.replace(tzinfo=TZ).astimezone(UTC).astimezone(TZ)


def _parts(rule: str) -> dict[str, str]:
    text = (rule or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts: dict[str, str] = {}
    for chunk in filter(None, text.upper().replace(" ", "").split(";")):
        key, sep, value = chunk.partition("=")
        if not sep or not value:
            raise RecurrenceError(_("Write the rule as NAME=VALUE pairs separated by semicolons, for example FREQ=WEEKLY;BYDAY=TU;COUNT=10."))
        if key not in PARTS:
            raise RecurrenceError(_("%(part)s cannot be used here. Use FREQ, INTERVAL, COUNT, UNTIL and BY… parts.") % {"part": key[:20]})
        if key in parts:
            raise RecurrenceError(_("%(part)s is written twice.") % {"part": key})
        parts[key] = value
    if "FREQ" not in parts:
        raise RecurrenceError(_("The rule needs FREQ, for example FREQ=WEEKLY."))
    if parts["FREQ"] not in FREQUENCIES:
        raise RecurrenceError(_("An activity can repeat daily, weekly, monthly or yearly (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)."))
    if "COUNT" in parts and "UNTIL" in parts:
        raise RecurrenceError(_("Use either COUNT or UNTIL, not both."))
    return parts


def _until_local(value: str) -> datetime:
    """UNTIL as naive local time: a date means the end of that day in Stockholm."""
    try:
        if _UNTIL_DATE.match(value):
            return datetime.combine(datetime.strptime(value, "%Y%m%d").date(), time(23, 59, 59))
        if _UNTIL_LOCAL.match(value):
            return datetime.strptime(value, "%Y%m%dT%H%M%S")
        if _UNTIL_UTC.match(value):
            return local(datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC))
    except (ValueError, OverflowError):
        pass
    raise RecurrenceError(_("Write UNTIL as a date, for example UNTIL=20261231."))


def _format_until(value: datetime) -> str:
    """UNTIL as RFC 5545 wants it next to a DTSTART with a time zone: in UTC."""
    return aware(value).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _build(parts: dict[str, str]) -> str:
    order = ["FREQ", "INTERVAL", "BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY", "BYSETPOS", "WKST",
             "COUNT", "UNTIL"]
    return ";".join(f"{key}={parts[key]}" for key in order if key in parts)


def _rule(parts: dict[str, str], dtstart: datetime):
    """A dateutil rule in naive local time."""
    without_until = {k: v for k, v in parts.items() if k != "UNTIL"}
    try:
        rule = rrulestr(_build(without_until), dtstart=dtstart)
        if "UNTIL" in parts:
            rule = rule.replace(until=_until_local(parts["UNTIL"]))
    except RecurrenceError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        raise RecurrenceError(_("The rule could not be read. Check it against the example: FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20261231.")) from None
    return rule


def normalise(rule: str) -> str:
    """The rule in one canonical spelling, UNTIL in UTC. Raises RecurrenceError."""
    if not (rule or "").strip():
        return ""
    parts = _parts(rule)
    if "UNTIL" in parts:
        parts["UNTIL"] = _format_until(_until_local(parts["UNTIL"]))
    if "COUNT" in parts:
        if not parts["COUNT"].isdigit() or int(parts["COUNT"]) < 1:
            raise RecurrenceError(_("COUNT is the number of times, a whole number from 1."))
    if "INTERVAL" in parts:
        if not parts["INTERVAL"].isdigit() or not 1 <= int(parts["INTERVAL"]) <= 366:
            raise RecurrenceError(_("INTERVAL is a whole number from 1, for example INTERVAL=2 for every other week."))
    _rule(parts, datetime(2026, 1, 1, 12))  # dateutil's own checks
    return _build(parts)


def check(*, rule: str, start: datetime) -> None:
    """What a form asks before saving: the rule ends, gives at most MAX_OCCURRENCES dates
    within HORIZON, and starts on the activity's first date. Raises RecurrenceError."""
    if not rule:
        return
    parts = _parts(rule)
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise RecurrenceError(_("The rule never ends. Give the last date (UNTIL) or the number of times (COUNT)."))
    first = local(start)
    dates = list(itertools.islice(_rule(parts, first), MAX_OCCURRENCES + 1))
    if not dates:
        raise RecurrenceError(_("The rule gives no dates. Check the weekday and the last date."))
    if dates[0] != first:
        raise RecurrenceError(_("The first date, %(date)s, is not one of the rule's dates. Change the date or the rule.")
                              % {"date": first.date().isoformat()})
    if len(dates) > MAX_OCCURRENCES:
        raise RecurrenceError(_("The rule gives more than %(count)s dates. Choose a less frequent rule or an earlier last date.")
                              % {"count": MAX_OCCURRENCES})
    if dates[-1] > first + HORIZON:
        raise RecurrenceError(_("An activity can repeat for at most a year ahead. Choose an earlier last date, and add a new activity for the year after."))


def expand(*, start: datetime, end: datetime, rule: str = "", exdates: list[str] | None = None,
           moved: dict[str, dict[str, str]] | None = None) -> list[Slot]:
    """Every occurrence: the first date, then the rule's dates, cut at HORIZON and
    MAX_OCCURRENCES (an endless or too frequent rule is cut, never an error here).
    Dates in `exdates` (ISO dates) are kept but marked cancelled. A date in `moved`
    ({ISO date: {"start": ISO datetime, "end": ISO datetime}}) takes those times instead
    (a moved date that would fall on another of the rule's dates is left where it was)."""
    first = local(start)
    duration = local(end) - first  # wall-clock length: 18–20 stays 18–20
    skipped = set(exdates or [])
    starts: list[datetime] = [first]
    if rule:
        try:
            parts = _parts(rule)
            generated = _rule(parts, first)
        except RecurrenceError:
            generated = []
        limit = first + HORIZON
        for value in itertools.islice(generated, MAX_OCCURRENCES + 1):
            if value > limit:
                break
            if value != first:
                starts.append(value)
    slots: dict[date, Slot] = {}
    for value in starts[:MAX_OCCURRENCES]:
        if value.date() in slots:
            continue
        slots[value.date()] = Slot(start=aware(value), end=aware(value + duration), day=value.date(),
                                   cancelled=value.date().isoformat() in skipped)
    for key, times in (moved or {}).items():
        slot = slots.get(_iso_date(key))
        new = moved_times(times)
        if slot is None or new is None:
            continue
        day = new[0].astimezone(TZ).date()
        if day != slot.day and day in slots:
            continue
        del slots[slot.day]
        slots[day] = Slot(start=new[0], end=new[1], day=day, cancelled=slot.cancelled, rule_day=slot.day)
    return sorted(slots.values(), key=lambda s: s.start)


def _iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def moved_times(times) -> tuple[datetime, datetime] | None:
    """A moved date's (start, end), aware, or None when the stored value is unusable."""
    try:
        start, end = datetime.fromisoformat(times["start"]), datetime.fromisoformat(times["end"])
    except (TypeError, ValueError, KeyError):
        return None
    if start.tzinfo is None or end.tzinfo is None or end <= start:
        return None
    return start.astimezone(TZ), end.astimezone(TZ)


def simple_rule(*, repeat: str, start: datetime, until: date) -> str:
    """The rule for the form's plain choices: weekly, every other week, or monthly on the
    same weekday (e.g. the second Tuesday; the last one if it is the fifth)."""
    first = local(start)
    weekday = WEEKDAYS[first.weekday()]
    until_value = _format_until(datetime.combine(until, time(23, 59, 59)))
    if repeat == "weekly":
        return f"FREQ=WEEKLY;BYDAY={weekday};UNTIL={until_value}"
    if repeat == "biweekly":
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday};UNTIL={until_value}"
    if repeat == "monthly":
        nth = (first.day - 1) // 7 + 1
        return f"FREQ=MONTHLY;BYDAY={-1 if nth == 5 else nth}{weekday};UNTIL={until_value}"
    if repeat == "daily":
        return f"FREQ=DAILY;UNTIL={until_value}"
    raise ValueError(repeat)


def describe(parts_rule: str) -> dict[str, str]:
    """The rule's parts as a dict (for showing and for the form's initial values)."""
    try:
        return _parts(parts_rule)
    except RecurrenceError:
        return {}


def until_date(rule: str) -> date | None:
    parts = describe(rule)
    if "UNTIL" not in parts:
        return None
    try:
        return _until_local(parts["UNTIL"]).date()
    except RecurrenceError:
        return None
