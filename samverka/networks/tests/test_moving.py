"""A meeting moved after the invitations went out: the members are told once, an open
meeting's activity moves with it, and only those who plan the group's meetings may move it."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _plan(client, group, **extra):
    day = timezone.localdate() + timedelta(days=20)
    return client.post(reverse("networks:plan", args=[group.slug]), {
        "title": "Nätverksträff i maj", "date": day.isoformat(), "start_time": "18:00", "end_time": "20:00",
        "place": "Ekerö bibliotek", **extra})


def _move(client, meeting, days=21, start="17:00", **extra):
    day = timezone.localdate() + timedelta(days=days)
    return client.post(reverse("networks:move", args=[meeting.pk]), {
        "date": day.isoformat(), "start_time": start, "end_time": "19:00", "place": "Ekerö kommunhus", **extra})


def _moved(user):
    return OutboxMessage.objects.filter(to=user.email, idempotency_key__startswith="meeting-moved-")


def test_members_are_invited_and_told_of_a_move_once(client, network, chair, member):
    client.force_login(chair)
    _plan(client, network, invite="on")
    meeting = network.meetings.get()
    assert meeting.invited_at is not None
    assert OutboxMessage.objects.filter(to=member.email, idempotency_key__startswith="meeting-invitation-").count() == 1
    # The form, sent twice (a double click): one move, one message.
    client.get(reverse("networks:move", args=[meeting.pk]))
    response = _move(client, meeting)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.start).hour == 17 and meeting.place == "Ekerö kommunhus"
    _move(client, meeting)
    assert _moved(member).count() == 1
    # A quick correction in the same minute: still one message, and it says the latest time.
    with time_machine.travel(timezone.now(), tick=False):
        _move(client, meeting, start="16:30")
        _move(client, meeting, start="16:00")
    messages = _moved(member)
    assert messages.count() <= 2  # at most one per minute, whatever the number of moves
    assert "16.00" in messages.order_by("-pk").first().body_text
    assert AuditEvent.objects.filter(action="meeting.move").count() >= 2


def test_a_second_move_in_the_same_minute_sends_nothing_twice(client, network, chair, member):
    client.force_login(chair)
    _plan(client, network, invite="on")
    meeting = network.meetings.get()
    with time_machine.travel(timezone.now().replace(second=5), tick=False):
        _move(client, meeting, start="17:00")
        _move(client, meeting, start="16:00")
    assert _moved(member).count() == 1
    assert "16.00" in _moved(member).get().body_text
    # A later move is news again.
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        _move(client, meeting, start="15:00")
    assert _moved(member).count() == 2


def test_no_invitations_no_message_and_an_unsubscribed_member_hears_nothing(client, network, chair, member):
    client.force_login(chair)
    _plan(client, network)  # without invitations
    meeting = network.meetings.get()
    _move(client, meeting)
    assert not _moved(member).exists()
    network.memberships.filter(user=member).update(announcements=False)
    meeting.invited_at = timezone.now()
    meeting.save()
    _move(client, meeting, start="16:00")
    assert not _moved(member).exists() and _moved(chair).count() == 1


def test_an_open_meeting_s_activity_moves_with_it(client, network, chair):
    client.force_login(chair)
    _plan(client, network, is_open="on", capacity="30")
    meeting = network.meetings.get()
    _move(client, meeting, days=25)
    meeting.refresh_from_db()
    meeting.activity.refresh_from_db()
    assert meeting.activity.start == meeting.start and meeting.activity.address == "Ekerö kommunhus"
    assert meeting.occurrence is not None and meeting.occurrence.start == meeting.start


def test_bad_times_are_told_and_a_started_meeting_is_not_moved(client, network, chair):
    from samverka.networks.tests.factories import MeetingFactory

    meeting = MeetingFactory(group=network)
    start = meeting.start
    client.force_login(chair)
    response = _move(client, meeting, days=-2)
    assert response.status_code == 200 and "Ekerö kommunhus" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.start == start
    started = MeetingFactory(group=network, start=timezone.now() - timedelta(minutes=10))
    _move(client, started)
    started.refresh_from_db()
    assert started.place != "Ekerö kommunhus"


def test_a_member_may_not_move_a_meeting(client, network, member, resident):
    from samverka.networks.tests.factories import MeetingFactory

    meeting = MeetingFactory(group=network)
    for person in (member, resident):
        client.force_login(person)
        assert _move(client, meeting).status_code == 403
        assert client.get(reverse("networks:move", args=[meeting.pk])).status_code == 403
    meeting.refresh_from_db()
    assert meeting.place != "Ekerö kommunhus" and not AuditEvent.objects.filter(action="meeting.move").exists()
