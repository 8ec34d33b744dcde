"""Every e-mail and SMS goes through the outbox: written with the change that causes it,
sent by the worker with retries, never lost and never sent twice."""

import re
from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from samverka.actors import services as actor_services
from samverka.communication import services, tasks
from samverka.communication.models import OutboxMessage
from samverka.communication.sms import LocmemBackend
from samverka.core.tasks import WAKE_WINDOW

Status = OutboxMessage.Status


def email(key="welcome:1", to="lina@example.org") -> OutboxMessage:
    return services.queue_message(channel="email", to=to, subject="Välkommen", body_text="Hej Lina!",
                                  body_html="<p>Hej Lina!</p>", key=key)


@pytest.fixture
def outage(monkeypatch):
    """The mail provider is down until `outage.end()`."""

    class Outage:
        calls = 0

        def end(self):
            monkeypatch.setattr(EmailBackend, "send_messages", original)

    def fail(backend, messages):
        Outage.calls += 1
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    original = EmailBackend.send_messages
    monkeypatch.setattr(EmailBackend, "send_messages", fail)
    return Outage()


def test_a_message_is_written_with_the_change_that_causes_it(actor, representative):
    actor_services.invite_representative(by=representative, actor=actor, email="nils@example.org", role="editor")
    assert OutboxMessage.objects.get().to == "nils@example.org"


def test_a_change_rolled_back_leaves_no_message(actor, representative):
    with pytest.raises(RuntimeError), transaction.atomic():
        actor_services.invite_representative(by=representative, actor=actor, email="nils@example.org", role="editor")
        raise RuntimeError("the database went away before commit")
    assert not OutboxMessage.objects.exists()
    assert not actor.invitations.exists()


def test_the_worker_is_woken_only_when_the_change_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email()
    assert len(callbacks) == 1
    assert OutboxMessage.objects.get().status == Status.SENT
    assert len(mail.outbox) == 1


def test_the_same_key_is_one_message(db):
    email(key="k")
    email(key="k")
    assert OutboxMessage.objects.count() == 1


def test_delivery_sends_with_the_idempotency_key(db):
    message = email()
    assert services.deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    [sent] = mail.outbox
    assert sent.to == ["lina@example.org"]
    assert sent.subject == "Välkommen"
    assert sent.body == "Hej Lina!"
    assert sent.alternatives[0][1] == "text/html"
    assert sent.extra_headers["X-Idempotency-Key"] == "welcome:1"
    # The same Message-ID on every attempt, and a valid one although the key has a colon.
    assert sent.message()["Message-ID"] == services.message_id("welcome:1")
    assert re.fullmatch(r"<[0-9a-f]{40}@[\w.-]+>", services.message_id("invitation:7:2026-11-23T10:00:00+00:00"))
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 1)
    assert message.sent_at is not None

    assert services.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}
    assert len(mail.outbox) == 1


def test_an_outage_delays_the_message_with_growing_waits(db, outage):
    message = email()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert services.deliver_due() == {"sent": 0, "retry": 1, "failed": 0}
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.PENDING, 1)
    assert "SMTPServerDisconnected" in message.last_error
    first_wait = message.next_attempt_at - start
    assert first_wait > timedelta(0)

    # Not due yet: the worker leaves it alone.
    assert services.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}

    with time_machine.travel(message.next_attempt_at + timedelta(seconds=1), tick=False) as traveller:
        services.deliver_due()
        message.refresh_from_db()
        second_wait = message.next_attempt_at - timezone.now()
        assert message.attempts == 2
        assert second_wait > first_wait

        outage.end()
        traveller.move_to(message.next_attempt_at + timedelta(seconds=1))
        assert services.deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
        assert services.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 3)
    assert len(mail.outbox) == 1


def test_backoff_grows_and_has_a_ceiling():
    waits = [services.backoff(n) for n in range(1, 20)]
    assert waits == sorted(waits)
    assert waits[1] > waits[0]
    assert waits[-1] <= timedelta(hours=6)


def test_after_the_last_attempt_the_message_is_failed(db, outage, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = email()
    now = timezone.now()
    counts = []
    with time_machine.travel(now, tick=False) as traveller:
        for _ in range(5):
            counts.append(services.deliver_due())
            traveller.shift(timedelta(days=1))
    assert [c["retry"] for c in counts] == [1, 1, 0, 0, 0]
    assert [c["failed"] for c in counts] == [0, 0, 1, 0, 0]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, 3)
    assert outage.calls == 3


def test_a_message_claimed_by_a_worker_that_died_is_sent_again(db):
    message = email(key="invitation:7")
    # A worker claimed it and died before it could send or record anything.
    assert services.claim(message.pk)
    message.refresh_from_db()
    assert message.status == Status.SENDING
    assert services.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}  # its lease still runs

    with time_machine.travel(message.lease_until + timedelta(seconds=1)):
        assert services.deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    assert [m.extra_headers["X-Idempotency-Key"] for m in mail.outbox] == ["invitation:7"]
    message.refresh_from_db()
    assert message.status == Status.SENT


def test_a_message_a_live_worker_holds_is_left_alone(db):
    message = email()
    assert services.claim(message.pk)
    assert services.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}
    assert not mail.outbox


