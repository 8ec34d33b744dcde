"""Sara composes a newsletter and sends it: the task worker queues one e-mail per confirmed
subscriber in the outbox, in batches, each with a one-click unsubscribe header (RFC 8058).
A send that stops half-way goes on where it stopped: no one gets it twice, no one is skipped."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.translation import ngettext, override

from samverka.communication import services as outbox
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.news import services
from samverka.news.models import Delivery, Newsletter, Subscriber

from .factories import NewsletterFactory, PostFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sara(official):
    browser = Client()
    browser.force_login(official)
    return browser


def test_sara_composes_and_sends_a_newsletter(sara, django_capture_on_commit_callbacks, time_machine):
    # The unsubscribe token carries a timestamp to the second: the clock stands still.
    time_machine.move_to("2026-05-04 09:00 +02:00", tick=False)
    post = PostFactory(title="Språkcaféet växer")
    subscribers = SubscriberFactory.create_batch(3)
    SubscriberFactory(status=Subscriber.Status.PENDING, email="vantar@example.org")
    SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED, email="slutat@example.org")
    response = sara.post(reverse("news:new_newsletter"), {"title": "December på öarna", "intro": "Hej!",
                                                          "posts": [post.pk]})
    letter = Newsletter.objects.get()
    assert response["Location"] == letter.get_absolute_url()
    with override("sv"):
        goes_to = ngettext("It goes to %(n)s subscriber.", "It goes to %(n)s subscribers.", 3) % {"n": 3}
    assert goes_to in sara.get(letter.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sara.post(reverse("news:send", args=[letter.pk]))
    letter.refresh_from_db()
    assert letter.status == "sent" and letter.sent_at is not None
    messages = OutboxMessage.objects.filter(idempotency_key__startswith="newsletter:")
    assert sorted(m.to for m in messages) == sorted(s.email for s in subscribers)
    message = messages.first()
    assert message.subject == "December på öarna" and "Språkcaféet växer" in message.body_text
    subscriber = Subscriber.objects.get(email=message.to)
    link = services.unsubscribe_url(subscriber)
    assert message.headers == {"List-Unsubscribe": f"<{link}>",
                               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    assert link in message.body_text
    assert AuditEvent.objects.filter(action="news.send_newsletter").count() == 1
    # Sent again: nothing more.
    assert sara.post(reverse("news:send", args=[letter.pk])).status_code == 302
    assert OutboxMessage.objects.filter(idempotency_key__startswith="newsletter:").count() == 3


def test_the_sent_email_carries_the_one_click_headers(sara, time_machine):
    # The token carries a timestamp to the second: the clock stands still while it is compared.
    time_machine.move_to("2026-05-04 09:00 +02:00", tick=False)
    karin = SubscriberFactory(email="karin@example.org")
    letter = NewsletterFactory(posts=[PostFactory()], status=Newsletter.Status.SENDING)
    services.deliver_newsletter(newsletter_id=letter.pk)
    mail.outbox.clear()
    outbox.deliver_due()
    [sent] = mail.outbox
    assert sent.extra_headers["List-Unsubscribe"] == f"<{services.unsubscribe_url(karin)}>"
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in sent.message().as_string()


def test_an_interrupted_send_resumes_where_it_stopped(monkeypatch):
    subscribers = SubscriberFactory.create_batch(7)
    letter = NewsletterFactory(posts=[PostFactory()], status=Newsletter.Status.SENDING)
    real = services.queue_messages
    calls = {"n": 0}

    def fails_on_the_third_batch(messages):
        calls["n"] += 1
        if calls["n"] == 3:
            raise ConnectionError("the database went away")
        real(messages)

    monkeypatch.setattr(services, "queue_messages", fails_on_the_third_batch)
    with pytest.raises(ConnectionError):
        services.deliver_newsletter(newsletter_id=letter.pk, size=2)
    assert Delivery.objects.count() == 4  # two batches; the third rolled back whole
    assert OutboxMessage.objects.count() == 4
    letter.refresh_from_db()
    assert letter.status == "sending"

    services.deliver_newsletter(newsletter_id=letter.pk, size=2)  # the task run again
    to = list(OutboxMessage.objects.values_list("to", flat=True))
    assert sorted(to) == sorted(s.email for s in subscribers) and len(to) == len(set(to)) == 7
    assert Delivery.objects.count() == 7
    letter.refresh_from_db()
    assert letter.status == "sent"


def test_a_newsletter_needs_something_to_say(sara):
    letter = NewsletterFactory(intro="")
    response = sara.post(reverse("news:send", args=[letter.pk]), follow=True)
    assert says("Write an introduction or choose at least one news post before sending.") in \
        response.content.decode()
    assert Newsletter.objects.get().status == "draft"


@pytest.mark.parametrize("persona", ["resident", "representative"])
def test_others_neither_see_nor_send_newsletters(persona, request):
    user = request.getfixturevalue(persona)
    SubscriberFactory()
    letter = NewsletterFactory(posts=[PostFactory()])
    browser = Client()
    browser.force_login(user)
    assert browser.get(letter.get_absolute_url()).status_code == 404
    assert browser.post(reverse("news:send", args=[letter.pk])).status_code == 404
    assert browser.post(reverse("news:new_newsletter"), {"title": "x"}).status_code == 403
    assert Newsletter.objects.get().status == "draft" and not OutboxMessage.objects.exists()
