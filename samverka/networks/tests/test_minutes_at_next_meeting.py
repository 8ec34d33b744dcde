"""Minutes approved at the next meeting: the next meeting's agenda gets "approve the minutes
of <date>" while they are not approved, the chair approves them there once it has started, and
the minutes say at which meeting they were approved."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.networks import services
from samverka.networks.models import AgendaItem, Minutes

from .factories import GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _meeting_form(day):
    return {"title": "Nätverksträff i juni", "date": day.isoformat(), "start_time": "18:00", "end_time": "20:00",
            "place": "Ekerö bibliotek"}


@pytest.fixture
def held(network, secretary):
    """Last month's meeting, its minutes written by the secretary and not yet approved."""
    meeting = MeetingFactory(group=network, title="Majträffen", start=timezone.now() - timedelta(days=30))
    services.save_minutes(by=secretary, meeting=meeting, text="§1 Språkcaféet i Stenhamra startar i augusti.",
                          decisions=["Språkcaféet startar."], revision=0)
    return meeting


def _plan_next(client, network, chair, days=7):
    client.force_login(chair)
    client.post(reverse("networks:plan", args=[network.slug]), _meeting_form(timezone.localdate() + timedelta(days=days)))
    return network.meetings.latest("start")


def test_the_next_meeting_gets_the_item_and_the_chair_approves_there(client, network, chair, held, member):
    coming = _plan_next(client, network, chair)
    item = coming.agenda.get()
    assert item.standing == AgendaItem.Standing.APPROVE_MINUTES and item.minutes_of == held
    when = date_format(timezone.localtime(held.start), "j F Y")
    assert says("Approve the minutes of %(when)s", when=when) in client.get(coming.get_absolute_url()).content.decode()
    with time_machine.travel(coming.start + timedelta(minutes=30)):
        page = client.get(coming.get_absolute_url()).content.decode()
        assert says("Approve them at this meeting") in page
        revision = held.minutes.get().revision
        response = client.post(reverse("networks:approve", args=[held.pk]),
                               {"revision": revision, "at_meeting": coming.pk})
        assert response.status_code == 302 and response["Location"] == coming.get_absolute_url()
    minutes = held.minutes.get()
    assert minutes.status == Minutes.Status.APPROVED and minutes.approved_by == chair
    assert minutes.approved_at_meeting == coming
    event = AuditEvent.objects.get(action="minutes.approve")
    assert event.changes["at_meeting"].startswith("Nätverksträff i juni")
    client.force_login(member)
    page = client.get(held.get_absolute_url()).content.decode()
    assert coming.get_absolute_url() in page
    assert says("Approved at the meeting of %(when)s.", when=date_format(timezone.localtime(coming.start), "j F Y")) in page


def test_not_before_the_next_meeting_has_started(client, network, chair, held):
    coming = _plan_next(client, network, chair)
    assert says("Approve them at this meeting") not in client.get(coming.get_absolute_url()).content.decode()
    response = client.post(reverse("networks:approve", args=[held.pk]),
                           {"revision": held.minutes.get().revision, "at_meeting": coming.pk})
    when = date_format(timezone.localtime(coming.start), "j F Y")
    assert says("The meeting of %(date)s has not started. Approve the minutes when it is held.", date=when) in flash(response)
    assert held.minutes.get().status == Minutes.Status.DRAFT


def test_a_member_may_not_and_another_groups_meeting_is_not_found(client, network, chair, held, member):
    coming = _plan_next(client, network, chair)
    other = MeetingFactory(group=GroupFactory(office=network.office), start=timezone.now() - timedelta(hours=1))
    url = reverse("networks:approve", args=[held.pk])
    with time_machine.travel(coming.start + timedelta(minutes=30)):
        client.force_login(member)
        assert says("Approve them at this meeting") not in client.get(coming.get_absolute_url()).content.decode()
        assert client.post(url, {"revision": held.minutes.get().revision, "at_meeting": coming.pk}).status_code == 403
        client.force_login(chair)
        assert client.post(url, {"revision": held.minutes.get().revision, "at_meeting": other.pk}).status_code == 404
    assert held.minutes.get().status == Minutes.Status.DRAFT


def test_approved_minutes_put_no_item_on_the_next_agenda(client, network, chair, held):
    services.approve_minutes(by=chair, meeting=held, revision=held.minutes.get().revision)
    assert not _plan_next(client, network, chair).agenda.exists()
