"""Joining by each rule, the chair answering requests, appointed seats, and a member who leaves
with open points: the points go to the chair."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.tests.factories import AssociationFactory
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.municipality.tests.factories import OfficeMembershipFactory
from samverka.networks.models import FollowUpPoint, Group, Membership, Seat

from .factories import CouncilFactory, GroupFactory, PointFactory, SeatFactory

pytestmark = pytest.mark.django_db


def test_anyone_joins_an_open_network_at_once(client, resident, network):
    client.force_login(resident)
    response = client.post(reverse("networks:join", args=[network.slug]), {"message": ""})
    assert response.status_code == 302
    membership = Membership.objects.get(group=network, user=resident)
    assert membership.status == Membership.Status.ACTIVE
    assert AuditEvent.objects.filter(action="group.join").exists()
    page = client.get(reverse("networks:group", args=[network.slug])).content.decode()
    assert "Lämna gruppen" in page or "Leave the group" in page


def test_a_group_by_request_waits_for_the_chair_who_accepts(client, resident, network, chair):
    network.join_rule = Group.JoinRule.REQUEST
    network.save()
    client.force_login(resident)
    client.post(reverse("networks:join", args=[network.slug]), {"message": "Jag driver ett språkcafé."})
    membership = Membership.objects.get(group=network, user=resident)
    assert membership.status == Membership.Status.REQUESTED
    assert OutboxMessage.objects.filter(to=chair.email).count() == 1
    # Asking twice creates nothing twice.
    client.post(reverse("networks:join", args=[network.slug]), {"message": "Igen"})
    assert Membership.objects.filter(group=network, user=resident).count() == 1

    # A member who is not the chair may not answer: 403, nothing changes.
    other = UserFactory()
    Membership.objects.create(group=network, user=other)
    client.force_login(other)
    url = reverse("networks:member", args=[network.slug, membership.pk])
    assert client.post(url, {"action": "accept"}).status_code == 403
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REQUESTED

    client.force_login(chair)
    assert "Jag driver ett språkcafé." in client.get(reverse("networks:members", args=[network.slug])).content.decode()
    client.post(url, {"action": "accept"})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert OutboxMessage.objects.filter(to=resident.email).count() == 1


def test_an_appointed_council_cannot_be_joined(client, resident, office):
    council = CouncilFactory(office=office, slug="pensionarsradet")
    client.force_login(resident)
    assert client.post(reverse("networks:join", args=[council.slug])).status_code == 403
    assert not Membership.objects.filter(group=council).exists()


@pytest.fixture
def council(office):
    from samverka.grants.tests.factories import CommitteeFactory

    office.committee = CommitteeFactory()
    office.save(update_fields=["committee"])
    return CouncilFactory(office=office, committee=office.committee, slug="pensionarsradet", name="Pensionärsrådet")


def _seat_data(actor, delegate, substitute=None, **extra):
    today = timezone.localdate()
    return {"actor": actor.pk, "delegate": delegate.email, "substitute": substitute.email if substitute else "",
            "term_starts": today.isoformat(), "term_ends": (today + timedelta(days=730)).isoformat(), **extra}


def test_the_committees_official_appoints_seats_and_one_person_holds_one_seat(client, official, council):
    pro, spf = AssociationFactory(name="PRO Ekerö"), AssociationFactory(name="SPF Seniorerna Ekerö")
    gun, bertil = UserFactory(first_name="Gun"), UserFactory(first_name="Bertil")
    client.force_login(official)
    url = reverse("networks:add_seat", args=[council.slug])
    assert client.post(url, _seat_data(pro, gun, bertil)).status_code == 302
    seat = Seat.objects.get(group=council, actor=pro)
    assert (seat.delegate, seat.substitute) == (gun, bertil)
    assert Membership.objects.get(group=council, user=bertil).role == Membership.Role.SUBSTITUTE

    # Gun in a second seat of the same council: refused with a message, nothing saved.
    response = client.post(url, _seat_data(spf, gun))
    assert response.status_code == 200
    assert "Gun" in response.content.decode() and Seat.objects.filter(group=council).count() == 1
    # An unknown address is told next to the field, the input kept.
    response = client.post(url, {**_seat_data(spf, gun), "delegate": "finns-inte@example.org"})
    assert "finns-inte@example.org" in response.content.decode()
    assert Seat.objects.filter(group=council).count() == 1


def test_an_official_of_another_committee_may_not_appoint(client, council):
    other = OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret").user
    client.force_login(other)
    pro = AssociationFactory()
    response = client.post(reverse("networks:add_seat", args=[council.slug]), _seat_data(pro, UserFactory()))
    assert response.status_code in (403, 404)
    assert not Seat.objects.exists()


def test_a_removed_member_s_open_points_go_to_the_chair(client, network, chair, member):
    open_point = PointFactory(meeting__group=network, owner_user=member)
    done = PointFactory(meeting__group=network, owner_user=member, status=FollowUpPoint.Status.DONE)
    client.force_login(chair)
    membership = Membership.objects.get(group=network, user=member)
    client.post(reverse("networks:member", args=[network.slug, membership.pk]), {"action": "remove"})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.LEFT
    open_point.refresh_from_db()
    done.refresh_from_db()
    assert open_point.owner_user == chair
    assert done.owner_user == member  # what was done stays with whoever did it
    assert AuditEvent.objects.filter(action="point.reassign").count() == 1


def test_a_member_who_leaves_without_a_chair_leaves_points_to_the_office(client, network, member):
    point = PointFactory(meeting__group=network, owner_user=member)
    client.force_login(member)
    client.post(reverse("networks:leave", args=[network.slug]))
    point.refresh_from_db()
    assert point.owner_user is None and point.owner_office == network.office


def test_a_delegate_proposes_items_only_for_their_own_seat(client, council):
    from .factories import MeetingFactory

    gun, bertil = UserFactory(first_name="Gun"), UserFactory(first_name="Bertil")
    own = SeatFactory(group=council, delegate=gun)
    theirs = SeatFactory(group=council, delegate=bertil)
    for user, seat in ((gun, own), (bertil, theirs)):
        Membership.objects.create(group=council, user=user, actor=seat.actor)
    meeting = MeetingFactory(group=council)
    client.force_login(gun)
    url = reverse("networks:propose", args=[meeting.pk])
    assert client.post(url, {"title": "Färdtjänsten", "seat": theirs.pk}).status_code == 403
    assert not meeting.agenda.exists()
    assert client.post(url, {"title": "Färdtjänsten", "seat": own.pk}).status_code == 302
    assert meeting.agenda.get().seat == own


def test_a_group_run_by_an_association_is_led_by_its_representatives(client, representative, actor):
    group = GroupFactory(office=None, actor=actor, slug="vanfamiljer", join_rule=Group.JoinRule.REQUEST)
    client.force_login(representative)
    assert client.get(reverse("networks:members", args=[group.slug])).status_code == 200


@pytest.fixture
def request_group(network):
    network.join_rule = Group.JoinRule.REQUEST
    network.save()
    return network


def test_a_stale_decline_does_not_remove_a_member_accepted_meanwhile(client, request_group, chair, resident):
    from samverka.core.tests.helpers import flash, says

    membership = Membership.objects.create(group=request_group, user=resident, status=Membership.Status.REQUESTED)
    url = reverse("networks:member", args=[request_group.slug, membership.pk])
    client.force_login(chair)
    client.post(url, {"action": "accept"})  # in one tab
    response = client.post(url, {"action": "decline"})  # the other tab, opened before
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert says("This request is already answered.") in flash(response)
    assert not AuditEvent.objects.filter(action__in=["group.decline", "group.remove"]).exists()


def test_the_chair_declines_a_pending_request(client, request_group, chair, resident):
    membership = Membership.objects.create(group=request_group, user=resident, status=Membership.Status.REQUESTED)
    client.force_login(chair)
    client.post(reverse("networks:member", args=[request_group.slug, membership.pk]), {"action": "decline"})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.LEFT
    assert AuditEvent.objects.filter(action="group.decline").count() == 1


def test_an_unknown_action_changes_nothing_and_says_so(client, network, chair, member):
    from samverka.core.tests.helpers import flash, says

    membership = Membership.objects.get(group=network, user=member)
    client.force_login(chair)
    response = client.post(reverse("networks:member", args=[network.slug, membership.pk]), {"action": "promote"})
    assert says("Nothing was changed: choose accept, decline, a role or remove.") in flash(response)
    assert not any(says("%(name)s is no longer a member.", name=member.display_name) == m for m in flash(response))
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    response = client.post(reverse("networks:member", args=[network.slug, membership.pk]), {})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_the_person_who_asked_withdraws_the_request(client, request_group, chair, resident):
    client.force_login(resident)
    client.post(reverse("networks:join", args=[request_group.slug]), {"message": "Jag vill vara med."})
    page = client.get(request_group.get_absolute_url()).content.decode()
    assert reverse("networks:withdraw", args=[request_group.slug]) in page
    client.post(reverse("networks:withdraw", args=[request_group.slug]))
    membership = Membership.objects.get(group=request_group, user=resident)
    assert membership.status == Membership.Status.LEFT
    assert AuditEvent.objects.filter(action="group.withdraw").count() == 1
    # Withdrawing twice, or without a request, changes nothing; one may ask again.
    client.post(reverse("networks:withdraw", args=[request_group.slug]))
    assert AuditEvent.objects.filter(action="group.withdraw").count() == 1
    client.post(reverse("networks:join", args=[request_group.slug]), {"message": ""})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REQUESTED


def test_a_member_cannot_withdraw_their_membership_as_a_request(client, network, member, resident):
    client.force_login(resident)
    assert client.post(reverse("networks:withdraw", args=[network.slug])).status_code == 404
    client.force_login(member)
    client.post(reverse("networks:withdraw", args=[network.slug]))
    assert Membership.objects.get(group=network, user=member).status == Membership.Status.ACTIVE


def test_the_role_is_said_once(client, network, member, chair):
    from samverka.core.tests.helpers import says

    client.force_login(member)
    page = client.get(network.get_absolute_url()).content.decode()
    assert says("You are a member of the group.") in page
    assert f"({says('Member')})" not in page
    client.force_login(chair)
    page = client.get(network.get_absolute_url()).content.decode()
    assert page.count(says("Chair")) == 1
