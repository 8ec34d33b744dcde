"""Maja, the administrator, corrects activities and places in /admin/. Her changes go
through the same services as the organisers' pages: they are in the history, the cached
calendar and feeds show them at once, and participants are told."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from samverka.activities.models import Activity, Feature, MeetingPlace
from samverka.activities.tests.factories import (
    ActivityFactory,
    MeetingPlaceFactory,
    RegistrationActivityFactory,
    RegistrationFactory,
    in_days,
)
from samverka.activities.tests.helpers import image_file
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.municipality.models import Area

CALENDAR = reverse("activities:calendar")
FEED = reverse("activities:feed")


@pytest.fixture
def cafe(actor):
    activity = RegistrationActivityFactory(actor=actor, title="Språkcafé", slug="sprakcafe", capacity=5,
                                           rrule="FREQ=WEEKLY;COUNT=3", place=MeetingPlaceFactory(name="Kajutan"))
    RegistrationFactory(occurrence=activity.occurrences.order_by("start").first(), email="lina@example.org")
    return activity


def local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")


def activity_data(activity: Activity, **changes) -> dict:
    """The admin's change form as it comes back, with some fields changed."""
    def pks(name):
        return [o.pk for o in getattr(activity, name).all()] if activity.pk else []

    data = {
        "actor": activity.actor_id or "", "office": activity.office_id or "", "title": activity.title,
        "summary": activity.summary, "description": activity.description, "place": activity.place_id or "",
        "address": activity.address, "district": activity.district_id or "",
        "areas": pks("areas"), "target_groups": pks("target_groups"), "languages": pks("languages"),
        "sdg_goals": pks("sdg_goals"),
        "cost": activity.cost, "is_free": "on" if activity.is_free else "", "image_alt": activity.image_alt,
        "registration_mode": activity.registration_mode, "capacity": activity.capacity or "",
        "registration_deadline_0": "", "registration_deadline_1": "", "status": activity.status,
        "step_free_entry": "", "hearing_loop": "", "accessible_toilet": "", "accessibility_notes": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None and v != ""}


