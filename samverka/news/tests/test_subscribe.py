"""Karin asks for the newsletter: a link goes to her address, and she gets newsletters once
she has pressed its button (double opt-in). The same address twice gets one message; the
form stops at its hourly cap and tells the administrators once. Every newsletter has a link
that unsubscribes in one click, from the mail program too; a reused link says so, a forged
one changes nothing."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.communication import limits
from samverka.communication.models import CapReached, OutboxMessage
from samverka.core.tests.helpers import link_in, says
from samverka.news import services
from samverka.news.models import Subscriber

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def subscribe(client, email="karin@example.org", **extra):
    return client.post(reverse("news:subscribe"), {"email": email}, **extra)


def test_karin_subscribes_and_confirms_from_the_link(client):
    response = subscribe(client, "Karin@Example.org ")
    assert response.status_code == 302 and response["Location"] == reverse("news:subscribe_sent")
    karin = Subscriber.objects.get()
    assert (karin.email, karin.status, karin.language) == ("karin@example.org", "pending", "sv")
    message = OutboxMessage.objects.get()
    assert message.to == "karin@example.org"
    confirm = link_in(message)
    page = client.get(confirm)  # a mail program that opens the link to check it confirms nothing
    assert says("Yes, send me the newsletter") in page.content.decode()
    karin.refresh_from_db()
    assert karin.status == "pending"
    done = client.post(confirm)
    karin.refresh_from_db()
    assert karin.status == "confirmed" and karin.confirmed_at is not None
    assert says("Thank you! Your subscription is confirmed. The next newsletter comes to your e-mail.") in \
        done.content.decode()
    again = client.post(confirm)
    assert says("Your subscription was already confirmed. Nothing more to do.") in again.content.decode()


def test_bad_input_is_shown_next_to_the_field(client):
    response = subscribe(client, "inte en adress")
    page = response.content.decode()
    assert response.status_code == 200 and not Subscriber.objects.exists()
    assert says("Write an e-mail address, for example namn@example.org.") in page
    assert 'value="inte en adress"' in page and "error-summary" in page


def test_the_same_address_twice_gets_one_message_and_a_subscriber_none(client):
    subscribe(client)
    subscribe(client)
    assert OutboxMessage.objects.count() == 1
    SubscriberFactory(email="bo@example.org")
    assert subscribe(client, "bo@example.org").status_code == 302
    assert OutboxMessage.objects.count() == 1  # the page thanks him as anyone, and nothing is sent


def test_a_forged_or_altered_confirm_link_changes_nothing(client):
    subscribe(client)
    confirm = link_in(OutboxMessage.objects.get())
    token = confirm.rstrip("/").split("/")[-1]
    forged = signing.dumps([Subscriber.objects.get().pk, "karin@example.org"], salt="another.salt", compress=True)
    for bad in (token[:-3] + "abc", forged, "nonsense"):
        response = client.post(reverse("news:confirm", args=[bad]))
        assert response.status_code == 404
        assert says("The link does not work") in response.content.decode()
    assert Subscriber.objects.get().status == "pending"


def test_a_link_older_than_a_week_does_not_confirm(client):
    subscribe(client)
    confirm = link_in(OutboxMessage.objects.get())
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert client.post(confirm).status_code == 404
    assert Subscriber.objects.get().status == "pending"


def test_above_the_hourly_cap_the_form_refuses_and_the_administrators_are_told_once(client, monkeypatch,
                                                                                    administrator):
    monkeypatch.setitem(limits.CAPS, "news.subscribe", limits.Cap(per_hour=2))
    start = timezone.now().replace(minute=10, second=0, microsecond=0) + timedelta(hours=1)
    with time_machine.travel(start, tick=False):
        answers = [subscribe(client, f"p{n}@example.org", REMOTE_ADDR=f"192.0.2.{n}") for n in range(4)]
    assert [a.status_code for a in answers] == [302, 302, 429, 429]
    assert 'value="p3@example.org"' in answers[3].content.decode()
    assert Subscriber.objects.count() == 2
    assert OutboxMessage.objects.filter(idempotency_key__startswith="news-confirm:").count() == 2
    assert OutboxMessage.objects.filter(idempotency_key__startswith="cap-reached:").count() == 1
    assert CapReached.objects.get(purpose="news.subscribe").held_back == 2


def test_the_form_is_rate_limited_per_network(client):
    for n in range(10):
        assert subscribe(client, f"a{n}@example.org").status_code == 302
    response = subscribe(client, "den-elfte@example.org")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "den-elfte@example.org" in response.content.decode()


# ---------------------------------------------------------------- unsubscribing


def test_one_click_from_the_mail_program_unsubscribes_without_login_or_csrf():
    karin = SubscriberFactory(email="karin@example.org")
    url = services.unsubscribe_url(karin).split("://", 1)[1].split("/", 1)[1]
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post("/" + url, "List-Unsubscribe=One-Click",
                                 content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    karin.refresh_from_db()
    assert karin.status == "unsubscribed" and karin.unsubscribed_at is not None
    again = mail_program.post("/" + url, "List-Unsubscribe=One-Click",
                              content_type="application/x-www-form-urlencoded")
    assert again.status_code == 200
    assert says("You were already unsubscribed. We send you no newsletter.") in again.content.decode()


def test_the_link_shows_a_page_with_one_button(client):
    karin = SubscriberFactory(email="karin@example.org")
    path = "/" + services.unsubscribe_url(karin).split("://", 1)[1].split("/", 1)[1]
    page = client.get(path).content.decode()
    assert len(re.findall(r"<button", page)) >= 1 and says("Unsubscribe") in page
    karin.refresh_from_db()
    assert karin.status == "confirmed"  # opening the link changes nothing
    assert says("Done. We send you no more newsletters.") in client.post(path).content.decode()


def test_a_forged_or_altered_unsubscribe_link_changes_nothing(client):
    karin = SubscriberFactory(email="karin@example.org")
    bo = SubscriberFactory(email="bo@example.org")
    token = services.unsubscribe_token(karin)
    for bad in (token[:-2] + "xy", token.replace(":", ";", 1),
                signing.dumps([bo.pk, "bo@example.org"], salt="news.subscribe.confirm", compress=True)):
        response = client.post(reverse("news:unsubscribe", args=[bad]))
        assert response.status_code == 404
        assert says("The link does not work") in response.content.decode()
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"confirmed"}


def test_a_link_for_an_address_that_changed_hands_unsubscribes_no_one(client):
    karin = SubscriberFactory(email="karin@example.org")
    token = services.unsubscribe_token(karin)
    karin.delete()
    SubscriberFactory(email="karin@example.org")  # she subscribes again: another row, another link
    response = client.post(reverse("news:unsubscribe", args=[token]))
    assert says("You were already unsubscribed. We send you no newsletter.") in response.content.decode()
    assert Subscriber.objects.get().status == "confirmed"


def test_after_unsubscribing_one_may_subscribe_again(client):
    karin = SubscriberFactory(email="karin@example.org")
    client.post(reverse("news:unsubscribe", args=[services.unsubscribe_token(karin)]))
    subscribe(client)
    karin.refresh_from_db()
    assert karin.status == "pending" and OutboxMessage.objects.count() == 1


def test_the_history_keeps_no_address(client):
    from samverka.core.models import AuditEvent

    subscribe(client)
    client.post(link_in(OutboxMessage.objects.get()))
    events = AuditEvent.objects.filter(action__startswith="news.")
    assert events.count() == 2 and not any("karin" in e.target_label for e in events)
