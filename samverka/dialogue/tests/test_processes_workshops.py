"""Workshops: the office links an activity to a process with agenda and notes; a point from the
notes becomes a feedback item or a need."""

import pytest
from django.urls import reverse

from samverka.activities.tests.factories import ActivityFactory
from samverka.dialogue.models import FeedbackItem, Workshop
from samverka.needs.models import Need

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
