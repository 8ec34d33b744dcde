"""Eva moves one date of the weekly language café: the library is closed that Tuesday,
so they meet on Wednesday instead, or later in the evening. The other dates stay; Lina,
who registered, keeps her place and is told; the calendar, the activity's page and the
calendar feed (an override with RECURRENCE-ID) show the new time."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from samverka.activities.models import Activity, Occurrence
from samverka.activities.tests.factories import ActivityFactory, RegistrationFactory, at
from samverka.activities.tests.helpers import activity_form, field_error
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says

CALENDAR = reverse("activities:calendar")
FEED = reverse("activities:feed")


@pytest.fixture(autouse=True)
def autumn():
    with time_machine.travel(datetime(2026, 9, 1, 10, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def cafe(actor):
    """Tuesdays 18–20 from 13 October to 15 December, with summer time ending on 25 October."""
    return ActivityFactory(
        actor=actor, title="Språkcafé", slug="sprakcafe", start=at(date(2026, 10, 13), 18),
        end=at(date(2026, 10, 13), 20), rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T225959Z",
        registration_mode="registration", capacity=10)


@pytest.fixture
def eva(representative):
    client = Client()
    client.force_login(representative)
    return client


def move_url(activity, occurrence):
    return reverse("activities:move_occurrence", args=[activity.slug, occurrence.pk])


def on(activity, day: date) -> Occurrence:
    return activity.occurrences.get(day=day)


def local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def test_eva_moves_one_date_to_the_next_day_and_lina_keeps_her_place(client, eva, cafe):
    tuesday = on(cafe, date(2026, 10, 27))
    lina = RegistrationFactory(occurrence=tuesday, email="lina@example.org", name="Lina Sandberg")
    assert "27 oktober" in client.get(cafe.get_absolute_url()).content.decode()

    page = eva.get(move_url(cafe, tuesday)).content.decode()
    assert 'value="2026-10-27"' in page and 'value="18:00"' in page and 'value="20:00"' in page
    response = eva.post(move_url(cafe, tuesday), {"date": "2026-10-28", "start_time": "17:30", "end_time": "19:30"})

    assert flash(response) == [says("The date is changed. Everyone who registered for it gets a message.")]
    tuesday.refresh_from_db()
    lina.refresh_from_db()
    assert (tuesday.day, local(tuesday.start), local(tuesday.end)) == (date(2026, 10, 28), "2026-10-28 17:30",
                                                                       "2026-10-28 19:30")
    assert lina.occurrence_id == tuesday.pk and lina.is_active
    # The rest of the rule stays where it was.
    assert [local(o.start) for o in cafe.occurrences.order_by("start")][:4] == [
        "2026-10-13 18:00", "2026-10-20 18:00", "2026-10-28 17:30", "2026-11-03 18:00"]
    assert cafe.occurrences.count() == 10
    message = OutboxMessage.objects.get(to="lina@example.org")
    assert "Språkcafé" in message.subject and "17.30" in message.body_text and "28 oktober" in message.body_text
    event = AuditEvent.objects.get(action="activity.move_occurrence")
    assert event.changes["date"] == "2026-10-27"

    # The activity's page (cached before the change) and the calendar show the new time.
    page = client.get(cafe.get_absolute_url()).content.decode()
    assert "onsdag 28 oktober 2026, 17.30–19.30" in page.lower()
    assert says("New time") in page
    month = client.get(CALENDAR, {"view": "month", "date": "2026-10-01"}).content.decode()
    assert "17.30 Språkcafé" in month


def test_the_feed_overrides_the_moved_date_with_recurrence_id(client, eva, cafe):
    before = Calendar.from_ical(client.get(FEED).content)
    assert len(before.walk("VEVENT")) == 1
    eva.post(move_url(cafe, on(cafe, date(2026, 11, 10))), {"date": "2026-11-11", "start_time": "18:00",
                                                             "end_time": "20:00"})

    feed = Calendar.from_ical(client.get(FEED).content)
    series, override = feed.walk("VEVENT")
    assert "RECURRENCE-ID" not in series and series["RRULE"]["FREQ"] == ["WEEKLY"]
    assert str(override["UID"]) == str(series["UID"])
    recurrence_id = override["RECURRENCE-ID"].dt
    assert (recurrence_id.replace(tzinfo=None), str(recurrence_id.tzinfo)) == (datetime(2026, 11, 10, 18, 0),
                                                                                "Europe/Stockholm")
    assert override["DTSTART"].dt.replace(tzinfo=None) == datetime(2026, 11, 11, 18, 0)
    assert override["DTEND"].dt.replace(tzinfo=None) == datetime(2026, 11, 11, 20, 0)
    assert str(override["DTSTART"].params["TZID"]) == "Europe/Stockholm"
    assert str(override["SUMMARY"]) == "Språkcafé" and "RRULE" not in override
    # The activity's own feed says the same.
    own = Calendar.from_ical(client.get(reverse("activities:activity_feed", args=[cafe.slug])).content)
    assert [e.get("RECURRENCE-ID") is not None for e in own.walk("VEVENT")] == [False, True]


def test_only_the_time_of_one_date_changes(client, eva, cafe):
    tuesday = on(cafe, date(2026, 11, 3))
    RegistrationFactory(occurrence=tuesday, email="lina@example.org")
    eva.post(move_url(cafe, tuesday), {"date": "2026-11-03", "start_time": "19:00", "end_time": "21:00"})
    tuesday.refresh_from_db()
    assert (local(tuesday.start), local(tuesday.end)) == ("2026-11-03 19:00", "2026-11-03 21:00")
    assert "19.00" in OutboxMessage.objects.get(to="lina@example.org").body_text
    page = client.get(cafe.get_absolute_url()).content.decode()
    assert "tisdag 3 november 2026, 19.00–21.00" in page.lower()
    assert "Instead of" not in page and says("Instead of") not in page


def test_a_day_that_already_has_a_date_or_a_past_time_is_refused_and_nothing_changes(eva, cafe):
    tuesday = on(cafe, date(2026, 10, 27))
    RegistrationFactory(occurrence=tuesday, email="lina@example.org")
    before = list(Occurrence.objects.order_by("pk").values())

    body = eva.post(move_url(cafe, tuesday), {"date": "2026-11-03", "start_time": "18:00",
                                              "end_time": "20:00"}).content.decode()
    assert says("The activity already has a date on %(date)s. Choose another day.") % {
        "date": "3 november 2026"} in field_error(body, "date")
    assert 'value="2026-11-03"' in body

    body = eva.post(move_url(cafe, tuesday), {"date": "2026-08-30", "start_time": "18:00",
                                              "end_time": "20:00"}).content.decode()
    assert says("The date and time have passed. Choose a time later than now.") in field_error(body, "date")

    body = eva.post(move_url(cafe, tuesday), {"date": "2026-10-28", "start_time": "18:00",
                                              "end_time": "18:00"}).content.decode()
    assert says("The end must be after the start. Check the times and the dates.") in field_error(body, "end_time")

    body = eva.post(move_url(cafe, tuesday), {"date": "28/13/2026", "start_time": "kväll",
                                              "end_time": ""}).content.decode()
    assert field_error(body, "date") and field_error(body, "start_time") and field_error(body, "end_time")

    assert list(Occurrence.objects.order_by("pk").values()) == before
    assert not OutboxMessage.objects.exists()
    assert not AuditEvent.objects.filter(action="activity.move_occurrence").exists()


def test_an_evening_that_ends_after_midnight(eva, cafe):
    tuesday = on(cafe, date(2026, 12, 8))
    eva.post(move_url(cafe, tuesday), {"date": "2026-12-12", "start_time": "21:00", "end_time": "01:00"})
    tuesday.refresh_from_db()
    assert (local(tuesday.start), local(tuesday.end)) == ("2026-12-12 21:00", "2026-12-13 01:00")


def test_a_moved_date_can_be_cancelled_and_stays_moved_when_the_activity_is_edited(client, eva, cafe):
    tuesday = on(cafe, date(2026, 10, 27))
    eva.post(move_url(cafe, tuesday), {"date": "2026-10-28", "start_time": "18:00", "end_time": "20:00"})

    # Eva changes the title and the time of the whole series: the moved date keeps its own time.
    data = activity_form(None, title="Språkcafé på biblioteket", summary=cafe.summary, date="2026-10-13",
                         start_time="18:30", end_time="20:30", repeat="weekly", repeat_until="2026-12-15",
                         registration_mode="registration", capacity="10")
    data.pop("organiser", None)
    assert eva.post(reverse("activities:edit", args=[cafe.slug]), data).status_code == 302
    tuesday.refresh_from_db()
    assert local(tuesday.start) == "2026-10-28 18:00"
    assert local(on(cafe, date(2026, 11, 3)).start) == "2026-11-03 18:30"
    assert cafe.occurrences.count() == 10

    eva.post(reverse("activities:cancel_occurrence", args=[cafe.slug, tuesday.pk]))
    tuesday.refresh_from_db()
    cafe.refresh_from_db()
    assert tuesday.cancelled and cafe.exdates == ["2026-10-27"]
    [event] = Calendar.from_ical(client.get(FEED).content).walk("VEVENT")  # no override for a cancelled date
    assert [d.dt.date() for d in event["EXDATE"].dts] == [date(2026, 10, 27)]
    assert eva.get(move_url(cafe, tuesday)).status_code == 404  # a cancelled date is not moved


def test_moving_it_back_removes_the_override(eva, cafe):
    tuesday = on(cafe, date(2026, 11, 17))
    eva.post(move_url(cafe, tuesday), {"date": "2026-11-18", "start_time": "18:00", "end_time": "20:00"})
    cafe.refresh_from_db()
    assert list(cafe.moved) == ["2026-11-17"]
    eva.post(move_url(cafe, tuesday), {"date": "2026-11-17", "start_time": "18:00", "end_time": "20:00"})
    cafe.refresh_from_db()
    tuesday.refresh_from_db()
    assert cafe.moved == {} and tuesday.day == date(2026, 11, 17)


def test_the_one_date_of_a_one_off_activity_moves_the_activity(eva, actor):
    party = ActivityFactory(actor=actor, title="Höstfest", start=at(date(2026, 10, 3), 15), end=at(date(2026, 10, 3), 18))
    occurrence = party.occurrences.get()
    eva.post(move_url(party, occurrence), {"date": "2026-10-10", "start_time": "15:00", "end_time": "18:00"})
    party.refresh_from_db()
    occurrence.refresh_from_db()
    assert local(party.start) == "2026-10-10 15:00" and party.moved == {}
    assert occurrence.day == date(2026, 10, 10)
    assert Activity.objects.get(pk=party.pk).occurrences.count() == 1


def test_when_the_whole_series_moves_to_another_weekday_the_moved_date_follows_the_rule(client, eva, cafe):
    eva.post(move_url(cafe, on(cafe, date(2026, 10, 27))), {"date": "2026-10-29", "start_time": "18:00",
                                                             "end_time": "20:00"})
    data = activity_form(None, title=cafe.title, summary=cafe.summary, date="2026-10-14", start_time="18:00",
                         end_time="20:00", repeat="weekly", repeat_until="2026-12-16",
                         registration_mode="registration", capacity="10")
    data.pop("organiser", None)
    assert eva.post(reverse("activities:edit", args=[cafe.slug]), data).status_code == 302
    cafe.refresh_from_db()
    assert cafe.moved == {}
    assert {o.day.weekday() for o in cafe.occurrences.filter(cancelled=False)} == {2}  # Wednesdays
    assert AuditEvent.objects.get(action="activity.update").changes["moved"][1] == {}
    assert len(Calendar.from_ical(client.get(FEED).content).walk("VEVENT")) == 1
