"""Maja adds Ekerö Schackklubb's calendar; its events become the club's activities and stay in
sync: a changed event changes its activity (found by its UID), a removed one is cancelled, and a
feed that is down or returns something else changes nothing and says why."""

from datetime import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from samverka.activities.models import Activity
from samverka.activities.recurrence import TZ
from samverka.setup import feeds
from samverka.setup.models import CalendarFeed, FeedEvent

URL = "https://kalender.example.org/schack.ics"


def calendar(*events: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Exempel//Kalender//SV\r\n" + "".join(events)
            + "END:VCALENDAR\r\n").encode()


def event(uid: str, title: str, start: str = "20270112T180000", end: str = "20270112T200000", extra: str = "") -> str:
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261201T100000Z\r\nDTSTART;TZID=Europe/Stockholm:{start}\r\n"
            f"DTEND;TZID=Europe/Stockholm:{end}\r\nSUMMARY:{title}\r\nLOCATION:Kajutan\\, Ekerö centrum\r\n"
            f"DESCRIPTION:Alla är välkomna.\\nTa med en egen bräda.\r\n{extra}END:VEVENT\r\n")


@pytest.fixture
def feed_says(monkeypatch):
    """What the calendar address answers next: bytes, or an error."""
    answer = {"body": calendar()}

    def fetch(url):
        if isinstance(answer["body"], Exception):
            raise answer["body"]
        return answer["body"]

    monkeypatch.setattr(feeds, "fetch", fetch)
    return answer


@pytest.fixture
def club_feed(maja, actor, feed_says, django_capture_on_commit_callbacks):
    feed_says["body"] = calendar(
        event("a1@example.org", "Schack för nybörjare", extra="RRULE:FREQ=WEEKLY;COUNT=4\r\n"),
        event("a2@example.org", "Klubbmästerskap", "20270206T100000", "20270206T160000"))
    with django_capture_on_commit_callbacks(execute=True):
        response = maja.post(reverse("setup:feeds"), {"url": URL, "actor": actor.pk, "submission_token": "feed"})
    assert response.status_code == 302
    return CalendarFeed.objects.get()


def test_the_feeds_events_become_the_clubs_activities(club_feed, actor):
    beginners = Activity.objects.get(title="Schack för nybörjare")
    assert beginners.actor == actor and beginners.rrule.startswith("FREQ=WEEKLY")
    assert beginners.start == datetime(2027, 1, 12, 18, tzinfo=TZ)
    assert beginners.address == "Kajutan, Ekerö centrum"
    assert beginners.occurrences.count() == 4
    assert club_feed.events.count() == 2
    club_feed.refresh_from_db()
    assert club_feed.last_ok and "2" in club_feed.last_message


def test_a_resync_updates_by_uid_and_cancels_what_left_the_feed(club_feed, feed_says):
    beginners = Activity.objects.get(title="Schack för nybörjare")
    feed_says["body"] = calendar(event("a1@example.org", "Schack för nybörjare och vana", "20270112T183000",
                                       "20270112T203000", extra="RRULE:FREQ=WEEKLY;COUNT=4\r\n"))
    call_command("sync_calendar_feeds")
    beginners.refresh_from_db()
    assert beginners.title == "Schack för nybörjare och vana"
    assert beginners.start == datetime(2027, 1, 12, 18, 30, tzinfo=TZ)
    assert Activity.objects.filter(title__startswith="Schack").count() == 1
    assert Activity.objects.get(title="Klubbmästerskap").status == Activity.Status.CANCELLED
    assert FeedEvent.objects.count() == 1

    before = Activity.objects.get(pk=beginners.pk).updated_at
    call_command("sync_calendar_feeds")  # nothing changed in the feed: nothing written
    assert Activity.objects.get(pk=beginners.pk).updated_at == before


@pytest.mark.parametrize("answer", [
    feeds.FeedError("The calendar address answered with error 503."),
    b"<html><body>Sidan finns inte</body></html>",
    b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:inte-ett-datum\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    calendar(),
])
def test_a_feed_that_is_down_or_returns_garbage_changes_nothing_and_says_so(maja, club_feed, feed_says, answer):
    before = sorted(Activity.objects.values_list("title", "status", "start"))
    feed_says["body"] = answer
    call_command("sync_calendar_feeds")
    assert sorted(Activity.objects.values_list("title", "status", "start")) == before
    club_feed.refresh_from_db()
    assert not club_feed.last_ok and club_feed.last_message
    page = maja.get(reverse("setup:feeds")).content.decode()
    assert club_feed.last_message.replace("'", "&#x27;") in page


def test_a_feed_needs_one_organiser_and_an_https_address(maja, actor, official, feed_says):
    office = official.office_memberships.get().office
    response = maja.post(reverse("setup:feeds"), {"url": URL, "actor": actor.pk, "office": office.pk})
    assert response.status_code == 400 and CalendarFeed.objects.count() == 0
    response = maja.post(reverse("setup:feeds"), {"url": "ftp://kalender.example.org/x.ics", "office": office.pk})
    assert response.status_code == 400 and 'id="id_url_error"' in response.content.decode()


def test_stopping_a_feed_keeps_its_activities(maja, club_feed):
    response = maja.post(reverse("setup:remove_feed", kwargs={"pk": club_feed.pk}))
    assert response.status_code == 302
    assert CalendarFeed.objects.count() == 0 and Activity.objects.count() == 2
