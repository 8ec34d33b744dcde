"""A group's page, a meeting's page and the owner's list of points cost the same number of
queries with few members, meetings and points as with many."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.tests.factories import AssociationFactory
from samverka.networks.models import Membership, Minutes

from .factories import MeetingFactory, PointFactory


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def grow(network, chair, meeting, n):
    for i in range(n):
        user = UserFactory()
        Membership.objects.create(group=network, user=user, actor=AssociationFactory() if i % 3 == 0 else None)
        MeetingFactory(group=network, is_open=bool(i % 2), start=timezone.now() + timedelta(days=i + 1))
        past = MeetingFactory(group=network, start=timezone.now() - timedelta(days=i + 2))
        Minutes.objects.create(meeting=past, text="§1", status=Minutes.Status.APPROVED)
        meeting.attendees.add(user)
        meeting.agenda.create(title=f"Punkt {i}", proposed_by=user)
        PointFactory(meeting=meeting, owner_user=chair, due_on=timezone.localdate() + timedelta(days=i - 3))
        PointFactory(meeting=meeting, owner_user=user)


def test_pages_cost_the_same_with_more_data(client, network, chair, secretary):
    network.minutes_rule = network.MinutesRule.PUBLIC
    network.save()
    meeting = MeetingFactory(group=network)
    Minutes.objects.create(meeting=meeting, text="§1 Öppnande", revision=1)
    client.force_login(chair)
    urls = [network.get_absolute_url(), meeting.get_absolute_url(), reverse("networks:my_points"),
            reverse("networks:points", args=[network.slug]), reverse("accounts:dashboard")]
    grow(network, chair, meeting, 3)
    few = {url: queries(client, url) for url in urls}
    grow(network, chair, meeting, 12)
    many = {url: queries(client, url) for url in urls}
    assert many == few


def test_a_meeting_page_does_not_list_every_member_for_the_chair(client, network, chair):
    """Attendance and a new point choose among all members on their own pages: the meeting page
    of a big network stays small (the bench's 2 000 members made it 437 KB)."""
    meeting = MeetingFactory(group=network, start=timezone.now() - timedelta(hours=3),
                             end=timezone.now() - timedelta(hours=1))
    client.force_login(chair)
    people = UserFactory.create_batch(25, first_name="Medlemmen")
    Membership.objects.bulk_create([Membership(group=network, user=u) for u in people])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("networks:attendance", args=[meeting.pk]) in page
    assert reverse("networks:add_point", args=[meeting.pk]) in page
    assert "Medlemmen" not in page
    for url in (reverse("networks:attendance", args=[meeting.pk]), reverse("networks:add_point", args=[meeting.pk])):
        assert client.get(url).content.decode().count("Medlemmen") == 25
