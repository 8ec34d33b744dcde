"""Jonas subscribes to the calendar in his phone: the whole calendar, a filter, one
association, one meeting place. Search engines read the activity page's Event data.
The open data holds the public fields and nothing else."""

import csv
import io
import json
import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from samverka.activities import recurrence
from samverka.activities.models import Activity
from samverka.activities.tests.factories import ActivityFactory, MeetingPlaceFactory, RegistrationFactory, at
from samverka.municipality.models import Area, Language

FEED = reverse("activities:feed")


@pytest.fixture
def autumn():
    with time_machine.travel(datetime(2026, 9, 1, 10, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def cafe(actor, autumn, settings):
    settings.SITE_URL = "https://samverka.ekero.se"
    place = MeetingPlaceFactory(name="Kajutan", slug="kajutan", address="Ekerö centrum 5")
    activity = ActivityFactory(
        actor=actor, title="Språkcafé", slug="sprakcafe", summary="Vi pratar svenska.", description="Kaffe finns.",
        place=place, start=at(date(2026, 10, 13), 18), end=at(date(2026, 10, 13), 20),
        rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T225959Z", exdates=["2026-11-03", "2026-12-01"],
    )
    activity.areas.set([Area.objects.get(slug="integration")])
    activity.languages.set([Language.objects.get(code="sv")])
    return activity


def events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_feed_carries_every_field_a_calendar_needs(client, cafe):
    response = client.get(FEED)
    feed = Calendar.from_ical(response.content)
    assert feed["VERSION"] == "2.0" and feed["PRODID"]
    assert feed["X-WR-TIMEZONE"] == "Europe/Stockholm"
    [zone] = feed.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Stockholm"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}

    [event] = events(response)
    assert str(event["UID"]) == f"activity-{cafe.pk}@samverka.ekero.se"
    assert str(event["SUMMARY"]) == "Språkcafé"
    assert event["DTSTART"].dt == datetime(2026, 10, 13, 18, 0, tzinfo=recurrence.TZ)
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event["DTEND"].dt == datetime(2026, 10, 13, 20, 0, tzinfo=recurrence.TZ)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["BYDAY"] == ["TU"]
    assert event["RRULE"]["UNTIL"] == [datetime(2026, 12, 15, 22, 59, 59, tzinfo=UTC)]
    exdates = [d.dt for d in event["EXDATE"].dts]
    assert exdates == [datetime(2026, 11, 3, 18, 0, tzinfo=recurrence.TZ), datetime(2026, 12, 1, 18, 0, tzinfo=recurrence.TZ)]
    assert event["EXDATE"].params["TZID"] == "Europe/Stockholm"
    assert str(event["LOCATION"]) == "Kajutan, Ekerö centrum 5"
    assert str(event["URL"]) == "https://samverka.ekero.se/aktiviteter/sprakcafe/"
    assert str(event["STATUS"]) == "CONFIRMED"
    description = str(event["DESCRIPTION"])
    assert "Vi pratar svenska." in description and "Kaffe finns." in description and "Parkinson Ekerö" in description
    assert "https://samverka.ekero.se/aktiviteter/sprakcafe/" in description
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Integration"]


def test_the_uid_stays_the_same_when_the_activity_changes(client, cafe):
    uid = str(events(client.get(FEED))[0]["UID"])
    Activity.objects.filter(pk=cafe.pk).update(title="Språkcafé med fika")
    assert str(events(client.get(FEED))[0]["UID"]) == uid


def test_a_cancelled_activity_is_cancelled_in_the_feed(client, cafe):
    Activity.objects.filter(pk=cafe.pk).update(status=Activity.Status.CANCELLED)
    assert str(events(client.get(FEED))[0]["STATUS"]) == "CANCELLED"


def test_a_one_off_activity_has_no_rule(client, actor, autumn):
    ActivityFactory(actor=actor, title="Julmarknad", start=at(date(2026, 12, 12), 11), end=at(date(2026, 12, 12), 15),
                    address="Ekerö torg")
    [event] = events(client.get(FEED))
    assert "RRULE" not in event and "EXDATE" not in event
    assert str(event["LOCATION"]) == "Ekerö torg"


def test_feeds_per_actor_per_place_and_per_filter(client, cafe, other_actor):
    ActivityFactory(actor=other_actor, title="Fotboll", start=at(date(2026, 10, 14), 17), end=at(date(2026, 10, 14), 18))
    assert {str(e["SUMMARY"]) for e in events(client.get(FEED))} == {"Språkcafé", "Fotboll"}
    assert [str(e["SUMMARY"]) for e in events(client.get(FEED, {"actor": "parkinson-ekero"}))] == ["Språkcafé"]
    assert [str(e["SUMMARY"]) for e in events(client.get(FEED, {"actor": other_actor.slug}))] == ["Fotboll"]
    assert [str(e["SUMMARY"]) for e in events(client.get(FEED, {"place": "kajutan"}))] == ["Språkcafé"]
    assert [str(e["SUMMARY"]) for e in events(client.get(FEED, {"area": "integration"}))] == ["Språkcafé"]
    assert events(client.get(FEED, {"area": "natur"})) == []
    named = Calendar.from_ical(client.get(FEED, {"actor": "parkinson-ekero"}).content)
    assert "Parkinson Ekerö" in str(named["X-WR-CALNAME"])


def test_one_activity_as_a_file_to_add(client, cafe):
    [event] = events(client.get(reverse("activities:activity_feed", args=[cafe.slug])))
    assert str(event["SUMMARY"]) == "Språkcafé"


def test_drafts_are_not_in_any_feed(client, cafe):
    Activity.objects.filter(pk=cafe.pk).update(status=Activity.Status.DRAFT)
    assert events(client.get(FEED)) == []
    assert client.get(reverse("activities:activity_feed", args=[cafe.slug])).status_code == 404


def jsonld(body: str):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return json.loads(match.group(1))


def test_the_activity_page_has_schema_org_event_data(client, cafe):
    data = jsonld(client.get(cafe.get_absolute_url()).content.decode())
    assert isinstance(data, list) and len(data) == 10  # ten Tuesdays, all ahead; two of them cancelled
    first = data[0]
    assert first["@context"] == "https://schema.org" and first["@type"] == "Event"
    assert first["name"] == "Språkcafé"
    assert first["startDate"] == "2026-10-13T18:00:00+02:00"
    assert first["endDate"] == "2026-10-13T20:00:00+02:00"
    assert data[2]["startDate"] == "2026-10-27T18:00:00+01:00"
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    assert [d["eventStatus"].rsplit("/", 1)[1] for d in data].count("EventCancelled") == 2
    assert data[3]["startDate"].startswith("2026-11-03") and data[3]["eventStatus"].endswith("EventCancelled")
    assert first["location"]["name"] == "Kajutan"
    assert first["location"]["address"]["streetAddress"] == "Ekerö centrum 5"
    assert first["organizer"]["name"] == "Parkinson Ekerö"
    assert first["url"] == "https://samverka.ekero.se/aktiviteter/sprakcafe/"
    assert first["isAccessibleForFree"] is True
    assert first["inLanguage"] == ["sv"]


def test_event_data_cannot_break_out_of_its_script(client, actor, autumn):
    activity = ActivityFactory(actor=actor, title='</script><script>alert("x")</script><!--',
                               start=at(date(2026, 10, 13), 18), end=at(date(2026, 10, 13), 20))
    body = client.get(activity.get_absolute_url()).content.decode()
    assert body.count("</script>") == body.count("<script")
    assert "<script>alert" not in body
    assert jsonld(body)["name"] == '</script><script>alert("x")</script><!--'


def test_open_data_has_the_public_fields_only(client, cafe):
    RegistrationFactory(occurrence=cafe.occurrences.first(), name="Hemlig Deltagare", email="hemlig@example.org")
    data = client.get(reverse("activities:export_json")).json()
    assert data["count"] == 1 and data["license"] == "CC0-1.0"
    row = data["activities"][0]
    assert row["title"] == "Språkcafé" and row["organiser"] == "Parkinson Ekerö"
    assert row["rrule"] == cafe.rrule and row["exdates"] == ["2026-11-03", "2026-12-01"]
    assert row["meeting_place"] == "Kajutan" and row["areas"] == ["integration"]
    assert row["ical"].endswith("/aktiviteter/sprakcafe/kalender.ics")
    body = client.get(reverse("activities:export_csv")).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[0]["title"] == "Språkcafé" and rows[0]["areas"] == "integration"
    for export in (json.dumps(data), body):
        assert "hemlig" not in export.lower()


def test_open_data_follows_the_filters(client, cafe):
    assert client.get(reverse("activities:export_json"), {"area": "natur"}).json()["count"] == 0
    assert client.get(reverse("activities:export_json"), {"area": "integration"}).json()["count"] == 1


def test_a_change_shows_in_the_feed_at_once(client, cafe, representative, django_capture_on_commit_callbacks):
    from samverka.activities import services

    assert [str(e["SUMMARY"]) for e in events(client.get(FEED))] == ["Språkcafé"]
    with django_capture_on_commit_callbacks(execute=True):
        services.update_activity(by=representative, activity=cafe, data={"title": "Språkcafé med fika"})
    assert [str(e["SUMMARY"]) for e in events(client.get(FEED))] == ["Språkcafé med fika"]
