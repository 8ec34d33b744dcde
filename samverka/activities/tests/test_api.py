"""The API: anyone reads what the pages show; Eva writes Parkinson Ekerö's activities
through it, with the same rules as the form."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from samverka.activities.models import Activity, MeetingPlace, Occurrence
from samverka.activities.tests.factories import ActivityFactory, MeetingPlaceFactory, in_days
from samverka.core.tests.helpers import says

LIST = reverse("api:activity-list")


@pytest.fixture
def api(db):
    return APIClient()


def payload(**changes):
    data = {"actor": "parkinson-ekero", "title": "Stickcafé", "summary": "Vi stickar och fikar.",
            "start": in_days(8, 14).isoformat(), "end": in_days(8, 16).isoformat(), "address": "Ekerö bibliotek",
            "areas": ["kultur"], "languages": ["sv", "ar"], "sdg_goals": [4]}
    data.update(changes)
    return data


def test_anyone_reads_published_activities_and_their_dates(api, actor):
    cafe = ActivityFactory(actor=actor, title="Språkcafé", rrule="FREQ=WEEKLY;COUNT=3")
    ActivityFactory(actor=actor, title="Utkast", status=Activity.Status.DRAFT)
    data = api.get(LIST).json()
    assert [a["title"] for a in data["results"]] == ["Språkcafé"]
    row = data["results"][0]
    assert row["actor"] == "parkinson-ekero" and row["rrule"] == "FREQ=WEEKLY;COUNT=3"
    assert row["start"] == timezone.localtime(cafe.start).isoformat()
    occurrences = api.get(reverse("api:occurrence-list")).json()["results"]
    assert len(occurrences) == 3 and occurrences[0]["title"] == "Språkcafé"
    assert api.get(reverse("api:activity-detail", args=[cafe.slug])).status_code == 200
    assert api.get(reverse("api:occurrence-list"), {"area": "natur"}).json()["results"] == []


def test_eva_adds_an_activity_and_its_dates_are_stored(api, representative):
    api.force_authenticate(representative)
    response = api.post(LIST, payload(rrule="FREQ=WEEKLY;COUNT=4", time_zone="Europe/Stockholm"), format="json")
    assert response.status_code == 201, response.json()
    activity = Activity.objects.get()
    assert activity.actor.slug == "parkinson-ekero" and activity.created_by == representative
    assert Occurrence.objects.filter(activity=activity).count() == 4
    assert sorted(activity.languages.values_list("code", flat=True)) == ["ar", "sv"]
    assert response.json()["slug"] == activity.slug

    response = api.patch(reverse("api:activity-detail", args=[activity.slug]), {"title": "Stickcafé med fika"}, format="json")
    assert response.status_code == 200
    activity.refresh_from_db()
    assert activity.title == "Stickcafé med fika"


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"end": in_days(8, 13).isoformat()}, "end", "The end must be after the start. Check the times and the dates."),
    ({"start": in_days(-2).isoformat(), "end": in_days(-2, 20).isoformat()}, "start",
     "The date and time have passed. Choose a time later than now."),
    ({"rrule": "FREQ=WEEKLY"}, "rrule", "The rule never ends. Give the last date (UNTIL) or the number of times (COUNT)."),
    ({"rrule": "FREQ=HOURLY;COUNT=3"}, "rrule",
     "An activity can repeat daily, weekly, monthly or yearly (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)."),
    ({"time_zone": "America/New_York"}, "time_zone",
     "All times are Swedish time. Leave time_zone out or write Europe/Stockholm."),
    ({"registration_mode": "registration", "capacity": 0}, "capacity",
     "Write at least 1 place, or leave it empty if there is no limit."),
    ({"address": ""}, "address", "Choose a meeting place or write an address."),
    ({"actor": None}, "actor", "Give either an actor or an office as the organiser."),
    ({"start": "tomorrow"}, "start", None),
    # Checked by the page's form, which the API validates through.
    ({"registration_mode": "registration", "capacity": 100001}, "capacity", "Write at most 100 000 places."),
    ({"is_free": False, "cost": ""}, "cost", "Write what it costs, or tick “Free of charge”."),
])
def test_bad_input_gets_a_clear_message(api, representative, changes, field, message):
    api.force_authenticate(representative)
    response = api.post(LIST, payload(**changes), format="json")
    assert response.status_code == 400
    errors = response.json()
    assert field in errors
    if message:
        assert errors[field] == [says(message)]
    assert not Activity.objects.exists()


def test_a_naive_time_is_swedish_time(api, representative):
    api.force_authenticate(representative)
    day = (timezone.localdate() + timedelta(days=9)).isoformat()
    response = api.post(LIST, payload(start=f"{day}T18:00:00", end=f"{day}T20:00:00"), format="json")
    assert response.status_code == 201
    assert timezone.localtime(Activity.objects.get().start).strftime("%H:%M") == "18:00"


def test_eva_cannot_write_for_another_actor_or_change_it(api, representative, other_actor):
    api.force_authenticate(representative)
    response = api.post(LIST, payload(actor=other_actor.slug), format="json")
    assert response.status_code == 400
    assert response.json()["actor"] == [says("You cannot publish for this organiser. Choose an association or "
                                             "office you act for.")]
    theirs = ActivityFactory(actor=other_actor, title="Deras")
    assert api.patch(reverse("api:activity-detail", args=[theirs.slug]), {"title": "Kapad"}, format="json").status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Deras" and Activity.objects.count() == 1


def test_a_resident_and_anonymous_cannot_write(api, resident, actor):
    assert api.post(LIST, payload(), format="json").status_code == 403
    api.force_authenticate(resident)
    assert api.post(LIST, payload(), format="json").status_code == 403
    assert not Activity.objects.exists()


def test_the_organiser_cannot_be_changed(api, representative, actor, other_actor):
    activity = ActivityFactory(actor=actor)
    api.force_authenticate(representative)
    response = api.patch(reverse("api:activity-detail", args=[activity.slug]), {"actor": other_actor.slug}, format="json")
    assert response.status_code == 400 and "actor" in response.json()
    activity.refresh_from_db()
    assert activity.actor == actor


def test_meeting_places_read_and_propose(api, representative, resident):
    MeetingPlaceFactory(name="Ekerö bibliotek", slug="ekero-bibliotek")
    MeetingPlaceFactory(name="Förslag", status=MeetingPlace.Status.PROPOSED)
    url = reverse("api:meetingplace-list")
    assert [p["name"] for p in api.get(url).json()["results"]] == ["Ekerö bibliotek"]
    api.force_authenticate(resident)
    assert api.post(url, {"name": "Min lokal", "kind": "other", "address": "Väg 1"}, format="json").status_code == 403
    api.force_authenticate(representative)
    response = api.post(url, {"name": "Kajutan", "kind": "day_centre", "address": "Ekerö centrum"}, format="json")
    assert response.status_code == 201
    assert MeetingPlace.objects.get(name="Kajutan").status == MeetingPlace.Status.PROPOSED


def test_the_openapi_description_has_the_new_endpoints(api, db):
    schema = api.get("/api/openapi.json").json()
    for path in ("/api/v1/activities/", "/api/v1/activities/{slug}/", "/api/v1/occurrences/", "/api/v1/meeting-places/"):
        assert path in schema["paths"]
    assert "post" in schema["paths"]["/api/v1/activities/"]


@pytest.mark.parametrize("changes", [
    {"end": in_days(8, 13).isoformat()},
    {"start": in_days(-2).isoformat(), "end": in_days(-2, 20).isoformat()},
    {"rrule": "FREQ=WEEKLY"},
    {"registration_mode": "registration", "capacity": 100001},
    {"is_free": False, "cost": ""},
    {"address": ""},
])
def test_the_api_refuses_what_the_form_refuses_with_the_same_words(client, api, representative, actor, changes):
    """The same activity sent through the page's form and through the API: both refuse it,
    with the same messages."""
    api.force_authenticate(representative)
    api_errors = api.post(LIST, payload(**changes), format="json").json()
    client.force_login(representative)
    start, end = (timezone.localtime(datetime.fromisoformat(payload(**changes)[k])) for k in ("start", "end"))
    page = client.post(reverse("activities:create"), {
        "organiser": f"actor:{actor.pk}", "title": "Stickcafé", "summary": "Vi stickar och fikar.",
        "date": start.date().isoformat(), "start_time": start.strftime("%H:%M"), "end_time": end.strftime("%H:%M"),
        "repeat": "custom" if changes.get("rrule") else "none", "rule": changes.get("rrule", ""),
        "address": changes.get("address", "Ekerö bibliotek"), "registration_mode": changes.get("registration_mode", "drop_in"),
        "capacity": changes.get("capacity", ""), "is_free": "on" if changes.get("is_free", True) else "",
        "cost": changes.get("cost", ""), "status": "published"})
    assert page.status_code == 200
    form_messages = sorted(str(m) for messages in page.context["form"].errors.values() for m in messages)
    assert form_messages and sorted(m for messages in api_errors.values() for m in messages) == form_messages
    assert not Activity.objects.exists()
