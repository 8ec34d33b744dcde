"""The outbox under faults: a message that crashes the worker is tried a bounded number of
times and then given up, visibly; two workers never hold the same message at once; a slow
batch keeps its messages until it is done."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import close_old_connections, connection
from django.urls import reverse
from django.utils import timezone

from samverka.activities.tests.test_concurrency import database_as_in_production  # noqa: F401 (a fixture)
from samverka.communication import services
from samverka.communication.models import OutboxMessage

Status = OutboxMessage.Status


def email(key, to="lina@example.org") -> OutboxMessage:
    return services.queue_message(channel="email", to=to, subject="Välkommen", body_text="Hej Lina!", key=key)


def crash(now) -> list[OutboxMessage]:
    """A worker claims what is due and dies before it can send or record anything."""
    return services.claim(services.CHUNK, now=now)


def test_a_message_that_crashes_the_worker_is_tried_at_most_n_times(db, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = email("poison")
    lease = timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    now = timezone.now()
    claims = []
    for _ in range(6):
        claims.append(len(crash(now)))
        now += lease + timedelta(seconds=1)
    assert claims == [1, 1, 1, 0, 0, 0]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, 3)
    assert "worker stopped while sending it" in message.last_error
    with time_machine.travel(now, tick=False):
        assert services.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}
    assert not mail.outbox


def test_a_message_that_crashes_the_worker_takes_no_others_down(db, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    poison = email("poison")
    others = [email(f"other:{n}", to=f"person{n}@example.org") for n in range(3)]
    now = timezone.now()
    assert len(crash(now)) == 4  # the first run dies with the whole batch claimed
    now += timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1)
    # After the lease, what was held by a dead worker is taken one message at a time.
    assert [m.pk for m in crash(now)] == [poison.pk]
    with time_machine.travel(now, tick=False):
        assert services.deliver_due() == {"sent": 3, "retry": 0, "failed": 0}
    now += timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1)
    assert crash(now) == []
    poison.refresh_from_db()
    assert poison.status == Status.FAILED
    assert sorted(m.to[0] for m in mail.outbox) == [m.to for m in others]


def test_the_administrator_sees_a_message_given_up(client, maja, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    message = email("poison")
    crash(timezone.now())
    crash(timezone.now() + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1))
    page = maja.get(reverse("admin:communication_outboxmessage_changelist") + "?status__exact=failed")
    assert "lina@example.org" in page.content.decode()
    page = maja.get(reverse("admin:communication_outboxmessage_change", args=[message.pk])).content.decode()
    assert "worker stopped while sending it" in page


def test_a_failed_try_is_one_attempt_and_a_channel_that_went_down_costs_none(db, monkeypatch):
    first, second = email("a"), email("b", to="nils@example.org")

    def down(backend, messages):
        from smtplib import SMTPServerDisconnected
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", down)
    assert services.deliver_due() == {"sent": 0, "retry": 1, "failed": 0}
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.attempts) == (Status.PENDING, 1)
    assert (second.status, second.attempts) == (Status.PENDING, 0)  # claimed, never tried


def test_a_slow_batch_is_not_claimed_again_midway(db, settings, monkeypatch):
    """Each message takes 20 s (the SMTP timeout) to send: 25 of them outlast the 300 s
    lease they were claimed with, yet no other worker gets one, and each is sent once."""
    for n in range(services.CHUNK):
        email(f"slow:{n}", to=f"person{n}@example.org")
    start = timezone.now()
    taken_midway = []
    with time_machine.travel(start, tick=False) as traveller:
        original = EmailBackend.send_messages

        def slow(backend, messages):
            traveller.shift(timedelta(seconds=20))
            taken_midway.extend(services.claim(services.CHUNK))  # another worker tries meanwhile
            return original(backend, messages)

        monkeypatch.setattr(EmailBackend, "send_messages", slow)
        assert services.deliver_due() == {"sent": services.CHUNK, "retry": 0, "failed": 0}
        assert timezone.now() - start > timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    assert taken_midway == []
    assert len(mail.outbox) == services.CHUNK
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}


def test_a_worker_that_stalled_past_its_lease_does_not_send_what_another_took(db, settings):
    mine, theirs = email("mine"), email("theirs")
    held = crash(timezone.now())
    later = timezone.now() + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1)
    assert [m.pk for m in services.claim(1, now=later)] == [mine.pk]  # the lease ran out; another took it
    # The stalled worker wakes up a second later and keeps only what nobody took.
    assert services.hold(held, now=later + timedelta(seconds=1)) == {theirs.pk}


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_at_once_never_get_the_same_message(settings, request):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # no worker here
    for n in range(40):
        email(f"race:{n}", to=f"person{n}@example.org")
    request.getfixturevalue("database_as_in_production")  # SQLite: a file whose writers queue
    start = threading.Barrier(2)
    results: list[list[int]] = [[], []]

    errors = []

    def worker(slot: int) -> None:
        try:
            start.wait()
            while batch := services.claim(3):
                results[slot].extend(m.pk for m in batch)
        except Exception as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert not set(results[0]) & set(results[1])
    assert len(results[0]) + len(results[1]) == 40
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
