"""A member with a verified mobile number chooses to get the group's announcements by SMS;
the chair's announcement then goes by SMS to her and by e-mail to the others, once each. A
member without a verified number is shown how to verify it, and gets e-mail; nobody sees
another member's number; only the member changes her own choice."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from samverka.accounts.tests.factories import UserFactory
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.networks import services
from samverka.networks.models import Announcement, Membership

pytestmark = pytest.mark.django_db

AMIRA = "+46701234567"


@pytest.fixture
def verified(member):
    """Amira has verified her mobile number (accounts:phone, tested in accounts)."""
    member.phone, member.phone_verified_at = AMIRA, timezone.now()
    member.save(update_fields=["phone", "phone_verified_at"])
    return member


def choose(client, group, channel):
    return client.post(reverse("networks:announcements", args=[group.slug]), {"channel": channel}, follow=True)


def announce(client, group, token=None, subject="Nätverksträff 12 maj", body="Välkomna till biblioteket kl 18!"):
    return client.post(reverse("networks:announce", args=[group.slug]),
                       {"subject": subject, "body": body, "submission_token": token or uuid.uuid4().hex})


def sent() -> set[tuple[str, str]]:
    return set(OutboxMessage.objects.values_list("channel", "to"))


def test_she_chooses_sms_and_the_announcement_reaches_her_by_sms_and_the_others_by_email(
        client, network, chair, secretary, verified):
    client.force_login(verified)
    page = client.get(network.get_absolute_url()).text
    assert 'value="sms"' in page and "070-123 45 67" in page
    response = choose(client, network, "sms")
    assert says("You get the group's announcements by SMS.") in response.text
    assert Membership.objects.get(user=verified).channel == Membership.Channel.SMS
    assert AuditEvent.objects.filter(action="group.channel").count() == 1

    client.force_login(chair)
    token = uuid.uuid4().hex
    assert announce(client, network, token).status_code == 302
    announce(client, network, token)  # a double submit
    assert sent() == {("sms", AMIRA), ("email", chair.email), ("email", secretary.email)}
    assert OutboxMessage.objects.count() == 3
    sms = OutboxMessage.objects.get(channel="sms")
    assert sms.body_text.startswith("Öar utan gränser: Nätverksträff 12 maj")
    assert "Välkomna till biblioteket kl 18!" in sms.body_text
    announcement = Announcement.objects.get()
    assert f"{settings.SITE_URL}{announcement.get_absolute_url()}" in sms.body_text
    assert not OutboxMessage.objects.filter(to=verified.email).exists()


def test_the_chair_sees_whom_it_reaches_and_by_which_way_before_sending(
        client, network, chair, secretary, verified, member):
    Membership.objects.filter(user=verified).update(channel=Membership.Channel.SMS)
    client.force_login(chair)
    with translation.override("en"):
        url = reverse("networks:announce", args=[network.slug])
    page = client.get(url).text
    assert "It goes to 3 members:" in page and "2 by e-mail" in page and "1 by SMS" in page
    assert "and a link to all of it" in page
    # The reach is what is sent: one SMS, two e-mails.
    announce(client, network)
    assert sorted(OutboxMessage.objects.values_list("channel", flat=True)) == ["email", "email", "sms"]
    # One member stops them: the page says so, and counts one less.
    Membership.objects.filter(user=secretary).update(announcements=False)
    page = client.get(url).text
    assert "It goes to 2 members:" in page and "1 member has stopped the group" in page


def test_a_long_announcement_is_cut_short_in_the_sms(client, network, chair, verified):
    Membership.objects.filter(user=verified).update(channel=Membership.Channel.SMS)
    client.force_login(chair)
    announce(client, network, body="Ett långt meddelande om vårens träffar. " * 40)
    sms = OutboxMessage.objects.get(channel="sms")
    assert len(sms.body_text) <= 306 and "..." in sms.body_text
    assert sms.body_text.endswith(Announcement.objects.get().get_absolute_url())
    # The e-mail to the chair has all of it.
    assert OutboxMessage.objects.get(channel="email").body_text.count("vårens träffar") == 40


def test_sms_is_offered_only_with_a_verified_number(client, network, chair, member):
    client.force_login(member)
    page = client.get(network.get_absolute_url()).text
    assert 'value="sms"' not in page
    assert f'href="{reverse("accounts:phone")}"' in page
    response = choose(client, network, "sms")
    assert says("Verify your mobile number first, under Your mobile number on My pages.") in response.text
    assert Membership.objects.get(user=member).channel == Membership.Channel.EMAIL
    # A number typed but not verified is no better.
    member.phone = AMIRA
    member.save(update_fields=["phone"])
    choose(client, network, "sms")
    assert Membership.objects.get(user=member).channel == Membership.Channel.EMAIL
    choose(client, network, "fax")
    assert Membership.objects.get(user=member).channel == Membership.Channel.EMAIL


def test_a_member_whose_number_is_no_longer_verified_gets_the_email(client, network, chair, verified):
    client.force_login(verified)
    choose(client, network, "sms")
    client.post(reverse("accounts:phone"), {"action": "remove"})
    page = client.get(network.get_absolute_url()).text
    assert says("You chose SMS, but your mobile number is not verified: the announcements come by e-mail until "
                "you verify it.") in page

    client.force_login(chair)
    announce(client, network)
    assert ("email", verified.email) in sent() and not OutboxMessage.objects.filter(channel="sms").exists()


def test_a_new_number_not_yet_verified_gets_no_announcement_by_sms(client, network, chair, verified):
    Membership.objects.filter(user=verified).update(channel=Membership.Channel.SMS)
    client.force_login(verified)
    client.post(reverse("accounts:phone"), {"action": "send", "phone": "073-555 12 34",
                                            "submission_token": uuid.uuid4().hex})
    client.force_login(chair)
    announce(client, network)
    assert ("email", verified.email) in sent()
    assert not OutboxMessage.objects.filter(channel="sms", body_text__contains="Nätverksträff").exists()


def test_an_sms_member_who_stops_the_announcements_gets_none(client, network, chair, verified):
    client.force_login(verified)
    choose(client, network, "sms")
    client.post(reverse("networks:announcements", args=[network.slug]), {"receive": "0"})
    client.force_login(chair)
    announce(client, network)
    assert sent() == {("email", chair.email)}
    # Back again: by SMS, as she chose.
    client.force_login(verified)
    client.post(reverse("networks:announcements", args=[network.slug]), {"receive": "1"})
    client.force_login(chair)
    announce(client, network, subject="Ny träff")
    assert ("sms", AMIRA) in sent()


def test_only_the_member_changes_her_own_choice(client, network, chair, verified):
    url = reverse("networks:announcements", args=[network.slug])
    # A visitor is sent to log in; someone outside the group is refused.
    assert client.post(url, {"channel": "sms"}).status_code == 302
    client.force_login(UserFactory(phone="+46709998877", phone_verified_at=timezone.now()))
    assert client.post(url, {"channel": "sms"}).status_code in (403, 404)
    # The chair's choice is the chair's own: Amira's stays as it was.
    chair.phone, chair.phone_verified_at = "+46709998876", timezone.now()
    chair.save()
    client.force_login(chair)
    choose(client, network, "sms")
    assert dict(Membership.objects.values_list("user_id", "channel")) == {
        chair.pk: Membership.Channel.SMS, verified.pk: Membership.Channel.EMAIL}
    assert AuditEvent.objects.filter(action="group.channel").count() == 1


def test_a_closed_group_is_not_found_for_strangers(client, office, verified):
    from .factories import GroupFactory, MembershipFactory

    closed = GroupFactory(office=office, is_public=False, name="Styrgruppen", slug="styrgruppen")
    MembershipFactory(group=closed, user=UserFactory())
    client.force_login(verified)
    assert client.post(reverse("networks:announcements", args=[closed.slug]), {"channel": "sms"}).status_code == 404
    assert not Membership.objects.filter(group=closed, channel=Membership.Channel.SMS).exists()


def test_nobody_else_sees_a_members_number(client, network, chair, verified):
    Membership.objects.filter(user=verified).update(channel=Membership.Channel.SMS)
    client.force_login(chair)
    for url in (network.get_absolute_url(), reverse("networks:members", args=[network.slug])):
        page = client.get(url).text
        assert "070-123 45 67" not in page and AMIRA not in page and "701234567" not in page
    client.logout()
    page = client.get(network.get_absolute_url()).text
    assert "070-123 45 67" not in page and "701234567" not in page


def test_the_service_refuses_sms_without_a_verified_number(network, member):
    from samverka.core.errors import ActionError

    with pytest.raises(ActionError):
        services.set_announcement_channel(by=member, group=network, channel="sms")


def test_the_announcement_has_a_page_for_the_members_with_all_of_it(client, network, chair, verified, resident):
    client.force_login(chair)
    body = "Ett långt meddelande om vårens träffar. " * 40
    announce(client, network, body=body)
    announcement = Announcement.objects.get()
    assert (announcement.subject, announcement.body, announcement.sent_by) == ("Nätverksträff 12 maj", body.strip(),
                                                                             chair)
    url = announcement.get_absolute_url()

    client.force_login(verified)
    page = client.get(url).text
    assert page.count("vårens träffar") == 40 and "Nätverksträff 12 maj" in page
    assert f'href="{network.get_absolute_url()}#you-title"' in page
    # The group's page lists it for its members, and the bell links to it.
    assert f'href="{url}"' in client.get(network.get_absolute_url()).text
    from samverka.communication.models import Notification

    assert Notification.objects.filter(user=verified, url=url).exists()

    # Not for someone outside the group, nor for a visitor (sent to log in first).
    client.force_login(resident)
    assert client.get(url).status_code == 403
    assert f'href="{url}"' not in client.get(network.get_absolute_url()).text
    client.logout()
    assert client.get(url).status_code == 302


def test_an_announcement_of_a_closed_group_is_not_found_for_strangers(client, office, resident):
    from .factories import GroupFactory

    closed = GroupFactory(office=office, is_public=False, name="Styrgruppen", slug="styrgruppen")
    announcement = Announcement.objects.create(group=closed, subject="Budget", body="Underlaget bifogas.")
    client.force_login(resident)
    assert client.get(announcement.get_absolute_url()).status_code == 404
    # Nor is it found under the address of a group she is a member of.
    from .factories import MembershipFactory

    open_group = GroupFactory(office=office)
    MembershipFactory(group=open_group, user=resident)
    assert client.get(reverse("networks:announcement", args=[open_group.slug, announcement.pk])).status_code == 404
