"""Nobody can use "I can help" or "I need help" to send SMS to numbers of their choosing:
one message per number a day, and a total per form and hour, above which the forms keep
what is sent but send nothing, and Maja, the administrator, is told once."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from samverka.communication import limits
from samverka.communication.models import CapReached, OutboxMessage
from samverka.crisis.models import CrisisVolunteer, HelpRequest
from samverka.volunteers.models import Volunteer

from .conftest import offer_data, request_data
from .test_offer import sign_up

REQUEST = "/kris/jag-behover-hjalp/"


def numbers(count: int) -> list[str]:
    return [f"070-123 45 {n:02d}" for n in range(count)]


def sms_to_volunteers():
    return OutboxMessage.objects.filter(channel="sms", idempotency_key__startswith="crisis-confirm-")


def to_administrators():
    return OutboxMessage.objects.filter(idempotency_key__startswith="cap-reached:")


@pytest.fixture
def small_caps(monkeypatch):
    monkeypatch.setitem(limits.CAPS, "crisis.signup", limits.Cap(per_hour=5))
    monkeypatch.setitem(limits.CAPS, "crisis.help_request", limits.Cap(per_hour=3))
    # Ten minutes into the next clock hour, so a test never crosses into another hour
    # (the alarm is once per form and clock hour).
    start = timezone.now().replace(minute=10, second=0, microsecond=0) + timedelta(hours=1)
    with time_machine.travel(start, tick=True):
        yield


def test_twenty_numbers_in_a_minute_queue_at_most_the_cap(client, crisis, districts, kinds, small_caps,
                                                          administrator):
    for number in numbers(20):
        assert sign_up(client, offer_data(districts, kinds, phone=number)).status_code == 302
    assert sms_to_volunteers().count() == 5
    # Nothing sent is lost: all twenty are volunteers of the crisis, waiting to be confirmed.
    assert Volunteer.objects.count() == 20 and CrisisVolunteer.objects.count() == 20
    assert CapReached.objects.get(purpose="crisis.signup").held_back == 15
    alarm = to_administrators().get()
    assert alarm.to == "maja@example.org" and "crisis.signup" in alarm.subject


def test_the_same_number_twice_in_a_day_gets_one_sms(client, crisis, districts, kinds):
    sign_up(client, offer_data(districts, kinds, phone="070-123 45 67"))
    code = CrisisVolunteer.objects.get().confirm_code
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        sign_up(client, offer_data(districts, kinds, phone="+46 70 123 45 67"))
    assert sms_to_volunteers().count() == 1
    assert CrisisVolunteer.objects.get().confirm_code == code  # the code sent still works
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        sign_up(client, offer_data(districts, kinds, phone="0701234567"))
    assert sms_to_volunteers().count() == 2


def test_above_the_hourly_cap_the_administrators_are_told_once(client, crisis, districts, kinds, small_caps,
                                                               administrator):
    for number in numbers(7):
        sign_up(client, offer_data(districts, kinds, phone=number))
    assert to_administrators().count() == 1
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        for number in numbers(12)[7:]:
            sign_up(client, offer_data(districts, kinds, phone=number))
    assert sms_to_volunteers().count() == 5
    assert to_administrators().count() == 1
    assert sum(CapReached.objects.values_list("held_back", flat=True)) == 7


def test_the_admin_lists_the_hours_a_cap_was_reached(client, crisis, districts, kinds, small_caps, administrator):
    for number in numbers(6):
        sign_up(client, offer_data(districts, kinds, phone=number))
    client.force_login(administrator)
    page = client.get("/admin/communication/capreached/").content.decode()
    assert "crisis.signup" in page


def test_help_requests_are_kept_but_one_number_gets_one_receipt(client, crisis, districts, kinds):
    for what in ("Mat för veckan.", "Medicin från apoteket.", "Posten från brevlådan."):
        response = client.post(REQUEST, request_data(districts, kinds, phone="070-765 43 21", what=what))
        assert response.status_code == 302
    assert HelpRequest.objects.count() == 3
    assert OutboxMessage.objects.filter(to="+46707654321").count() == 1


def test_above_its_cap_the_help_request_form_keeps_every_request(client, crisis, districts, kinds, small_caps,
                                                                 administrator):
    for number in numbers(5):
        assert client.post(REQUEST, request_data(districts, kinds, phone=number)).status_code == 302
    assert HelpRequest.objects.count() == 5
    assert OutboxMessage.objects.filter(idempotency_key__startswith="help-request-").count() == 3
    assert to_administrators().count() == 1


def test_a_desk_official_entering_requests_is_not_capped(client, crisis, districts, kinds, small_caps, triager):
    from samverka.crisis import services

    for number in numbers(5):
        services.create_help_request(by=triager, crisis_id=crisis.pk, data={
            "name": "Greta Holm", "phone": number, "address": "Bryggvägen 3", "what": "Mat"})
    assert OutboxMessage.objects.filter(idempotency_key__startswith="help-request-").count() == 5
