"""The standing agenda of a cooperation body and a steering group: every new meeting starts
with the overview's figures since the last meeting, what goes between the body and the
steering group, and the follow-up points due; other groups' meetings start empty."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.networks.models import AgendaItem, Group, Membership

from .factories import GroupFactory, MeetingFactory, MembershipFactory, PointFactory

pytestmark = pytest.mark.django_db


def _meeting_form(days=20, **extra):
    day = timezone.localdate() + timedelta(days=days)
    return {"title": "Samverkansorganets möte", "date": day.isoformat(), "start_time": "09:00",
            "end_time": "11:00", "place": "Kommunhuset, Ekerö", **extra}


@pytest.fixture
def body(office, process_leader):
    group = GroupFactory(name="Samverkansorganet", slug="samverkansorganet", kind=Group.Kind.COOPERATION_BODY,
                         office=office, join_rule=Group.JoinRule.APPOINTED)
    MembershipFactory(group=group, user=process_leader, role=Membership.Role.CHAIR)
    return group


def test_a_cooperation_body_meeting_starts_with_the_standing_items(client, body, process_leader):
    client.force_login(process_leader)
    response = client.post(reverse("networks:plan", args=[body.slug]), _meeting_form())
    assert response.status_code == 302
    meeting = body.meetings.get()
    assert list(meeting.agenda.values_list("standing", flat=True)) == [
        AgendaItem.Standing.FIGURES, AgendaItem.Standing.REPORTS, AgendaItem.Standing.PROPOSALS,
        AgendaItem.Standing.POINTS_DUE]
    assert AuditEvent.objects.get(action="meeting.plan").changes["standing_items"] == 4
    page = client.get(meeting.get_absolute_url()).content.decode()
    for text in ("The overview's figures since the last meeting", "Reports to the steering group",
                 "Proposals to the steering group", "Follow-up points due"):
        assert says(text) in page
    assert reverse("overview:meeting", args=[meeting.pk]) in page


def test_the_standing_items_are_in_the_readers_language(client, body, process_leader):
    client.force_login(process_leader)
    client.post(reverse("networks:plan", args=[body.slug]), _meeting_form())
    meeting = body.meetings.get()
    with translation.override("en"):
        url = meeting.get_absolute_url()
    assert says("Reports to the steering group", "en") in client.get(url).content.decode()


def test_a_steering_group_meeting_takes_the_bodys_reports_and_proposals(client, office, process_leader):
    steering = GroupFactory(name="Styrgruppen", slug="styrgruppen", kind=Group.Kind.STEERING_GROUP, office=office,
                            is_public=False)
    MembershipFactory(group=steering, user=process_leader, role=Membership.Role.SECRETARY)
    client.force_login(process_leader)
    client.post(reverse("networks:plan", args=[steering.slug]), _meeting_form(title="Styrgruppens möte"))
    assert list(steering.meetings.get().agenda.values_list("standing", flat=True)) == [
        AgendaItem.Standing.FIGURES, AgendaItem.Standing.BODY_REPORTS, AgendaItem.Standing.BODY_PROPOSALS,
        AgendaItem.Standing.POINTS_DUE]


def test_a_network_meeting_has_no_standing_items(client, network, chair):
    client.force_login(chair)
    client.post(reverse("networks:plan", args=[network.slug]), _meeting_form(title="Nätverksträff"))
    meeting = network.meetings.get()
    assert not meeting.agenda.exists()
    assert reverse("overview:meeting", args=[meeting.pk]) not in client.get(meeting.get_absolute_url()).content.decode()


def test_the_points_due_by_the_meeting_are_listed_under_their_item(client, body, process_leader):
    client.force_login(process_leader)
    client.post(reverse("networks:plan", args=[body.slug]), _meeting_form(days=20))
    meeting = body.meetings.get()
    held = MeetingFactory(group=body, start=timezone.now() - timedelta(days=30))
    overdue = PointFactory(meeting=held, title="Ta fram underlag om lokaler", owner_user=process_leader,
                           due_on=timezone.localdate() - timedelta(days=2))
    due = PointFactory(meeting=held, title="Sammanställ nätverkens läge", owner_user=process_leader,
                       due_on=timezone.localdate() + timedelta(days=10))
    later = PointFactory(meeting=held, title="Planera nästa år", owner_user=process_leader,
                         due_on=timezone.localdate() + timedelta(days=60))
    done = PointFactory(meeting=held, title="Redan klar", owner_user=process_leader,
                        due_on=timezone.localdate() - timedelta(days=5), status="done")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert overdue.title in page and due.title in page
    assert later.title not in page and done.title not in page


def test_outside_the_group_the_standing_items_show_no_points_nor_link(client, body, resident, process_leader):
    meeting = MeetingFactory(group=body, is_open=True)
    AgendaItem.objects.create(meeting=meeting, standing=AgendaItem.Standing.POINTS_DUE, title="Uppföljningspunkter")
    AgendaItem.objects.create(meeting=meeting, standing=AgendaItem.Standing.FIGURES, title="Siffror")
    PointFactory(meeting=MeetingFactory(group=body, start=timezone.now() - timedelta(days=3)), title="Hemlig punkt",
                 owner_user=process_leader, due_on=timezone.localdate())
    client.force_login(resident)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert says("Follow-up points due") in page
    assert "Hemlig punkt" not in page and reverse("overview:meeting", args=[meeting.pk]) not in page
