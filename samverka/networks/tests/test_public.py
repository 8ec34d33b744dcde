"""The public side of a group: the list of public groups, a group's page without members'
contact details, its calendar feed, and announcements to members with a way to stop them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from samverka.actors.tests.factories import AssociationFactory
from samverka.communication.models import OutboxMessage
from samverka.networks.models import Membership

from .factories import GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_public_groups_only(client, network, office):
    GroupFactory(office=office, name="Styrgruppen", slug="styrgruppen", is_public=False)
    page = client.get(reverse("networks:index")).content.decode()
    assert "Öar utan gränser" in page and "Styrgruppen" not in page


def test_a_group_page_shows_purpose_actors_and_open_meetings_never_contacts(client, network, chair, member):
    pro = AssociationFactory(name="Röda Korset Ekerö")
    Membership.objects.filter(user=member).update(actor=pro)
    MeetingFactory(group=network, title="Öppen nätverksträff", is_open=True)
    MeetingFactory(group=network, title="Planeringsmöte", is_open=False)
    page = client.get(network.get_absolute_url()).content.decode()
    assert network.purpose in page and "Röda Korset Ekerö" in page
    assert "Öppen nätverksträff" in page and "Planeringsmöte" not in page
    for private in (chair.email, member.email, "Amira", "Helena"):
        assert private not in page
    # The members see the members' meeting too.
    client.force_login(member)
    assert "Planeringsmöte" in client.get(network.get_absolute_url()).content.decode()


def test_the_public_page_is_cached_and_a_new_meeting_shows(client, network, chair, django_assert_num_queries):
    client.get(network.get_absolute_url())
    with django_assert_num_queries(0):
        client.get(network.get_absolute_url())
    from samverka.networks import services

    start = timezone.now() + timedelta(days=10)
    services.plan_meeting(by=chair, group=network, data={"title": "Vårens träff", "start": start,
                                                         "end": start + timedelta(hours=2), "place": "Ekebyhov",
                                                         "is_open": True})
    assert "Vårens träff" in client.get(network.get_absolute_url()).content.decode()


def test_the_feed_lists_open_meetings_for_everyone_and_all_for_members(client, network, member):
    MeetingFactory(group=network, title="Öppen träff", is_open=True)
    MeetingFactory(group=network, title="Internt möte", is_open=False)
    response = client.get(reverse("networks:feed", args=[network.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    titles = [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert titles == ["Öppen träff"]
    client.force_login(member)
    titles = [str(e["summary"]) for e in
              Calendar.from_ical(client.get(reverse("networks:feed", args=[network.slug])).content).walk("VEVENT")]
    assert sorted(titles) == ["Internt möte", "Öppen träff"]


def test_announcements_reach_members_until_they_stop_them(client, network, chair, member):
    client.force_login(chair)
    url = reverse("networks:announce", args=[network.slug])
    data = {"subject": "Nätverksträff 12 maj", "body": "Välkomna till biblioteket!", "submission_token": "t" * 32}
    assert client.post(url, data).status_code == 302
    client.post(url, data)  # a double submit sends nothing twice
    assert set(OutboxMessage.objects.values_list("to", flat=True)) == {chair.email, member.email}
    assert OutboxMessage.objects.count() == 2

    client.force_login(member)
    client.post(reverse("networks:announcements", args=[network.slug]), {"receive": "0"})
    assert not Membership.objects.get(user=member).announcements
    client.force_login(chair)
    client.post(url, {"subject": "Ny träff", "body": "Hej"})
    assert list(OutboxMessage.objects.filter(subject__contains="Ny träff").values_list("to", flat=True)) == [chair.email]


def test_a_member_may_not_send_announcements(client, network, member):
    client.force_login(member)
    assert client.post(reverse("networks:announce", args=[network.slug]),
                       {"subject": "Reklam", "body": "Köp"}).status_code == 403
    assert not OutboxMessage.objects.exists()
