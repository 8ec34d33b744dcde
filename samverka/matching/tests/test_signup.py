# ruff: noqa: F811 (the fixtures come from public_scene by import)
"""Signing up for a matching programme, through the form: each kind of programme asks its own
questions; a sign-up counts only when the link in its message is opened (or at once for a
logged-in person with a verified address); bad input is refused next to its field with the
input kept; a double submit and the same address twice make one participant; the form's
messages are capped."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from samverka.communication import limits
from samverka.communication.models import CapReached, OutboxMessage
from samverka.core.audit import AuditEvent
from samverka.core.tests.helpers import says
from samverka.matching import services_participants as services
from samverka.matching.models import Participant, Programme
from samverka.volunteers.models import Availability
from samverka.volunteers.tests.factories import VolunteerFactory

from .public_scene import (  # noqa: F401 (fixtures)
    association_matching,
    befriending,
    befriending_offer,
    befriending_request,
    birgitta,
    friend_families,
    kind,
    language_friends,
    link_in_message,
    parts,
    reuse,
    sign_up_url,
    social_office,
    swedish,
)


def test_ingrid_signs_up_confirms_by_link_and_waits(client, befriending, parts, birgitta):
    response = client.post(sign_up_url(befriending), befriending_request(befriending, parts))
    assert response.status_code == 302
    assert response["Location"] == reverse("matching:sign_up_sent", args=["vantjansten", "be-om"])
    ingrid = Participant.objects.get()
    assert (ingrid.side, ingrid.status, ingrid.name) == ("request", "unconfirmed", "Ingrid Svensson")
    assert ingrid.district == parts["stenhamra"] and ingrid.latitude == parts["stenhamra"].latitude
    assert list(ingrid.kinds.all()) == [kind(befriending, "Sällskap")]
    assert ingrid.availability == Availability.from_slots(["1-1"])
    assert ingrid.sensitive == "Jag hör dåligt."
    assert ingrid.user is None
    # Only the link is sent; the coordinators hear nothing of an unconfirmed sign-up.
    assert OutboxMessage.objects.filter(to="birgitta@example.org").count() == 0
    link = link_in_message("ingrid@example.org")
    assert link == reverse("matching:participant", args=[ingrid.token])

    page = client.get(link).content.decode()
    assert says("Confirm your sign-up.") in page
    client.post(reverse("matching:confirm_email", args=[ingrid.token]))
    ingrid.refresh_from_db()
    assert ingrid.status == Participant.Status.WAITING and ingrid.confirmed_at
    assert OutboxMessage.objects.filter(to="birgitta@example.org").count() == 1
    page = client.get(link).content.decode()
    with override("sv"):
        since = date_format(timezone.localtime(ingrid.joined_at), "j F Y")
    assert says("You are on the waiting list since %(date)s.", date=since) in page
    assert AuditEvent.objects.filter(action="matching.sign_up").count() == 1
    assert AuditEvent.objects.filter(action="matching.confirm_email").count() == 1

    # Pressing the button again changes nothing and sends nothing more.
    client.post(reverse("matching:confirm_email", args=[ingrid.token]))
    assert OutboxMessage.objects.filter(to="birgitta@example.org").count() == 1


def test_the_page_says_the_health_field_is_for_the_coordinators_only_and_how_long_data_are_kept(client, befriending):
    page = client.get(sign_up_url(befriending)).content.decode()
    assert says("For the coordinators only: your health or situation") in page
    assert "only the programme&#x27;s coordinators see it" in page or says(
        "Anything that helps us find the right match, for example that you use a wheelchair or have a hard time "
        "hearing. This is sensitive information: only the programme's coordinators see it, never the one you are "
        "matched with. You do not have to write anything.") in page
    assert "90" in page  # the retention period
    assert says("You can write up to %(limit)s characters.", limit=2000) in page


def test_bad_input_is_refused_next_to_the_field_and_kept(client, befriending, parts):
    data = befriending_request(befriending, parts, email="", phone="", district="", kinds=[],
                               about="x" * 2001, consent="")
    response = client.post(sign_up_url(befriending), data)
    assert response.status_code == 200
    page = response.content.decode()
    for message in ("Write an e-mail address or a mobile phone number, so that we can reach you.",
                    "Choose a part of the municipality.", "Choose at least one.",
                    "Tick the box, so that we may keep your details."):
        assert says(message) in page
    assert 'id="id_district_error"' in page and 'id="id_about_error"' in page
    assert 'value="Ingrid Svensson"' in page and "x" * 2001 in page
    assert not Participant.objects.exists() and not OutboxMessage.objects.exists()


def test_a_double_submit_makes_one_participant(client, befriending, parts):
    token = "t" * 32
    data = befriending_request(befriending, parts, submission_token=token)
    first = client.post(sign_up_url(befriending), data)
    second = client.post(sign_up_url(befriending), data)
    assert first["Location"] == second["Location"]
    assert Participant.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_the_same_address_twice_is_told_and_makes_one(client, befriending, parts):
    client.post(sign_up_url(befriending), befriending_request(befriending, parts))
    response = client.post(sign_up_url(befriending), befriending_request(befriending, parts, name="Ingrid S"))
    assert response.status_code == 200
    assert says("You have already signed up for this programme. The message we sent you has a link to your "
                "own page.") in response.content.decode()
    assert Participant.objects.count() == 1


def test_one_person_cannot_sign_up_on_both_sides(client, befriending, parts):
    """The engine would pair Ingrid with herself: the other side refuses her address or her
    phone number, next to the field, her input kept; once she has left, she may change side."""
    client.post(sign_up_url(befriending), befriending_request(befriending, parts, phone="070-123 45 67"))
    ingrid = Participant.objects.get()
    for same in ({"email": "ingrid@example.org"}, {"email": "", "phone": "070-123 45 67"}):
        response = client.post(sign_up_url(befriending, "ge"), befriending_offer(befriending, parts, **same))
        assert response.status_code == 200
        page = response.content.decode()
        assert says("You already take part on the other side of this programme, and one person cannot both ask "
                    "and give. To change side, leave the programme on your own page first (the message we sent "
                    "you has a link to it).") in page
        assert "Pensionerad lärare." in page  # the input is kept
        assert ingrid.token not in page  # a visitor who types her address does not get her link
    assert Participant.objects.count() == 1
    services.withdraw(participant=ingrid, reason="", by=None)
    assert client.post(sign_up_url(befriending, "ge"),
                       befriending_offer(befriending, parts, email="ingrid@example.org")).status_code == 302
    assert Participant.objects.filter(side="offer", email="ingrid@example.org").exists()


def test_a_logged_in_participant_signing_up_again_gets_the_link_to_their_page(client, befriending, parts, resident):
    client.force_login(resident)
    data = befriending_request(befriending, parts, name="Lina Sandberg", email="lina@example.org")
    client.post(sign_up_url(befriending), data)
    lina = Participant.objects.get()
    link = reverse("matching:participant", args=[lina.token])
    page = client.post(sign_up_url(befriending), {**data, "about": "Ett nytt försök."}).content.decode()
    assert says("You have already signed up for this programme.") in page and f'href="{link}"' in page
    assert says("The message we sent you has a link to your own page.")[:30] not in page
    page = client.post(sign_up_url(befriending, "ge"),
                       befriending_offer(befriending, parts, email="lina@example.org")).content.decode()
    assert f'href="{link}"' in page
    assert Participant.objects.count() == 1
    # Someone else's address typed while logged in gives no link to their page.
    other = Participant.objects.create(programme=befriending, side="request", status="waiting", name="Ingrid",
                                       email="ingrid@example.org")
    page = client.post(sign_up_url(befriending),
                       befriending_request(befriending, parts, email="ingrid@example.org")).content.decode()
    assert other.token not in page
    assert says("You have already signed up for this programme. The message we sent you has a link to your "
                "own page.") in page


def test_the_phone_hint_keeps_its_example_left_to_right_in_arabic(client, befriending):
    with override("ar"):
        address = sign_up_url(befriending)
    page = client.get(address).content.decode()
    assert 'lang="ar"' in page
    assert '<bdi dir="ltr">070-123 45 67</bdi>' in page


def test_an_unconfirmed_link_expires_after_a_day_and_the_address_may_sign_up_again(client, befriending, parts):
    client.post(sign_up_url(befriending), befriending_request(befriending, parts))
    ingrid = Participant.objects.get()
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        client.post(reverse("matching:confirm_email", args=[ingrid.token]))
        ingrid.refresh_from_db()
        assert ingrid.status == Participant.Status.UNCONFIRMED
        assert says("The link has expired.") in client.get(reverse("matching:participant", args=[ingrid.token])).content.decode()
        assert client.post(sign_up_url(befriending), befriending_request(befriending, parts)).status_code == 302
    assert Participant.objects.count() == 1 and Participant.objects.get().pk != ingrid.pk
    assert services.forget_unconfirmed_participants(now=timezone.now() + timedelta(hours=50)) == 1


def test_the_daily_job_forgets_sign_ups_nobody_confirmed(client, befriending, parts):
    client.post(sign_up_url(befriending), befriending_request(befriending, parts))
    with time_machine.travel(timezone.now() + timedelta(hours=23)):
        call_command("send_matching_follow_ups", stdout=StringIO())
    assert Participant.objects.count() == 1, "within the day the link still works"
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        out = StringIO()
        call_command("send_matching_follow_ups", stdout=out)
    assert not Participant.objects.exists()
    assert "1 unconfirmed sign-ups forgotten" in out.getvalue()


def test_a_logged_in_resident_is_prefilled_waits_at_once_and_is_linked(client, befriending, parts, resident, birgitta):
    client.force_login(resident)
    page = client.get(sign_up_url(befriending)).content.decode()
    assert 'value="Lina Sandberg"' in page and 'value="lina@example.org"' in page
    assert says("We send you a link by e-mail (or by text message, if you give only a phone number).")[:40] not in page
    response = client.post(sign_up_url(befriending), befriending_request(befriending, parts, name="Lina Sandberg",
                                                                          email="lina@example.org"))
    lina = Participant.objects.get()
    assert response["Location"] == reverse("matching:participant", args=[lina.token])
    assert (lina.status, lina.user) == (Participant.Status.WAITING, resident)
    assert OutboxMessage.objects.filter(to="birgitta@example.org").count() == 1


def test_a_volunteer_who_offers_befriending_is_linked_to_their_profile(client, befriending, parts, resident):
    volunteer = VolunteerFactory(user=resident, name="Lina Sandberg", email="lina@example.org")
    client.force_login(resident)
    client.post(sign_up_url(befriending, "ge"), befriending_offer(befriending, parts, email="lina@example.org"))
    assert Participant.objects.get().volunteer == volunteer


def test_a_giver_must_agree_to_show_a_record_extract_when_the_programme_requires_it(client, befriending, parts):
    response = client.post(sign_up_url(befriending, "ge"), befriending_offer(befriending, parts, record_check=""))
    assert says("This programme asks everyone who gives to show an extract. Tick the box if you agree.") in \
        response.content.decode()
    assert not Participant.objects.exists()
    befriending.required_check = Programme.Check.NONE
    befriending.save()
    page = client.get(sign_up_url(befriending, "ge")).content.decode()
    assert 'name="record_check"' not in page
    client.post(sign_up_url(befriending, "ge"), befriending_offer(befriending, parts, record_check=""))
    assert Participant.objects.get().side == Participant.Side.OFFER


def test_a_friend_family_gives_its_household_and_childrens_ages(client, friend_families, parts):
    url = sign_up_url(friend_families)
    data = {"name": "Familjen Haddad", "email": "haddad@example.org", "household_size": "5",
            "children_ages": "4, 9 och 12", "interests": [kind(friend_families, "Fotboll").pk], "work": "Sjuksköterska",
            "district": parts["ekero-centrum"].pk, "consent": "on"}
    bad = client.post(url, {**data, "children_ages": "fyra"})
    assert says("Write the ages as numbers with commas, for example 4, 9, 12.") in bad.content.decode()
    assert client.post(url, data).status_code == 302
    family = Participant.objects.get()
    assert family.details == {"household_size": 5, "children_ages": [4, 9, 12], "work": "Sjuksköterska"}
    assert list(family.interests.all()) == [kind(friend_families, "Fotboll")]


def test_an_association_offers_places_through_a_representative(client, association_matching, parts, actor,
                                                               representative):
    url = sign_up_url(association_matching, "ge")
    page = client.get(url).content.decode()
    assert says("An association signs up through one of its representatives. Log in first, then come back here.") in page
    assert client.post(url, {"name": "X"}).status_code == 200 and not Participant.objects.exists()

    client.force_login(representative)
    page = client.get(url).content.decode()
    assert "Parkinson Ekerö" in page
    data = {"name": "Eva Lindgren", "email": representative.email, "actor": actor.pk, "capacity": "4",
            "interests": [kind(association_matching, "Natur").pk], "district": parts["ekero-centrum"].pk,
            "consent": "on"}
    assert client.post(url, data).status_code == 302
    offer = Participant.objects.get()
    assert (offer.actor, offer.capacity) == (actor, 4)


def test_an_association_someone_does_not_represent_cannot_be_chosen(client, association_matching, parts,
                                                                    other_actor, resident):
    client.force_login(resident)
    data = {"name": "Lina", "email": "lina@example.org", "actor": other_actor.pk, "capacity": "4",
            "district": parts["ekero-centrum"].pk, "consent": "on"}
    response = client.post(sign_up_url(association_matching, "ge"), data)
    assert response.status_code == 200 and not Participant.objects.exists()


def test_a_newcomer_asks_for_a_language_friend(client, language_friends, parts, swedish):
    data = {"name": "Yonas", "phone": "070-123 45 67", "interests": [kind(language_friends, "Böcker").pk],
            "languages": [swedish.pk], "availability": ["2-2", "5-0"], "district": parts["adelso"].pk,
            "consent": "on"}
    assert client.post(sign_up_url(language_friends), data).status_code == 302
    yonas = Participant.objects.get()
    assert yonas.phone == "+46701234567" and yonas.email == ""
    assert list(yonas.languages.all()) == [swedish]
    # No e-mail address: the link goes by text message.
    assert OutboxMessage.objects.get().channel == "sms"


def test_re_use_gives_items_with_quantities_and_pick_up_dates(client, reuse, parts):
    url = sign_up_url(reuse, "ge")
    today = timezone.localdate()
    bed, sofa = kind(reuse, "Säng"), kind(reuse, "Soffa")
    data = {"name": "Svenska kyrkan Ekerö", "email": "aterbruk@example.org", f"item_{bed.pk}": "2",
            "district": parts["stenhamra"].pk, "pickup_from": today.isoformat(),
            "pickup_until": (today + timedelta(days=14)).isoformat(), "consent": "on"}
    nothing = client.post(url, {**data, f"item_{bed.pk}": ""})
    assert says("Write how many of at least one thing, for example 1.") in nothing.content.decode()
    backwards = client.post(url, {**data, "pickup_until": (today - timedelta(days=1)).isoformat()})
    assert says("The last day must be on or after the first day.") in backwards.content.decode()
    assert not Participant.objects.exists()
    assert client.post(url, data).status_code == 302
    gift = Participant.objects.get()
    assert gift.details["items"] == {str(bed.pk): 2}
    assert gift.details["pickup_from"] == today.isoformat()
    assert list(gift.kinds.all()) == [bed]
    # The asking side says what the flat needs.
    need = {"name": "Familjen Ali", "email": "ali@example.org", f"item_{sofa.pk}": "1", f"item_{bed.pk}": "3",
            "household_size": "4", "district": parts["ekero-centrum"].pk, "consent": "on"}
    assert client.post(sign_up_url(reuse), need).status_code == 302
    assert Participant.objects.get(email="ali@example.org").details["items"] == {str(bed.pk): 3, str(sofa.pk): 1}


@pytest.mark.parametrize("status", [Programme.Status.PAUSED, Programme.Status.CLOSED, Programme.Status.DRAFT])
def test_a_programme_that_is_not_open_takes_no_sign_ups(client, befriending, parts, status):
    befriending.status = status
    befriending.save()
    response = client.post(sign_up_url(befriending), befriending_request(befriending, parts))
    assert response.status_code == (200 if status == Programme.Status.PAUSED else 404)
    assert not Participant.objects.exists()


def test_above_the_hourly_cap_the_form_refuses_politely_and_keeps_the_input(client, befriending, parts, monkeypatch,
                                                                             administrator):
    monkeypatch.setitem(limits.CAPS, "matching.signup", limits.Cap(per_hour=2, per_recipient=3))
    for n in range(2):
        client.post(sign_up_url(befriending), befriending_request(befriending, parts, email=f"p{n}@example.org"))
    for _ in range(2):
        response = client.post(sign_up_url(befriending), befriending_request(befriending, parts))
        assert response.status_code == 429
        body = response.content.decode()
        assert says("Very many people are signing up just now, so we cannot send more confirmation messages this "
                    "hour. Nothing was saved. Please try again in an hour.") in body
        assert 'value="Ingrid Svensson"' in body
    assert not Participant.objects.filter(email="ingrid@example.org").exists()
    assert OutboxMessage.objects.filter(idempotency_key__startswith="cap-reached:matching.signup").count() == 1
    assert CapReached.objects.get().held_back == 2


def test_one_address_gets_at_most_three_links_a_day(client, befriending, friend_families, language_friends,
                                                    association_matching, parts):
    client.post(sign_up_url(befriending), befriending_request(befriending, parts, email="p@example.org"))
    for programme in (friend_families, language_friends, association_matching):
        data = {"name": "P", "email": "p@example.org", "district": parts["stenhamra"].pk, "consent": "on",
                "household_size": "2"}
        assert client.post(sign_up_url(programme), data).status_code == 302
    assert Participant.objects.filter(email="p@example.org").count() == 4
    assert OutboxMessage.objects.filter(to="p@example.org").count() == 3
