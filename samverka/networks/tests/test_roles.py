"""The chair gives members roles (secretary, minutes checker, chair), with audit; the group
keeps a chair; a seat whose term ended is shown as vacant and its former delegate no longer
acts for it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.networks.models import Membership

from .factories import MeetingFactory, SeatFactory

pytestmark = pytest.mark.django_db


def _role(client, group, membership, role):
    return client.post(reverse("networks:member", args=[group.slug, membership.pk]), {"action": "role", "role": role})


def test_the_chair_makes_a_member_secretary_who_may_then_write_minutes(client, network, chair, member):
    meeting = MeetingFactory(group=network)
    membership = Membership.objects.get(group=network, user=member)
    client.force_login(member)
    assert client.get(reverse("networks:minutes", args=[meeting.pk])).status_code == 403
    client.force_login(chair)
    assert 'name="role"' in client.get(reverse("networks:members", args=[network.slug])).content.decode()
    _role(client, network, membership, Membership.Role.SECRETARY)
    membership.refresh_from_db()
    assert membership.role == Membership.Role.SECRETARY
    event = AuditEvent.objects.get(action="group.role")
    assert event.changes["role"] == ["member", "secretary"]
    client.force_login(member)
    assert client.get(reverse("networks:minutes", args=[meeting.pk])).status_code == 200


def test_a_member_may_not_change_roles_and_a_bad_role_changes_nothing(client, network, chair, member):
    own = Membership.objects.get(group=network, user=member)
    client.force_login(member)
    assert _role(client, network, own, Membership.Role.CHAIR).status_code == 403
    own.refresh_from_db()
    assert own.role == Membership.Role.MEMBER
    client.force_login(chair)
    response = _role(client, network, own, "president")
    assert says("Choose a role.") in flash(response)
    own.refresh_from_db()
    assert own.role == Membership.Role.MEMBER and not AuditEvent.objects.filter(action="group.role").exists()


def test_the_only_chair_is_not_demoted(client, network, chair, member):
    membership = Membership.objects.get(group=network, user=chair)
    client.force_login(chair)
    response = _role(client, network, membership, Membership.Role.MEMBER)
    assert any(chair.display_name in m for m in flash(response))
    membership.refresh_from_db()
    assert membership.role == Membership.Role.CHAIR
    # With a second chair, the first may step down.
    _role(client, network, Membership.objects.get(group=network, user=member), Membership.Role.CHAIR)
    _role(client, network, membership, Membership.Role.MEMBER)
    membership.refresh_from_db()
    assert membership.role == Membership.Role.MEMBER


def test_a_seat_whose_term_ended_is_vacant(client, official):
    from samverka.networks.tests.factories import CouncilFactory

    office = official.office_memberships.get().office
    council = CouncilFactory(office=office)
    today = timezone.localdate()
    ended = SeatFactory(group=council, actor__name="PRO Ekerö", term_starts=today - timedelta(days=800),
                        term_ends=today - timedelta(days=1))
    current = SeatFactory(group=council, actor__name="SPF Seniorerna Ekerö")
    page = client.get(council.get_absolute_url()).content.decode().split('id="seats-title"')[1]
    pro = page.split("PRO Ekerö")[1].split("</li>")[0]
    spf = page.split("SPF Seniorerna Ekerö")[1].split("</li>")[0]
    assert says("Seat vacant") in pro and says("Seat vacant") not in spf
    client.force_login(official)
    page = client.get(reverse("networks:members", args=[council.slug])).content.decode()
    row = page.split("PRO Ekerö")[1].split("</tr>")[0]
    assert says("Seat vacant") in row
    # The former delegate no longer proposes items in the seat's name.
    meeting = MeetingFactory(group=council)
    Membership.objects.create(group=council, user=ended.delegate, actor=ended.actor)
    client.force_login(ended.delegate)
    client.post(reverse("networks:propose", args=[meeting.pk]), {"title": "För PRO", "seat": ended.pk})
    assert not meeting.agenda.filter(seat=ended).exists()
    assert current.delegate != ended.delegate
