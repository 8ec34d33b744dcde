"""Lina registers for the language café, without an account or with one. When it is full
she joins the waiting list; when someone cancels, the first in line gets the place and
is told. Eva, the organiser, sees the list and downloads it."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone, translation

from samverka.activities.models import Activity, Registration
from samverka.activities.services import _format_when
from samverka.activities.tests.factories import ActivityFactory, RegistrationActivityFactory, RegistrationFactory
from samverka.activities.tests.helpers import confirm_link, field_error, register_and_confirm
from samverka.communication.models import OutboxMessage
from samverka.communication.sms import LocmemBackend
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says

CONFIRM_BY_LINK = ("We send you a link by e-mail (or by text message, if you give only a phone number). "
                   "Your registration counts when you have opened the link and pressed Confirm, within 24 hours.")


def says_count(singular: str, plural: str, count: int, language: str = "sv") -> str:
    from django.utils.html import escape
    from django.utils.translation import ngettext, override

    with override(language):
        return escape(ngettext(singular, plural, count) % {"counter": count})


@pytest.fixture
def cafe(actor):
    return RegistrationActivityFactory(actor=actor, title="Språkcafé", capacity=2)


def register_url(activity, occurrence=None):
    occurrence = occurrence or activity.occurrences.get()
    return reverse("activities:register", args=[activity.slug, occurrence.pk])


def test_lina_registers_without_an_account_and_confirms_by_the_link_in_the_email(client, cafe):
    page = client.get(register_url(cafe)).content.decode()
    assert says_count("%(counter)s place left.", "%(counter)s places left.", 2) in page
    assert says(CONFIRM_BY_LINK) in page
    response = client.post(register_url(cafe), {"name": " Lina  Sandberg ", "email": "Lina@Example.org", "phone": ""})
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:registration_sent", args=[cafe.slug, registration.occurrence_id])
    assert (registration.name, registration.email, registration.status, registration.user) == (
        "Lina Sandberg", "lina@example.org", Registration.Status.UNCONFIRMED, None)
    sent_page = client.get(response["Location"]).content.decode()
    assert says("Check your e-mail") in sent_page
    assert registration.cancel_token not in sent_page  # only the message carries the link
    message = OutboxMessage.objects.get()
    assert message.to == "lina@example.org"
    assert message.subject == says("Confirm your registration: %(title)s", title="Språkcafé")
    assert confirm_link("lina@example.org") == registration.get_absolute_url()
    assert AuditEvent.objects.filter(action="activity.register").count() == 1

    own_page = client.get(registration.get_absolute_url()).content.decode()
    assert says("Confirm my registration") in own_page
    response = client.post(reverse("activities:confirm_registration", args=[registration.cancel_token]))
    assert response["Location"] == registration.get_absolute_url()
    assert flash(response) == [says("Thank you! Your registration is confirmed and you have a place.")]
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    placed = OutboxMessage.objects.get(idempotency_key=f"activity-registered:{registration.pk}")
    assert placed.subject == says("You have a place: %(title)s", title="Språkcafé")
    assert AuditEvent.objects.filter(action="activity.confirm_registration").count() == 1
    own_page = client.get(registration.get_absolute_url()).content.decode()
    assert says("You have a place.") in own_page and "Lina Sandberg" in own_page


def test_with_an_account_the_form_is_filled_in_and_the_registration_is_linked(client, cafe, resident):
    client.force_login(resident)
    body = client.get(register_url(cafe)).content.decode()
    assert 'value="Lina Sandberg"' in body and 'value="lina@example.org"' in body
    client.post(register_url(cafe), {"name": "Lina Sandberg", "email": "lina@example.org"})
    assert Registration.objects.get().user == resident
    my_page = client.get(reverse("activities:my_registrations")).content.decode()
    assert "Språkcafé" in my_page


def test_with_a_verified_address_the_place_is_taken_at_once(client, cafe, resident):
    client.force_login(resident)  # lina@example.org, verified
    assert says(CONFIRM_BY_LINK) not in client.get(register_url(cafe)).content.decode()
    response = client.post(register_url(cafe), {"name": "Lina Sandberg", "email": "lina@example.org"})
    registration = Registration.objects.get()
    assert response["Location"] == registration.get_absolute_url()
    assert registration.status == Registration.Status.CONFIRMED
    assert not OutboxMessage.objects.filter(idempotency_key__startswith="activity-confirm:").exists()


def test_a_verified_user_registering_someone_else_s_address_needs_its_confirmation(client, cafe, resident):
    client.force_login(resident)
    client.post(register_url(cafe), {"name": "Omar", "email": "omar@example.org"})
    assert Registration.objects.get().status == Registration.Status.UNCONFIRMED


def test_an_account_without_a_verified_address_confirms_by_the_link(client, cafe, resident):
    EmailAddress.objects.filter(user=resident).update(verified=False)
    client.force_login(resident)
    client.post(register_url(cafe), {"name": "Lina Sandberg", "email": "lina@example.org"})
    assert Registration.objects.get().status == Registration.Status.UNCONFIRMED
    register_and_confirm(client, register_url(cafe), {"name": "Lina Sandberg", "email": "lina@example.org"})
    registration = Registration.objects.get()
    assert (registration.status, registration.user) == (Registration.Status.CONFIRMED, resident)


@pytest.mark.parametrize(("written", "stored"), [("070-123 45 67", "+46701234567"), ("+46 70 123 45 67", "+46701234567"),
                                                 ("0046701234567", "+46701234567")])
def test_a_phone_number_is_enough_and_the_confirmation_comes_by_text_message(
        client, cafe, written, stored, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(cafe), {"name": "Ahmad", "email": "", "phone": written})
    registration = Registration.objects.get()
    assert registration.phone == stored and registration.email == ""
    message = OutboxMessage.objects.get()
    assert message.channel == OutboxMessage.Channel.SMS and message.to == stored
    assert registration.get_absolute_url() in message.body_text
    assert LocmemBackend.outbox and LocmemBackend.outbox[0]["to"] == stored


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "Lina", "email": "", "phone": ""}, "email",
         "Write an e-mail address or a mobile phone number, so that we can reach you."),
        ({"name": "Lina", "email": "", "phone": "12"}, "phone", "Write a mobile phone number, for example 070-123 45 67."),
        ({"name": "Lina", "email": "inte en adress", "phone": ""}, "email", None),
        ({"name": "", "email": "lina@example.org"}, "name", None),
    ],
)
def test_bad_input_is_explained_and_kept(client, cafe, data, field, message):
    response = client.post(register_url(cafe), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert field_error(body, field)
    if message:
        assert says(message) in field_error(body, field)
    if data["name"]:
        assert f'value="{data["name"]}"' in body
    assert not Registration.objects.exists()


@pytest.mark.parametrize("email", ["lina@example.org", "LINA@example.org"])
def test_registering_twice_with_the_same_email_gives_a_message_not_a_duplicate(client, cafe, email):
    client.post(register_url(cafe), {"name": "Lina", "email": "lina@example.org"})
    response = client.post(register_url(cafe), {"name": "Lina S", "email": email})
    body = response.content.decode()
    assert response.status_code == 200
    assert says("You are already registered for this occasion. The confirmation we sent you has a link to cancel.") \
        in field_error(body, "email")
    assert Registration.objects.count() == 1
    # The page does not show whoever has the address their cancellation link.
    assert Registration.objects.get().cancel_token not in body


def test_registering_twice_with_the_same_phone_gives_a_message(client, cafe):
    client.post(register_url(cafe), {"name": "Ahmad", "phone": "070-123 45 67"})
    body = client.post(register_url(cafe), {"name": "Ahmad", "phone": "0701234567"}).content.decode()
    assert says("You are already registered for this occasion. The confirmation we sent you has a link to cancel.") \
        in field_error(body, "phone")
    assert Registration.objects.count() == 1


def test_the_same_address_may_register_for_another_date(client, actor):
    activity = RegistrationActivityFactory(actor=actor, rrule="FREQ=WEEKLY;COUNT=2")
    first, second = activity.occurrences.order_by("start")
    register_and_confirm(client, register_url(activity, first), {"name": "Lina", "email": "lina@example.org"})
    register_and_confirm(client, register_url(activity, second), {"name": "Lina", "email": "lina@example.org"})
    assert Registration.objects.filter(status=Registration.Status.CONFIRMED).count() == 2


def test_when_it_is_full_lina_joins_the_waiting_list(client, cafe):
    for n in range(2):
        register_and_confirm(client, register_url(cafe), {"name": f"P{n}", "email": f"p{n}@example.org"})
    page = client.get(register_url(cafe)).content.decode()
    assert says("Join the waiting list") in page
    response = register_and_confirm(client, register_url(cafe), {"name": "Lina", "email": "lina@example.org"})
    registration = Registration.objects.get(email="lina@example.org")
    assert registration.status == Registration.Status.WAITLISTED
    assert says("You are on the waiting list.") in client.get(response["Location"]).content.decode()
    assert OutboxMessage.objects.get(to="lina@example.org", idempotency_key__startswith="activity-registered:"
                                     ).subject == says("On the waiting list: %(title)s",
                                                                             title="Språkcafé")


def test_the_organiser_is_told_when_the_activity_fills_up(client, cafe, representative, editor):
    register_and_confirm(client, register_url(cafe), {"name": "P1", "email": "p1@example.org"})
    assert not OutboxMessage.objects.filter(to__in=["eva@example.org", "oskar@example.org"]).exists()
    register_and_confirm(client, register_url(cafe), {"name": "P2", "email": "p2@example.org"})
    to_organisers = OutboxMessage.objects.filter(to__in=["eva@example.org", "oskar@example.org"])
    assert sorted(to_organisers.values_list("to", flat=True)) == ["eva@example.org", "oskar@example.org"]
    assert all("Språkcafé" in m.subject for m in to_organisers)
    register_and_confirm(client, register_url(cafe), {"name": "P3", "email": "p3@example.org"})  # waiting list: no new message
    assert to_organisers.count() == 2


def test_cancelling_gives_the_place_to_the_first_on_the_waiting_list(client, cafe):
    for n in range(4):
        register_and_confirm(client, register_url(cafe), {"name": f"P{n}", "email": f"p{n}@example.org"})
    first = Registration.objects.get(email="p0@example.org")
    OutboxMessage.objects.all().delete()

    page = client.get(first.get_absolute_url()).content.decode()
    assert says("Cancel my registration") in page
    response = client.post(first.get_absolute_url())
    assert flash(response) == [says("Your registration is cancelled. Thank you for telling us: someone on the waiting list gets your place.")]
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"p0@example.org": "cancelled", "p1@example.org": "confirmed",
                        "p2@example.org": "confirmed", "p3@example.org": "waitlisted"}
    message = OutboxMessage.objects.get()
    assert message.to == "p2@example.org"
    assert says("You got a place: %(title)s", title="Språkcafé") == message.subject


def test_a_cancellation_link_used_twice_says_so_and_changes_nothing(client, cafe):
    for n in range(3):
        register_and_confirm(client, register_url(cafe), {"name": f"P{n}", "email": f"p{n}@example.org"})
    first = Registration.objects.get(email="p0@example.org")
    client.post(first.get_absolute_url())
    client.get(first.get_absolute_url())  # Lina reads the first message
    before = sorted(Registration.objects.values_list("email", "status"))
    messages_before = OutboxMessage.objects.count()
    response = client.post(first.get_absolute_url())
    assert response.status_code == 302
    assert flash(response) == [says("You have already cancelled this registration. You do not need to do anything more.")]
    assert sorted(Registration.objects.values_list("email", "status")) == before
    assert OutboxMessage.objects.count() == messages_before
    assert says("This registration is cancelled.") in client.get(first.get_absolute_url()).content.decode()


def test_an_unknown_cancellation_link_is_not_found(client, db):
    response = client.get(reverse("activities:registration", args=["finns-inte"]))
    assert response.status_code == 404
    assert says("We cannot find this registration") in response.content.decode()
    assert client.post(reverse("activities:registration", args=["finns-inte"])).status_code == 404


def test_after_the_deadline_registration_is_closed_with_a_message(client, actor):
    activity = RegistrationActivityFactory(actor=actor, registration_deadline=timezone.now() + timedelta(days=1))
    url = register_url(activity)
    assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        with translation.override("sv"):
            message = says("The last day to register was %(date)s. You can no longer register.",
                           date=_format_when(activity.registration_deadline))
        page = client.get(url).content.decode()
        assert message in page and 'name="email"' not in page
        response = client.post(url, {"name": "Lina", "email": "lina@example.org"})
        body = response.content.decode()
        assert response.status_code == 200
        assert message in body
        assert 'value="Lina"' in body and 'value="lina@example.org"' in body
    assert not Registration.objects.exists()


def test_a_drop_in_activity_takes_no_registrations(client, actor):
    activity = ActivityFactory(actor=actor)
    response = client.post(register_url(activity), {"name": "Lina", "email": "lina@example.org"})
    assert says("You do not need to register for this activity. Just come!") in response.content.decode()
    assert not Registration.objects.exists()
    assert register_url(activity) not in client.get(activity.get_absolute_url()).content.decode()


def test_a_cancelled_occasion_takes_no_registrations(client, cafe):
    occurrence = cafe.occurrences.get()
    occurrence.cancelled = True
    occurrence.save()
    response = client.post(register_url(cafe), {"name": "Lina", "email": "lina@example.org"})
    assert says("This occasion is cancelled. You cannot register for it.") in response.content.decode()
    assert not Registration.objects.exists()


def test_a_past_occasion_takes_no_registrations(client, cafe):
    with time_machine.travel(cafe.end + timedelta(hours=1)):
        response = client.post(register_url(cafe), {"name": "Lina", "email": "lina@example.org"})
    assert says("This occasion has already started. You can no longer register.") in response.content.decode()
    assert not Registration.objects.exists()


def test_the_organiser_sees_the_participants_and_downloads_them(client, cafe, representative):
    occurrence = cafe.occurrences.get()
    RegistrationFactory(occurrence=occurrence, name="Lina Sandberg", email="lina@example.org", position=1)
    RegistrationFactory(occurrence=occurrence, name="=HYPERLINK(\"http://x\")", email="", phone="+46701234567",
                        position=2)
    RegistrationFactory(occurrence=occurrence, name="Borta", email="borta@example.org", position=3,
                        status=Registration.Status.CANCELLED)
    client.force_login(representative)
    page = client.get(reverse("activities:participants", args=[cafe.slug])).content.decode()
    assert "Lina Sandberg" in page and "lina@example.org" in page and "070-123 45 67" in page
    assert "Borta" not in page

    response = client.get(reverse("activities:participants_csv", args=[cafe.slug]), {"occurrence": occurrence.pk})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["Lina Sandberg", "lina@example.org", ""]
    assert rows[2][0].startswith("'=")  # not run as a formula in a spreadsheet
    assert len(rows) == 3
    assert AuditEvent.objects.filter(action="activity.export_participants").count() == 1


@pytest.mark.parametrize("value", ["abc", "99999999999999999999", "-1", ""])
def test_a_garbage_occasion_in_the_participant_list_shows_the_next_one(client, cafe, representative, value):
    client.force_login(representative)
    assert client.get(reverse("activities:participants", args=[cafe.slug]), {"occurrence": value}).status_code == 200


def test_a_cancelled_activity_is_marked_on_the_registration_page(client, cafe):
    register_and_confirm(client, register_url(cafe), {"name": "Lina", "email": "lina@example.org"})
    registration = Registration.objects.get()
    Activity.objects.filter(pk=cafe.pk).update(status=Activity.Status.CANCELLED)
    assert says("The organiser has cancelled this occasion.") in client.get(registration.get_absolute_url()).content.decode()
