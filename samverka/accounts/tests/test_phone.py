"""Lina adds her mobile number on her account, gets a code by SMS through the outbox and
types it: her number is verified. Wrong codes, old codes, and codes asked for again and again
are limited; changing the number clears the verification, and she can remove it."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from samverka.accounts.models import PhoneCode, User
from samverka.accounts.tests.factories import UserFactory
from samverka.communication import limits
from samverka.communication.models import CapReached, OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says

pytestmark = pytest.mark.django_db

URL = reverse("accounts:phone")
LINA = "+46701234567"


def send(client, number: str, **extra):
    return client.post(URL, {"action": "send", "phone": number, "submission_token": uuid.uuid4().hex, **extra},
                       follow=True)


def resend(client):
    return client.post(URL, {"action": "resend", "submission_token": uuid.uuid4().hex}, follow=True)


def confirm(client, code: str):
    return client.post(URL, {"action": "confirm", "code": code}, follow=True)


def sms_to(number: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(channel=OutboxMessage.Channel.SMS, to=number).order_by("pk"))


def code_in(message: OutboxMessage) -> str:
    return re.search(r"\b(\d{6})\b", message.body_text).group(1)


def other_code(code: str) -> str:
    return "999999" if code != "999999" else "888888"


@pytest.fixture
def lina(client, resident):
    client.force_login(resident)
    return resident


def test_she_adds_her_number_types_the_code_and_it_is_verified(client, lina):
    page = client.get(URL)
    assert page.status_code == 200 and 'autocomplete="tel"' in page.text

    response = send(client, "070-123 45 67")
    assert says("We have sent a code by SMS to %(number)s.", number="070-123 45 67") in response.text
    lina.refresh_from_db()
    assert lina.phone == LINA and lina.phone_verified_at is None and not lina.has_verified_phone
    [message] = sms_to(LINA)
    code = code_in(message)
    # The code is kept only as a keyed hash.
    row = PhoneCode.objects.get(user=lina)
    assert code not in row.code_hash and len(row.code_hash) == 64
    assert 'autocomplete="one-time-code"' in response.text

    response = confirm(client, code[:3] + " " + code[3:])  # typed with a space, as phones show it
    assert says("Your number is verified. You can now choose SMS for your groups' announcements.") in response.text
    lina.refresh_from_db()
    assert lina.has_verified_phone
    assert AuditEvent.objects.filter(action="account.phone_verified", target_id=str(lina.pk)).count() == 1
    with translation.override("sv"):
        date = date_format(timezone.localtime(lina.phone_verified_at), "j F Y")
    assert says("Your number %(number)s is verified (since %(date)s).", number="070-123 45 67", date=date) \
        in response.text
    # The code cannot be used again, and a second press changes nothing.
    assert confirm(client, code).status_code == 200
    assert User.objects.get(pk=lina.pk).phone_verified_at == lina.phone_verified_at


@pytest.mark.parametrize(("typed", "message"), [
    ("12", "Write a mobile number, for example 070-123 45 67 or +46 70 123 45 67."),
    ("", "Write your mobile number, for example 070-123 45 67."),
    ("08-570 470 00", "Write a mobile number that can get SMS, for example 070-123 45 67."),
])
def test_a_number_that_cannot_get_sms_is_refused_next_to_the_field_and_kept(client, lina, typed, message):
    response = client.post(URL, {"action": "send", "phone": typed, "submission_token": uuid.uuid4().hex})
    assert response.status_code == 400
    assert 'id="id_phone_error"' in response.text and says(message) in response.text
    assert f'value="{typed}"' in response.text or not typed
    assert not OutboxMessage.objects.exists()
    lina.refresh_from_db()
    assert lina.phone == ""


def test_a_double_click_sends_one_code(client, lina):
    data = {"action": "send", "phone": "070-123 45 67", "submission_token": "t" * 32}
    client.post(URL, data)
    client.post(URL, data)
    assert len(sms_to(LINA)) == 1


def test_a_code_that_is_not_six_digits_is_refused_next_to_the_field(client, lina):
    send(client, LINA)
    response = client.post(URL, {"action": "confirm", "code": "12ab"})
    assert response.status_code == 400 and 'id="id_code_error"' in response.text
    assert says("Write the six digits from the SMS, for example 123456.") in response.text
    assert PhoneCode.objects.get(user=lina).tries == 0


def test_five_wrong_codes_spend_the_code_and_a_new_one_works(client, lina):
    send(client, LINA)
    code = code_in(sms_to(LINA)[-1])
    for _ in range(4):
        response = confirm(client, other_code(code))
        assert response.status_code == 400
        assert says("That is not the code we sent. Check the SMS and try again.") in response.text
    response = confirm(client, other_code(code))
    assert says("That is not the code we sent, and it was the last try. Ask for a new code.") in response.text
    response = confirm(client, code)  # the right one, too late
    assert says("The code was typed wrong too many times. Ask for a new code.") in response.text
    assert not User.objects.get(pk=lina.pk).has_verified_phone

    resend(client)
    new = code_in(sms_to(LINA)[-1])
    confirm(client, new)
    assert User.objects.get(pk=lina.pk).has_verified_phone


def test_a_code_is_valid_for_fifteen_minutes(client, lina):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        send(client, LINA)
    code = code_in(sms_to(LINA)[-1])
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        response = confirm(client, code)
        assert says("The code has expired. Ask for a new code.") in response.text
    assert not User.objects.get(pk=lina.pk).has_verified_phone
    with time_machine.travel(start + timedelta(minutes=17), tick=False):
        resend(client)
        confirm(client, code_in(sms_to(LINA)[-1]))
    assert User.objects.get(pk=lina.pk).has_verified_phone


def test_a_number_gets_at_most_three_codes_an_hour_whoever_asks(client, lina):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        send(client, LINA)
        resend(client)
        resend(client)
        response = resend(client)
        assert says("This number has had as many codes as we send in an hour. Wait an hour and try again.") \
            in response.text
        # Someone else typing Lina's number gets no code to it either.
        client.force_login(UserFactory())
        response = send(client, LINA)
        assert response.status_code == 400
        assert says("This number has had as many codes as we send in an hour. Wait an hour and try again.") \
            in response.text
    assert len(sms_to(LINA)) == 3
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        client.force_login(lina)
        resend(client)
    assert len(sms_to(LINA)) == 4


def test_an_account_gets_at_most_five_codes_an_hour_whatever_the_numbers(client, lina):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for n in range(5):
            send(client, f"+4670123456{n}")
        response = send(client, "+46701234565")
        assert response.status_code == 400
        assert says("You have asked for %(count)s codes in the last hour. Wait an hour and try again.", count=5) \
            in response.text
        # Removing the number does not reset the count.
        client.post(URL, {"action": "remove"})
        assert send(client, "+46701234566").status_code == 400
    assert OutboxMessage.objects.filter(channel=OutboxMessage.Channel.SMS).count() == 5
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        assert send(client, "+46701234566").status_code == 200
    assert OutboxMessage.objects.filter(channel=OutboxMessage.Channel.SMS).count() == 6


def test_above_the_hourly_cap_no_code_goes_and_the_administrators_are_told_once(client, lina, administrator,
                                                                                 monkeypatch):
    monkeypatch.setitem(limits.CAPS, "accounts.phone", limits.Cap(per_hour=1, per_recipient=3,
                                                                  period=timedelta(hours=1)))
    send(client, LINA)
    for n in range(2):
        client.force_login(UserFactory())
        response = send(client, f"+4670765432{n}")
        assert response.status_code == 400
        assert says("We cannot send codes just now. Please try again in an hour.") in response.text
    assert OutboxMessage.objects.filter(channel=OutboxMessage.Channel.SMS).count() == 1
    assert CapReached.objects.get(purpose="accounts.phone").held_back == 2
    assert OutboxMessage.objects.filter(channel=OutboxMessage.Channel.EMAIL, to=administrator.email).count() == 1


def test_changing_the_number_clears_the_verification_and_she_can_remove_it(client, lina):
    send(client, LINA)
    confirm(client, code_in(sms_to(LINA)[-1]))
    assert User.objects.get(pk=lina.pk).has_verified_phone

    response = send(client, "073-555 12 34")
    lina.refresh_from_db()
    assert lina.phone == "+46735551234" and lina.phone_verified_at is None
    # A code went to the new number, to be typed before anything goes to it by SMS.
    assert says("Type the code") in response.text

    response = client.post(URL, {"action": "remove"}, follow=True)
    assert says("Your number is removed. Your groups' announcements come by e-mail.") in response.text
    lina.refresh_from_db()
    assert (lina.phone, lina.phone_verified_at) == ("", None)
    assert not PhoneCode.objects.get(user=lina).code_hash
    assert AuditEvent.objects.filter(action="account.phone_removed").count() == 1


def test_the_same_verified_number_again_sends_nothing(client, lina):
    send(client, LINA)
    confirm(client, code_in(sms_to(LINA)[-1]))
    response = send(client, "070-123 45 67")
    assert response.status_code == 400 and says("This number is already verified.") in response.text
    assert len(sms_to(LINA)) == 1 and User.objects.get(pk=lina.pk).has_verified_phone


def test_an_administrator_changing_the_number_clears_its_verification(lina, administrator):
    from samverka.accounts import services

    lina.phone, lina.phone_verified_at = LINA, timezone.now()
    lina.save()
    services.change_account(by=administrator, user=lina, data={"phone": "+46735551234"})
    lina.refresh_from_db()
    assert lina.phone == "+46735551234" and not lina.has_verified_phone


def test_the_page_is_only_for_the_person_logged_in(client, resident):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]
    response = client.post(URL, {"action": "send", "phone": LINA, "submission_token": uuid.uuid4().hex})
    assert response.status_code == 302
    assert not OutboxMessage.objects.exists() and not PhoneCode.objects.exists()