def test_of_two_claims_only_one_wins(db):
    message = email()
    assert [m.pk for m in services.claim(10)] == [message.pk]
    assert services.claim(10) == []
    message.refresh_from_db()
    assert message.status == Status.SENDING


def test_a_sent_message_cannot_be_claimed(db):
    message = email()
    services.deliver_due()
    assert services.claim(10) == []
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1


def test_sms_goes_through_the_outbox_to_the_backend(db):
    services.queue_sms(to="+46701234567", body="Din hjälp behövs i morgon kl. 10.", key="sms:1")
    services.deliver_due()
    assert LocmemBackend.outbox == [
        {"to": "+46701234567", "body": "Din hjälp behövs i morgon kl. 10.", "idempotency_key": "sms:1"}]


def test_the_sms_provider_delivers_a_key_once(db):
    backend = LocmemBackend()
    backend.send(to="+46701234567", body="Hej", idempotency_key="k1")
    backend.send(to="+46701234567", body="Hej", idempotency_key="k1")
    backend.send(to="+46701234567", body="Hej", idempotency_key="k2")
    assert [m["idempotency_key"] for m in LocmemBackend.outbox] == ["k1", "k2"]


def test_an_sms_resent_after_a_crash_reaches_the_phone_once(db):
    message = services.queue_sms(to="+46701234567", body="Hej", key="sms:crash")
    services.deliver_due()
    # The worker died after the provider took the message but before the row said "sent".
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.SENDING,
                                                       lease_until=timezone.now() - timedelta(minutes=1))
    services.deliver_due()
    assert len(LocmemBackend.outbox) == 1


def test_the_task_delivers_and_the_command_is_a_safety_net(db, capsys):
    email(key="a")
    assert tasks.deliver_outbox.call() == {"sent": 1, "retry": 0, "failed": 0}
    email(key="b")
    call_command("send_outbox")
    assert "sent 1" in capsys.readouterr().out
    assert len(mail.outbox) == 2


def test_the_task_survives_an_outage(db, outage):
    email()
    counts = tasks.deliver_outbox.call()
    assert counts == {"sent": 0, "retry": 1, "failed": 0}
    assert OutboxMessage.objects.get().status == Status.PENDING


def test_many_messages_are_each_sent_once(db):
    for n in range(30):
        email(key=f"bulk:{n}", to=f"person{n}@example.org")
    services.deliver_due(limit=10)
    services.deliver_due()
    services.deliver_due()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"person{n}@example.org" for n in range(30))


def test_emails_are_rendered_in_the_recipients_language(actor, representative):
    services.queue_email(to="a@example.org", template="actors/email/invitation", key="sv",
                         context={"invitation": actor.invitations.create(email="a@example.org"), "actor": actor,
                                  "invited_by": representative}, language="sv")
    services.queue_email(to="b@example.org", template="actors/email/invitation", key="en",
                         context={"invitation": actor.invitations.create(email="b@example.org"), "actor": actor,
                                  "invited_by": representative}, language="en")
    english = OutboxMessage.objects.get(idempotency_key="en")
    assert english.subject == "Invitation to Parkinson Ekerö on Samverka"
    assert english.body_html and english.body_text


def test_plain_text_emails_are_not_html_escaped(actor, representative):
    actor.name = "Föräldrar & barn"
    representative.first_name = "O'Brien"
    services.queue_email(to="a@example.org", template="actors/email/invitation", key="x", language="en",
                         context={"invitation": actor.invitations.create(email="a@example.org"), "actor": actor,
                                  "invited_by": representative})
    message = OutboxMessage.objects.get()
    assert message.subject == "Invitation to Föräldrar & barn on Samverka"
    assert "Föräldrar & barn" in message.body_text and "O'Brien" in message.body_text
    assert "&amp;" not in message.body_text
    assert "Föräldrar &amp; barn" in message.body_html


def test_a_worker_that_can_wait_comes_back_when_the_retry_is_due(db, outage, settings):
    from django.tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    email()
    tasks.deliver_outbox.call()
    [later] = task_backends["default"].results
    assert later.task.name == tasks.deliver_outbox.name
    assert later.task.run_after == OutboxMessage.objects.get().next_attempt_at


def test_a_surge_of_messages_wakes_the_worker_once_a_second(db, settings, django_capture_on_commit_callbacks):
    from django.tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for n in range(5):
            with django_capture_on_commit_callbacks(execute=True):
                email(key=f"surge:{n}")
        [run] = task_backends["default"].results
        # Due when the window closes: it sees every message written while it was the latest.
        assert run.task.run_after == start + timedelta(seconds=WAKE_WINDOW)
        traveller.shift(timedelta(seconds=WAKE_WINDOW + 0.1))
        with django_capture_on_commit_callbacks(execute=True):
            email(key="surge:later")
    assert len(task_backends["default"].results) == 2


def test_runs_during_an_outage_ask_for_one_retry_run(db, outage, settings):
    from django.tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    email(key="a")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(3):  # a wake-up run per second (new messages) while the provider is down
            tasks.deliver_outbox.call()
            traveller.shift(timedelta(seconds=1))
        runs = task_backends["default"].results
        assert len(runs) == 1
        # When that run's time has come, it asks for the next one.
        traveller.move_to(runs[0].task.run_after + timedelta(seconds=1))
        tasks.deliver_outbox.call()
    assert len(task_backends["default"].results) == 2
