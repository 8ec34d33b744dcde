"""Made-up people cannot fill an activity: a registration without a verified address takes
a place only when the link in its message is opened and confirmed. Fifty made-up names
leave the places free; unconfirmed registrations expire; the form's messages are capped."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samverka.activities.models import Registration
from samverka.activities.tests.factories import RegistrationActivityFactory
from samverka.activities.tests.helpers import confirm_link, register_and_confirm
from samverka.communication import limits
from samverka.communication.models import CapReached, OutboxMessage
from samverka.core.tests.helpers import says


@pytest.fixture
def cafe(actor):
    return RegistrationActivityFactory(actor=actor, title="Språkcafé", capacity=2)


def places_left(count: int) -> str:
    from django.utils.html import escape
    from django.utils.translation import ngettext, override

    with override("sv"):
        return escape(ngettext("%(counter)s place left.", "%(counter)s places left.", count) % {"counter": count})


def register_url(activity):
    return reverse("activities:register", args=[activity.slug, activity.occurrences.get().pk])


def confirm_url(registration):
    return reverse("activities:confirm_registration", args=[registration.cancel_token])


def test_fifty_made_up_registrations_take_no_places(client, cafe, representative):
    for n in range(50):
        response = client.post(register_url(cafe), {"name": f"Påhittad {n}", "email": f"p{n}@example.org"})
        assert response.status_code == 302
    assert Registration.objects.filter(status=Registration.Status.UNCONFIRMED).count() == 50
    page = client.get(register_url(cafe)).content.decode()
    assert places_left(2) in page
    assert says("Join the waiting list") not in page
    client.force_login(representative)
    participants = client.get(reverse("activities:participants", args=[cafe.slug])).content.decode()
    assert "Påhittad" not in participants

    client.logout()
    register_and_confirm(client, register_url(cafe), {"name": "Lina Sandberg", "email": "lina@example.org"})
    assert Registration.objects.get(email="lina@example.org").status == Registration.Status.CONFIRMED
    client.force_login(representative)
    assert "Lina Sandberg" in client.get(reverse("activities:participants", args=[cafe.slug])).content.decode()


def test_a_confirmation_link_opened_twice_counts_once(client, cafe):
    client.post(register_url(cafe), {"name": "Lina", "email": "lina@example.org"})
    registration = Registration.objects.get()
    client.post(confirm_url(registration))
    messages = OutboxMessage.objects.count()
    response = client.post(confirm_url(registration))
    assert response["Location"] == registration.get_absolute_url()
    assert Registration.objects.filter(status=Registration.Status.CONFIRMED).count() == 1
    assert Registration.objects.get().position == 1
    assert OutboxMessage.objects.count() == messages
    page = client.get(register_url(cafe)).content.decode()
    assert places_left(1) in page


def test_confirming_when_it_is_full_joins_the_waiting_list_in_order_of_confirmation(client, cafe):
    for name in ("anna", "bo", "cia"):
        client.post(register_url(cafe), {"name": name, "email": f"{name}@example.org"})
    for name in ("cia", "anna", "bo"):
        client.post(confirm_url(Registration.objects.get(email=f"{name}@example.org")))
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"cia@example.org": "confirmed", "anna@example.org": "confirmed",
                        "bo@example.org": "waitlisted"}
    # The waiting list still works: a cancellation gives Bo the place.
    client.post(Registration.objects.get(email="cia@example.org").get_absolute_url())
    assert Registration.objects.get(email="bo@example.org").status == Registration.Status.CONFIRMED


def test_a_wrong_token_is_not_found_and_changes_nothing(client, cafe):
    client.post(register_url(cafe), {"name": "Lina", "email": "lina@example.org"})
    registration = Registration.objects.get()
    wrong = registration.cancel_token[:-4] + ("aaaa" if not registration.cancel_token.endswith("aaaa") else "bbbb")
    assert client.post(reverse("activities:confirm_registration", args=[wrong])).status_code == 404
    assert client.get(reverse("activities:registration", args=[wrong])).status_code == 404
    assert client.get(confirm_url(registration)).status_code == 405  # only the button confirms
    registration.refresh_from_db()
    assert registration.status == Registration.Status.UNCONFIRMED


def test_an_unconfirmed_registration_expires_after_a_day(client, cafe):
    client.post(register_url(cafe), {"name": "Lina", "email": "lina@example.org"})
    registration = Registration.objects.get()
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        response = client.post(confirm_url(registration), follow=True)
        assert says("The link was valid for 24 hours and has expired. Register again, please.") \
            in response.content.decode()
        assert Registration.objects.get().status == Registration.Status.UNCONFIRMED
        # The address may register again: the old registration goes.
        client.post(register_url(cafe), {"name": "Lina", "email": "lina@example.org"})
        assert Registration.objects.get().pk != registration.pk
    with time_machine.travel(timezone.now() + timedelta(hours=50)):
        call_command("send_activity_reminders", stdout=open("/dev/null", "w"))
    assert not Registration.objects.exists()


def test_a_cancelled_unconfirmed_registration_cannot_be_confirmed(client, cafe):
    client.post(register_url(cafe), {"name": "Lina", "email": "lina@example.org"})
    registration = Registration.objects.get()
    client.post(registration.get_absolute_url())  # there is no cancel button, but the link is the key
    response = client.post(confirm_url(registration), follow=True)
    assert says("This registration is cancelled. Register again if you want to come.") in response.content.decode()
    assert Registration.objects.get().status == Registration.Status.CANCELLED


def test_one_address_gets_at_most_three_links_a_day_and_the_page_does_not_tell(client, actor):
    activities = [RegistrationActivityFactory(actor=actor) for _ in range(4)]
    pages = []
    for activity in activities:
        response = client.post(register_url(activity), {"name": "Lina", "email": "lina@example.org"}, follow=True)
        pages.append(response.content.decode().replace(activity.title, "").replace(activity.slug, ""))
    assert OutboxMessage.objects.filter(to="lina@example.org").count() == 3
    assert Registration.objects.count() == 4
    assert says("Check your e-mail") in pages[3]
    assert confirm_link("lina@example.org")


def test_above_the_hourly_cap_the_form_refuses_politely_and_keeps_the_input(client, cafe, monkeypatch,
                                                                             administrator):
    monkeypatch.setitem(limits.CAPS, "activities.register", limits.Cap(per_hour=3, per_recipient=3))
    for n in range(3):
        client.post(register_url(cafe), {"name": f"P{n}", "email": f"p{n}@example.org"})
    for _ in range(2):
        response = client.post(register_url(cafe), {"name": "Lina", "email": "lina@example.org"})
        assert response.status_code == 429
        body = response.content.decode()
        assert says("Very many people are registering just now, so we cannot send more confirmation messages "
                    "this hour. Nothing was saved. Please try again in an hour.") in body
        assert 'value="Lina"' in body and 'value="lina@example.org"' in body
    assert not Registration.objects.filter(email="lina@example.org").exists()
    assert OutboxMessage.objects.filter(idempotency_key__startswith="cap-reached:activities.register").count() == 1
    assert CapReached.objects.get().held_back == 2
