"""The overview's figures for one meeting of a standing group: the months since the group's
previous meeting against the same months a year earlier, to the group's members and those who
see the overview, in a fixed number of queries."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from samverka.actors.tests.factories import ActorFactory
from samverka.core.tests.helpers import says
from samverka.municipality.tests.factories import OfficeFactory
from samverka.networks.models import Group, Membership
from samverka.networks.tests.factories import GroupFactory, MeetingFactory
from samverka.networks.tests.factories import MembershipFactory as GroupMembershipFactory
from samverka.overview.models import Figure, Metric, Tie

NOW = dt.datetime(2026, 6, 15, 10, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _june():
    with time_machine.travel(NOW, tick=False):
        yield


def _at(year, month, day=10):
    return dt.datetime(year, month, day, 9, tzinfo=dt.UTC)


@pytest.fixture
def body(official):
    """Run by Sara's office, closed to others."""
    return GroupFactory(name="Samverkansorganet", slug="samverkansorganet", kind=Group.Kind.COOPERATION_BODY,
                        office=official.office_memberships.get().office, is_public=False,
                        join_rule=Group.JoinRule.APPOINTED)


@pytest.fixture
def meetings(body):
    """The body met in February and meets again on 10 June."""
    MeetingFactory(group=body, title="Februarimötet", start=_at(2026, 2))
    return MeetingFactory(group=body, title="Junimötet", start=_at(2026, 6))


@pytest.fixture
def member(body, resident):
    """Lina, a resident (no official, no overview of her own), sits in the body."""
    GroupMembershipFactory(group=body, user=resident, role=Membership.Role.MEMBER)
    return resident


def _fill(n=1, *, figures=True):
    """Monthly figures: activities `10 * n` a month, actors in the register 100 + month; ties of
    `n` actors in March and April 2026 and of one actor in January 2026 and in March 2025."""
    for year in (2025, 2026) if figures else ():
        for month in range(1, 13 if year == 2025 else 7):
            day = dt.date(year, month, 1)
            Figure.objects.create(month=day, metric=Metric.ACTIVITIES, count=10 * n if year == 2026 else 5)
            Figure.objects.create(month=day, metric=Metric.ACTORS, count=100 + month + (year - 2025) * 50)
    office = OfficeFactory(name=f"Kontoret {n}")
    for i in range(n):
        actor = ActorFactory(name=f"Förening {n}-{i}")
        for month in (3, 4):
            Tie.objects.create(actor=actor, office=office, month=dt.date(2026, month, 1))
    early = ActorFactory(name=f"Tidig förening {n}")
    Tie.objects.create(actor=early, office=office, month=dt.date(2026, 1, 1))
    Tie.objects.create(actor=early, office=office, month=dt.date(2025, 3, 1))


def _figure(page: str, label: str) -> str:
    start = page.index(str(label))
    return page[page.rindex("<li>", 0, start):page.index("</li>", start)]


def test_a_member_sees_the_figures_since_the_last_meeting(client, meetings, member):
    _fill(3)
    client.force_login(member)
    response = client.get(reverse("overview:meeting", args=[meetings.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    # February to June: five months of activities (30 each), against five months of 2025 (5 each).
    activities = _figure(page, says("Activities"))
    assert ">150<" in activities.replace(" ", "") and "25" in activities
    # A stock is June's number: 100 + 6 + 50, against June 2025.
    actors = _figure(page, says("Actors in the register"))
    assert ">156<" in actors.replace(" ", "") and "106" in actors
    # Distinct actors with ties from February to June: the three of March and April (the one of
    # January is before the last meeting); a year earlier one, in March 2025.
    cooperating = _figure(page, says("Actors cooperating with an office"))
    assert ">3<" in cooperating.replace(" ", "")
    assert reverse("networks:meeting", args=[meetings.pk]) in page


def test_the_first_meeting_counts_from_january(client, body, member):
    _fill(2)
    first = MeetingFactory(group=body, title="Första mötet", start=_at(2026, 5))
    client.force_login(member)
    page = client.get(reverse("overview:meeting", args=[first.pk])).content.decode()
    assert ">100<" in _figure(page, says("Activities")).replace(" ", "")  # January to May, 20 a month
    assert ">3<" in _figure(page, says("Actors cooperating with an office")).replace(" ", "")


def test_the_office_running_the_group_sees_it_strangers_do_not(client, body, meetings, official, process_leader,
                                                                representative):
    """Sara's office runs the body; Jonas chairs it; Eva and an official of another office
    cannot see the closed group at all."""
    GroupMembershipFactory(group=body, user=process_leader, role=Membership.Role.CHAIR)
    url = reverse("overview:meeting", args=[meetings.pk])
    for person in (process_leader, official):
        client.force_login(person)
        assert client.get(url).status_code == 200
    from samverka.municipality.tests.factories import OfficeMembershipFactory

    stranger = OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret").user
    for person in (representative, stranger):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_public_groups_meeting_is_refused_to_who_is_not_in_it(client, resident):
    network = GroupFactory(name="Öar utan gränser", slug="oar", is_public=True)
    meeting = MeetingFactory(group=network, start=_at(2026, 6))
    client.force_login(resident)
    assert client.get(reverse("overview:meeting", args=[meeting.pk])).status_code == 403
    GroupMembershipFactory(group=network, user=resident)
    assert client.get(reverse("overview:meeting", args=[meeting.pk])).status_code == 200


def test_the_page_costs_the_same_with_more_data(client, meetings, member, django_assert_num_queries):
    client.force_login(member)
    _fill(1)
    url = reverse("overview:meeting", args=[meetings.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _fill(20, figures=False)
    for month in range(1, 6):  # more meetings before this one
        MeetingFactory(group=meetings.group, start=_at(2025, month))
    with django_assert_num_queries(len(few)):
        assert client.get(url).status_code == 200
