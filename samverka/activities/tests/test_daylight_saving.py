"""The language café meets every Tuesday at 18.00. When summer time ends on the last
Sunday of October, it still meets at 18.00 Swedish time: the page, the calendar, the
stored dates and the iCalendar feed all agree."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from samverka.activities import recurrence
from samverka.activities.models import Activity
from samverka.activities.tests.factories import at
from samverka.activities.tests.helpers import activity_form


@pytest.fixture
def autumn():
    with time_machine.travel(datetime(2026, 9, 1, 10, 0, tzinfo=UTC), tick=False):
        yield


def test_every_tuesday_at_18_stays_at_18_across_the_october_change(client, representative, actor, autumn):
    client.force_login(representative)
    response = client.post(reverse("activities:create"), activity_form(
        f"actor:{actor.pk}", date="2026-10-13", start_time="18:00", end_time="20:00",
        repeat="weekly", repeat_until="2026-11-10"))
    assert response.status_code == 302
    activity = Activity.objects.get()
    occurrences = list(activity.occurrences.order_by("start"))

    assert [o.day for o in occurrences] == [date(2026, 10, 13), date(2026, 10, 20), date(2026, 10, 27),
                                            date(2026, 11, 3), date(2026, 11, 10)]
    assert {timezone.localtime(o.start).strftime("%a %H:%M") for o in occurrences} == {"Tue 18:00"}
    assert {timezone.localtime(o.end).strftime("%H:%M") for o in occurrences} == {"20:00"}
    # In UTC the clock moved: 16.00 in summer time, 17.00 after 25 October.
    assert [o.start.astimezone(UTC).hour for o in occurrences] == [16, 16, 17, 17, 17]

    for day in ("2026-10-20", "2026-10-27"):
        week = client.get(reverse("activities:calendar"), {"view": "week", "date": day}).content.decode()
        assert '<time datetime="2026-10-' in week and ">18.00</time>" in week

    feed = Calendar.from_ical(client.get(reverse("activities:activity_feed", args=[activity.slug])).content)
    event = next(iter(feed.walk("VEVENT")))
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event["DTSTART"].dt == datetime(2026, 10, 13, 18, 0, tzinfo=recurrence.TZ)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["BYDAY"] == ["TU"]
    timezone_names = {tz["TZID"] for tz in feed.walk("VTIMEZONE")}
    assert timezone_names == {"Europe/Stockholm"}


def test_a_date_in_the_missing_hour_of_spring_is_still_stored():
    """02.30 on the last Sunday of March does not exist; the date is kept (as 03.30)."""
    start = at(date(2027, 3, 21), 2, 30)
    slots = recurrence.expand(start=start, end=start.replace(hour=4), rule="FREQ=WEEKLY;COUNT=3")
    assert [s.day for s in slots] == [date(2027, 3, 21), date(2027, 3, 28), date(2027, 4, 4)]
    assert [timezone.localtime(s.start).strftime("%H:%M") for s in slots] == ["02:30", "03:30", "02:30"]


def test_every_tuesday_at_18_stays_at_18_across_the_march_change():
    start = at(date(2027, 3, 23), 18)
    slots = recurrence.expand(start=start, end=at(date(2027, 3, 23), 20), rule="FREQ=WEEKLY;BYDAY=TU;COUNT=3")
    assert [timezone.localtime(s.start).strftime("%m-%d %H:%M") for s in slots] == ["03-23 18:00", "03-30 18:00", "04-06 18:00"]
    assert [s.start.astimezone(UTC).hour for s in slots] == [17, 16, 16]


def test_until_in_utc_local_time_or_as_a_date_means_the_same_day():
    start = at(date(2026, 10, 13), 18)
    for until in ("20261110", "20261110T235959", "20261110T225959Z"):
        rule = recurrence.normalise(f"FREQ=WEEKLY;UNTIL={until}")
        assert rule == "FREQ=WEEKLY;UNTIL=20261110T225959Z"
        slots = recurrence.expand(start=start, end=at(date(2026, 10, 13), 20), rule=rule)
        assert slots[-1].day == date(2026, 11, 10)


def test_an_endless_rule_is_cut_at_the_horizon_not_an_error():
    start = at(date(2026, 10, 13), 18)
    slots = recurrence.expand(start=start, end=at(date(2026, 10, 13), 20), rule="FREQ=WEEKLY")
    assert len(slots) == 58  # 400 days of Tuesdays
    assert slots[-1].start - start <= recurrence.HORIZON
    daily = recurrence.expand(start=start, end=at(date(2026, 10, 13), 20), rule="FREQ=DAILY;COUNT=5000")
    assert len(daily) == recurrence.MAX_OCCURRENCES


@pytest.mark.parametrize("rule", ["FREQ=WEEKLY;BYHOUR=10;COUNT=2", "DTSTART=20260101;FREQ=DAILY", "FREQ=YEARLY;INTERVAL=0;COUNT=2",
                                  "FREQ=WEEKLY;FREQ=DAILY", ";;;", "FREQ=WEEKLY;UNTIL=tomorrow", "FREQ=WEEKLY;COUNT=-1",
                                  "FREQ=MONTHLY;BYMONTHDAY=40;COUNT=2", "FREQ=WEEKLY;UNTIL=99991231T235959Z"])
def test_a_malformed_rule_is_refused_with_a_message(rule):
    with pytest.raises(recurrence.RecurrenceError) as raised:
        recurrence.normalise(rule)
        recurrence.check(rule=recurrence.normalise(rule), start=at(date(2026, 10, 13), 18))
    assert str(raised.value)


def test_expanding_a_broken_stored_rule_gives_the_first_date_only():
    start = at(date(2026, 10, 13), 18)
    slots = recurrence.expand(start=start, end=at(date(2026, 10, 13), 20), rule="FREQ=NONSENSE")
    assert [s.day for s in slots] == [date(2026, 10, 13)]
