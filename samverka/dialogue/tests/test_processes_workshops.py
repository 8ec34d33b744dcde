"""Workshops: the office links an activity to a process with agenda and notes; a point from the
notes becomes a feedback item or a need."""

import pytest
from django.urls import reverse

from samverka.activities.tests.factories import ActivityFactory
from samverka.dialogue.models import FeedbackItem, Workshop
from samverka.needs.models import Need


@pytest.fixture(autouse=True)
def _english():
    """These tests read the pages' English words: their addresses are the English ones."""
    from django.utils import translation

    with translation.override("en"):
        yield

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(office):
    return ActivityFactory(actor=None, office=office, title="Workshop på Ekebyhov")


def test_link_an_activity_and_write_notes(client, official, process, activity):
    client.force_login(official)
    response = client.post(reverse("dialogue:workshop_new", args=[process.slug]),
                           {"activity": activity.pk, "kind": "workshop", "agenda": "1. Välkomna",
                            "notes": "Unga vill ha längre öppettider.", "participants": "25"})
    workshop = Workshop.objects.get()
    assert response.url == reverse("dialogue:workshop", args=[process.slug, workshop.pk])
    assert workshop.activity == activity and workshop.participants == 25


def test_a_point_becomes_a_feedback_item_or_a_need_once(client, official, process, activity):
    workshop = Workshop.objects.create(process=process, activity=activity, notes="Anteckningar")
    client.force_login(official)
    url = reverse("dialogue:workshop_point", args=[process.slug, workshop.pk])
    point = {"title": "Längre öppettider", "said": "Unga vill ha öppet till 23.", "becomes": "feedback",
             "submission_token": "p1"}
    client.post(url, point)
    client.post(url, point)
    item = FeedbackItem.objects.get()
    assert item.workshop == workshop and item.process == process and item.office == process.office
    client.post(url, {"title": "Ledare till musikrummet", "said": "Vi behöver en volontär som kan musik.",
                      "becomes": "need", "submission_token": "p2"})
    need = Need.objects.get()
    assert need.office == process.office and need.title == "Ledare till musikrummet"
    page = client.get(reverse("dialogue:workshop", args=[process.slug, workshop.pk])).content.decode()
    assert "Längre öppettider" in page


def test_others_may_not_touch_workshops(client, resident, process, activity):
    workshop = Workshop.objects.create(process=process, activity=activity)
    client.force_login(resident)
    assert client.get(reverse("dialogue:workshop", args=[process.slug, workshop.pk])).status_code == 403
    assert client.post(reverse("dialogue:workshop_point", args=[process.slug, workshop.pk]),
                       {"title": "x", "said": "y", "becomes": "feedback"}).status_code == 403
    assert not FeedbackItem.objects.exists()


NEW = {"kind": "workshop", "agenda": "1. Välkomna", "notes": "", "participants": "",
       "new_title": "Workshop om fritidsgårdar", "new_start": "2030-03-12T18:00", "new_end": "2030-03-12T20:00",
       "new_address": "Ekebyhovs slott, Ekerö", "new_capacity": "40", "new_registration": "on"}


def test_the_workshop_form_makes_its_activity_in_the_calendar_once(client, official, process):
    from samverka.activities.models import Activity, Occurrence

    client.force_login(official)
    url = reverse("dialogue:workshop_new", args=[process.slug])
    first = client.post(url, {**NEW, "submission_token": "w1"})
    second = client.post(url, {**NEW, "submission_token": "w1"})
    workshop = Workshop.objects.get()
    activity = Activity.objects.get()
    assert first.url == second.url == reverse("dialogue:workshop", args=[process.slug, workshop.pk])
    assert workshop.activity == activity and activity.office == process.office
    assert activity.title == "Workshop om fritidsgårdar" and activity.capacity == 40
    assert activity.registration_mode == Activity.Mode.REQUIRED and activity.address == "Ekebyhovs slott, Ekerö"
    assert Occurrence.objects.filter(activity=activity).count() == 1
    page = client.get(first.url).content.decode()
    assert "0 of 40 places taken" in page
    assert reverse("activities:participants", args=[activity.slug]) in page


def test_the_workshop_page_shows_the_registration(client, official, process, office):
    from samverka.activities.models import Registration
    from samverka.activities.tests.factories import RegistrationActivityFactory, RegistrationFactory

    activity = RegistrationActivityFactory(actor=None, office=office)
    occurrence = activity.occurrences.get()
    RegistrationFactory.create_batch(3, occurrence=occurrence)
    RegistrationFactory(occurrence=occurrence, status=Registration.Status.WAITLISTED)
    workshop = Workshop.objects.create(process=process, activity=activity)
    client.force_login(official)
    page = client.get(reverse("dialogue:workshop", args=[process.slug, workshop.pk])).content.decode()
    assert "3 of 10 places taken" in page and "1 on the waiting list" in page


def test_bad_dates_and_two_sources_are_refused_and_the_input_kept(client, official, process, activity):
    client.force_login(official)
    url = reverse("dialogue:workshop_new", args=[process.slug])
    page = client.post(url, {**NEW, "new_end": "2030-03-12T17:00", "submission_token": "w2"}).content.decode()
    assert "The end must come after the start." in page and "Workshop om fritidsgårdar" in page
    page = client.post(url, {**NEW, "activity": activity.pk, "submission_token": "w3"}).content.decode()
    assert "only one of them" in page
    page = client.post(url, {"kind": "workshop", "agenda": "Dagordning kvar", "submission_token": "w4"}).content.decode()
    assert "Choose the workshop&#x27;s activity" in page and "Dagordning kvar" in page
    assert not Workshop.objects.exists()


def test_a_standing_groups_meeting_becomes_the_workshop(client, official, process, office, activity):
    from samverka.activities.models import Activity
    from samverka.networks.tests.factories import GroupFactory, MeetingFactory

    group = GroupFactory(office=office, name="Ungdomsrådet")
    in_calendar = MeetingFactory(group=group, title="Ungdomsrådets möte", activity=activity)
    not_in_calendar = MeetingFactory(group=group, title="Rådets arbetsmöte", is_open=True)
    client.force_login(official)
    url = reverse("dialogue:workshop_new", args=[process.slug])
    client.post(url, {"group_meeting": in_calendar.pk, "kind": "network_meeting", "submission_token": "g1"})
    workshop = Workshop.objects.get()
    assert workshop.activity == activity and workshop.group_meeting == in_calendar
    client.post(url, {"group_meeting": not_in_calendar.pk, "kind": "network_meeting", "submission_token": "g2"})
    made = Workshop.objects.exclude(pk=workshop.pk).get()
    assert made.activity.title == "Rådets arbetsmöte" and made.activity.office == office
    assert made.activity.start == not_in_calendar.start and made.activity.registration_mode == Activity.Mode.REQUIRED
    page = client.get(reverse("dialogue:workshop", args=[process.slug, made.pk])).content.decode()
    assert "a meeting of Ungdomsrådet" in page


def test_another_offices_group_meeting_is_not_offered(client, official, process):
    from samverka.networks.tests.factories import MeetingFactory

    meeting = MeetingFactory(title="Annan förvaltnings möte")
    client.force_login(official)
    page = client.get(reverse("dialogue:workshop_new", args=[process.slug])).content.decode()
    assert "Annan förvaltnings möte" not in page
    client.post(reverse("dialogue:workshop_new", args=[process.slug]),
                {"group_meeting": meeting.pk, "kind": "workshop", "submission_token": "g3"})
    assert not Workshop.objects.exists()