def test_an_edit_in_the_admin_is_recorded_and_shows_at_once(client, maja, cafe, administrator):
    assert "Språkcafé" in client.get(CALENDAR).content.decode()
    client.get(FEED)
    kultur = Area.objects.get(slug="kultur")

    response = maja.post(reverse("admin:activities_activity_change", args=[cafe.pk]),
                         activity_data(cafe, title="Språkcafé på Kajutan", areas=[kultur.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]

    event = AuditEvent.objects.get(action="activity.update")
    assert event.user == administrator
    assert event.changes["title"] == ["Språkcafé", "Språkcafé på Kajutan"]
    assert event.changes["areas"] == [[], ["Kultur"]]  # the history shows names, not ids
    cafe.refresh_from_db()
    assert list(cafe.areas.all()) == [kultur]
    assert "Språkcafé på Kajutan" in client.get(CALENDAR).content.decode()
    [summary] = [str(e["SUMMARY"]) for e in Calendar.from_ical(client.get(FEED).content).walk("VEVENT")]
    assert summary == "Språkcafé på Kajutan"


def test_cancelling_in_the_admin_tells_the_participants(client, maja, cafe):
    response = maja.post(reverse("admin:activities_activity_change", args=[cafe.pk]),
                         activity_data(cafe, status="cancelled"))
    assert response.status_code == 302
    cafe.refresh_from_db()
    assert cafe.status == Activity.Status.CANCELLED
    assert AuditEvent.objects.filter(action="activity.cancel").count() == 1
    assert OutboxMessage.objects.get(to="lina@example.org")
    assert "is-cancelled" in client.get(CALENDAR).content.decode()


def test_deleting_in_the_admin_is_recorded_tells_the_participants_and_removes_the_image(
        client, maja, cafe, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    cafe.image = image_file()
    cafe.save()
    path = cafe.image.path
    assert "Språkcafé" in client.get(CALENDAR).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = maja.post(reverse("admin:activities_activity_delete", args=[cafe.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=cafe.pk).exists()
    assert AuditEvent.objects.get(action="activity.delete").target_label == "Språkcafé"
    assert OutboxMessage.objects.get(to="lina@example.org")
    assert "Språkcafé" not in client.get(CALENDAR).content.decode()
    import os
    assert not os.path.exists(path)


def test_deleting_several_at_once_goes_through_the_service_too(maja, actor):
    first, second = ActivityFactory(actor=actor), ActivityFactory(actor=actor)
    response = maja.post(reverse("admin:activities_activity_changelist"),
                         {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"})
    assert response.status_code == 302
    assert not Activity.objects.exists()
    assert AuditEvent.objects.filter(action="activity.delete").count() == 2


def test_adding_in_the_admin_stores_the_dates_and_is_recorded(client, maja, actor):
    start = in_days(3, 18)
    data = activity_data(ActivityFactory.build(actor=actor, title="Körövning", summary="Vi sjunger."),
                         start_0=timezone.localtime(start).date().isoformat(), start_1="18:00:00",
                         end_0=timezone.localtime(start).date().isoformat(), end_1="20:00:00",
                         rrule="FREQ=WEEKLY;COUNT=4", status="published")
    response = maja.post(reverse("admin:activities_activity_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get(title="Körövning")
    assert activity.slug == "korovning" and activity.occurrences.count() == 4
    assert AuditEvent.objects.filter(action="activity.create").count() == 1
    assert "Körövning" in client.get(CALENDAR).content.decode()


def test_a_broken_rule_in_the_admin_is_explained_and_nothing_is_stored(maja, actor):
    start = in_days(3, 18)
    data = activity_data(ActivityFactory.build(actor=actor, title="Körövning", summary="Vi sjunger."),
                         start_0=timezone.localtime(start).date().isoformat(), start_1="18:00:00",
                         end_0=timezone.localtime(start).date().isoformat(), end_1="17:00:00",
                         rrule="FREQ=WEEKLY", status="published")
    response = maja.post(reverse("admin:activities_activity_add"), data)
    assert response.status_code == 200
    assert not Activity.objects.exists()


def test_a_place_renamed_or_deleted_in_the_admin(client, maja, cafe):
    place = cafe.place
    assert "Kajutan" in client.get(CALENDAR).content.decode()
    response = maja.post(reverse("admin:activities_meetingplace_change", args=[place.pk]), {
        "name": "Träffpunkt Kajutan", "kind": place.kind, "address": place.address, "district": "",
        "opening_hours": "", "offers": "", "website": "", "owner": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert AuditEvent.objects.filter(action="place.update").count() == 1
    assert "Träffpunkt Kajutan" in client.get(CALENDAR).content.decode()

    response = maja.post(reverse("admin:activities_meetingplace_delete", args=[place.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not MeetingPlace.objects.exists()
    cafe.refresh_from_db()
    assert cafe.place is None and cafe.address == f"Träffpunkt Kajutan, {place.address}"
    assert AuditEvent.objects.filter(action="place.delete").count() == 1
    assert "Träffpunkt Kajutan" in client.get(CALENDAR).content.decode()


def test_featuring_in_the_admin_goes_through_the_service(maja, cafe, administrator):
    today = timezone.localdate()
    response = maja.post(reverse("admin:activities_feature_add"), {
        "activity": cafe.pk, "starts_on": today.isoformat(), "ends_on": (today + timedelta(days=3)).isoformat()})
    assert response.status_code == 302
    feature = Feature.objects.get()
    assert feature.created_by == administrator
    assert AuditEvent.objects.filter(action="activity.feature").count() == 1
    maja.post(reverse("admin:activities_feature_delete", args=[feature.pk]), {"post": "yes"})
    assert not Feature.objects.exists()
    assert AuditEvent.objects.filter(action="activity.unfeature").count() == 1
