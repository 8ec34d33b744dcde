"""A group closed with open follow-up points: refused with the points listed, or the points
handed to the office that runs it, each in the audit history. A delegate replaced in their seat
hands their open points to the chair, as a member who leaves does."""

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.networks.models import FollowUpPoint, Group, Membership

from .factories import MembershipFactory, PointFactory, SeatFactory

pytestmark = pytest.mark.django_db


def test_closing_with_open_points_is_refused_and_lists_them(client, network, chair, member):
    point = PointFactory(meeting__group=network, owner_user=member, title="Boka lokal till hösten")
    PointFactory(meeting__group=network, owner_user=member, title="Redan gjort", status=FollowUpPoint.Status.DONE)
    office_point = PointFactory(meeting__group=network, owner_user=None, owner_office=network.office,
                                title="Kontorets egen punkt")
    client.force_login(chair)
    url = reverse("networks:stage", args=[network.slug])
    page = client.get(url).content.decode()
    assert "Boka lokal till hösten" in page and "Redan gjort" not in page and "Kontorets egen punkt" not in page
    response = client.post(url, {"lifecycle": Group.Lifecycle.CLOSED})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Boka lokal till hösten" in page.split('id="id_hand_over_error"')[1].split("</p>")[0]  # next to the choice
    network.refresh_from_db()
    point.refresh_from_db()
    assert network.lifecycle == Group.Lifecycle.ACTIVE and point.owner_user == member
    assert not AuditEvent.objects.filter(action__in=["group.stage", "point.reassign"]).exists()

    # Handed over explicitly: the point goes to the office, the group is closed.
    response = client.post(url, {"lifecycle": Group.Lifecycle.CLOSED, "hand_over": "on"})
    assert response.status_code == 302
    network.refresh_from_db()
    point.refresh_from_db()
    office_point.refresh_from_db()
    assert network.lifecycle == Group.Lifecycle.CLOSED
    assert point.owner_user is None and point.owner_office == network.office and point.is_open
    assert AuditEvent.objects.filter(action="point.reassign", target_id=point.pk).count() == 1
    assert AuditEvent.objects.filter(action="group.stage").count() == 1


def test_a_group_without_open_points_closes_and_reopens(client, network, chair):
    client.force_login(chair)
    url = reverse("networks:stage", args=[network.slug])
    assert client.post(url, {"lifecycle": Group.Lifecycle.ANCHORED}).status_code == 302
    network.refresh_from_db()
    assert network.lifecycle == Group.Lifecycle.ANCHORED
    assert says("Anchored in an office's regular work") in client.get(network.get_absolute_url()).content.decode()
    client.post(url, {"lifecycle": Group.Lifecycle.ACTIVE})
    network.refresh_from_db()
    assert network.lifecycle == Group.Lifecycle.ACTIVE


def test_only_those_who_lead_the_group_change_its_stage(client, network, member, resident):
    for person in (member, resident):
        client.force_login(person)
        url = reverse("networks:stage", args=[network.slug])
        assert client.post(url, {"lifecycle": Group.Lifecycle.CLOSED}).status_code == 403
        assert client.get(url).status_code == 403
    network.refresh_from_db()
    assert network.lifecycle == Group.Lifecycle.ACTIVE


def test_a_replaced_delegate_hands_open_points_to_the_chair(client, official):
    from samverka.grants.tests.factories import CommitteeFactory
    from samverka.networks.tests.factories import CouncilFactory

    office = official.office_memberships.get().office
    office.committee = CommitteeFactory()
    office.save(update_fields=["committee"])
    council = CouncilFactory(office=office, committee=office.committee)
    chair = MembershipFactory(group=council, role=Membership.Role.CHAIR).user
    seat = SeatFactory(group=council)
    old = seat.delegate
    Membership.objects.create(group=council, user=old, actor=seat.actor)
    point = PointFactory(meeting__group=council, owner_user=old, title="Svara om ramperna")
    new = UserFactory(email="ny@example.org")
    client.force_login(official)
    response = client.post(reverse("networks:seat", args=[council.slug, seat.pk]), {
        "actor": seat.actor.pk, "delegate": new.email, "substitute": "",
        "term_starts": seat.term_starts.isoformat(), "term_ends": seat.term_ends.isoformat()})
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.owner_user == chair and point.is_open
    assert Membership.objects.get(group=council, user=old).status == Membership.Status.LEFT
    assert AuditEvent.objects.filter(action="point.reassign").count() == 1


