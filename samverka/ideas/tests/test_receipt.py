"""A receipt held back by the cap on messages to typed addresses (one per address a day) can
be sent again by the idea's coaches or by its author when signed in; the same caps hold, and
the page says plainly whether it went or was held back again."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.ideas.models import Idea

from .factories import IdeaFactory
from .helpers import idea_form, new_url

pytestmark = pytest.mark.django_db


def resend(client, idea, token="r" * 32):
    return client.post(reverse("ideas:resend_receipt", args=[idea.pk]), {"submission_token": token})


def to_ali():
    return OutboxMessage.objects.filter(to="ali@example.org")


@pytest.fixture
def held_back(client):
    """Ali sent two ideas the same morning: the second one's receipt was held back."""
    client.post(new_url(), idea_form(submission_token="a" * 32))
    client.post(new_url(), idea_form(title="Läxhjälp i Skå", submission_token="b" * 32))
    assert to_ali().count() == 1
    return Idea.objects.get(title="Läxhjälp i Skå")


def test_the_coach_is_told_the_receipt_is_still_held_back_then_sends_it_the_next_day(client, held_back, coach):
    client.force_login(coach)
    page = client.get(held_back.get_absolute_url()).content.decode()
    assert 'id="receipt-title"' in page and reverse("ideas:resend_receipt", args=[held_back.pk]) in page

    response = resend(client, held_back, token="c" * 32)
    assert response.status_code == 302
    assert says("The receipt is held back: %(email)s has had a receipt from the idea lab in the last %(hours)s "
                "hours, and we send no more to one address (a limit against misuse). Try again later.",
                email="ali@example.org", hours=24) in flash(response)
    assert to_ali().count() == 1

    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        response = resend(client, held_back, token="d" * 32)
        resend(client, held_back, token="d" * 32)  # a double submit sends nothing twice
    assert says("The receipt has been sent again to %(email)s.", email="ali@example.org") in flash(response)
    again = to_ali().exclude(pk=to_ali().order_by("pk").first().pk).get()
    assert settings.SITE_URL + held_back.get_private_url() in again.body_text
    assert settings.SITE_URL + held_back.get_confirm_url() in again.body_text
    assert list(AuditEvent.objects.filter(action="idea.receipt").values_list("changes", flat=True)) in (
        [{"sent": False}, {"sent": True}], [{"sent": True}, {"sent": False}])


def test_the_hourly_cap_is_named_when_it_holds_the_receipt_back(client, held_back, coach, settings):
    settings.MESSAGE_CAPS_PER_HOUR = {"ideas.received": 1}
    client.force_login(coach)
    with time_machine.travel(timezone.now() + timedelta(hours=25, minutes=30)):
        client.__class__().post(new_url(), idea_form(email="bo@example.org", name="Bo", submission_token="e" * 32))
        assert OutboxMessage.objects.filter(to="bo@example.org").exists()
        response = resend(client, held_back)
    assert says("The receipt is held back: the idea lab has sent as many receipts as it may this hour (a limit "
                "against misuse). Try again in an hour.") in flash(response)
    assert to_ali().count() == 1


def test_the_author_signed_in_sends_their_receipt_again(client, resident):
    idea = IdeaFactory(author=resident, email="", name=resident.display_name)
    client.force_login(resident)
    response = resend(client, idea)
    assert says("The receipt has been sent again to %(email)s.", email=resident.email) in flash(response)
    message = OutboxMessage.objects.get(to=resident.email)
    assert idea.get_private_url() in message.body_text and idea.get_confirm_url() not in message.body_text


def test_someone_else_cannot_send_it_and_nothing_is_sent(client, held_back, resident):
    client.force_login(resident)
    assert 'id="receipt-title"' not in client.get(held_back.get_absolute_url()).content.decode()
    held_back.is_public = True
    held_back.save()
    assert resend(client, held_back).status_code in (403, 404)
    assert OutboxMessage.objects.count() == 1
    assert not AuditEvent.objects.filter(action="idea.receipt").exists()