def test_closing_with_planned_meetings_is_refused_or_cancels_them_and_tells_those_registered(
        client, network, chair, member):
    from datetime import timedelta

    from django.utils import timezone

    from samverka.activities import services as activity_services
    from samverka.activities.models import Activity, Registration
    from samverka.communication.models import OutboxMessage
    from samverka.networks.models import Meeting

    from .factories import GroupFactory, MeetingFactory

    client.force_login(chair)
    day = timezone.localdate() + timedelta(days=20)
    client.post(reverse("networks:plan", args=[network.slug]), {
        "title": "Öppet möte i maj", "date": day.isoformat(), "start_time": "18:00", "end_time": "20:00",
        "place": "Ekerö bibliotek", "is_open": "on", "capacity": "40", "invite": "on"})
    open_meeting = network.meetings.get()
    sara = activity_services.register(by=None, occurrence=open_meeting.occurrence, name="Sara Lind",
                                      email="sara@example.org")
    activity_services.confirm_registration(by=None, token=sara.cancel_token)
    assert Registration.objects.active().filter(email="sara@example.org").exists()
    members_only = MeetingFactory(group=network, title="Styrgruppsmöte")
    past = MeetingFactory(group=network, title="Förra mötet", start=timezone.now() - timedelta(days=3))
    working = GroupFactory(name="Arbetsgrupp läxhjälp", slug="arbetsgrupp-laxhjalp", office=network.office,
                           parent=network)
    url = reverse("networks:stage", args=[network.slug])
    page = client.get(url).content.decode()
    assert "Öppet möte i maj" in page and "Styrgruppsmöte" in page and "Förra mötet" not in page
    assert "Arbetsgrupp läxhjälp" in page  # the working group is named, with a warning

    response = client.post(url, {"lifecycle": Group.Lifecycle.CLOSED})
    assert response.status_code == 200
    error = response.content.decode().split('id="id_cancel_meetings_error"')[1].split("</p>")[0]
    assert "Öppet möte i maj" in error and "Styrgruppsmöte" in error
    network.refresh_from_db()
    assert network.lifecycle == Group.Lifecycle.ACTIVE and not Meeting.objects.filter(cancelled_at__isnull=False)

    sent = OutboxMessage.objects.count()
    response = client.post(url, {"lifecycle": Group.Lifecycle.CLOSED, "cancel_meetings": "on"})
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.lifecycle == Group.Lifecycle.CLOSED
    assert set(Meeting.objects.filter(cancelled_at__isnull=False)) == {open_meeting, members_only}
    assert Meeting.objects.get(pk=past.pk).cancelled_at is None
    assert Activity.objects.get(pk=open_meeting.activity_id).status == Activity.Status.CANCELLED
    told = set(OutboxMessage.objects.all()[sent:].values_list("to", flat=True))
    assert "sara@example.org" in told  # registered for the open meeting: the activities tell her
    assert {"amira@example.org", "helena@example.org"} <= told  # invited members
    assert AuditEvent.objects.filter(action="meeting.cancel").count() == 2
    working.refresh_from_db()
    assert working.lifecycle == Group.Lifecycle.ACTIVE

    # The closed group's page lists no coming meeting and offers no planning, announcements or items.
    page = client.get(network.get_absolute_url()).content.decode()
    assert "Öppet möte i maj" not in page and "Styrgruppsmöte" not in page
    assert reverse("networks:plan", args=[network.slug]) not in page
    assert f'href="{reverse("networks:announce", args=[network.slug])}"' not in page
    feed = client.get(reverse("networks:feed", args=[network.slug])).content.decode()
    assert feed.count("STATUS:CANCELLED") == 2
    for user in (chair, member):
        client.force_login(user)
        assert client.post(reverse("networks:plan", args=[network.slug]), {
            "title": "Nytt möte", "date": day.isoformat(), "start_time": "18:00", "end_time": "20:00",
            "place": "Ekerö bibliotek"}).status_code == 403
        assert client.post(reverse("networks:announce", args=[network.slug]),
                           {"subject": "Hej", "body": "Ett utskick."}).status_code == 403
        assert client.post(reverse("networks:propose", args=[members_only.pk]),
                           {"title": "En punkt"}).status_code == 403
    assert network.meetings.count() == 3 and not members_only.agenda.exists()
    client.force_login(chair)
    page = client.get(members_only.get_absolute_url()).content.decode()
    assert '<span class="badge badge--warning">Inställt</span>' in page and says("Propose an item") not in page


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_stage_page_with_meetings_and_working_groups_passes_the_site_checks(client, network, chair, language):
    from django.utils import translation

    from tests.test_site import check_page

    from .factories import GroupFactory, MeetingFactory

    MeetingFactory(group=network, title="Nästa träff")
    GroupFactory(name="Arbetsgrupp", slug="arbetsgrupp", office=network.office, parent=network)
    client.force_login(chair)
    with translation.override(language):
        url = reverse("networks:stage", args=[network.slug])
        assert check_page("networks:stage", url, client.get(url), language=language) == []
