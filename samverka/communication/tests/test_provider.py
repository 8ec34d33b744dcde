"""The SMS provider adapter (46elks' HTTP API) and the mail transport, against the local fake
provider (samverka.communication.fake_provider), which delivers each idempotency key once.

What must hold: a message reaches the phone or the mailbox once, whatever happens to the
worker or the provider on the way; a crash or an outage only delays it."""

import json
import os
import sqlite3
import subprocess  # noqa: S404
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from samverka.communication import services
from samverka.communication.elks import ElksBackend
from samverka.communication.fake_provider import FakeProvider
from samverka.communication.models import OutboxMessage
from samverka.communication.sms import ProviderUnavailable, SmsRejected

Status = OutboxMessage.Status
ROOT = Path(__file__).resolve().parents[3]
USER, PASSWORD = "u4c0ffee", "api-secret"


@pytest.fixture
def fake(settings):
    """The fake provider on threads, and the platform pointed at it: SMS through the
    46elks adapter, e-mail through SMTP."""
    with FakeProvider(user=USER, password=PASSWORD) as provider:
        settings.SMS_BACKEND = "samverka.communication.elks.ElksBackend"
        settings.SMS_API_URL = provider.sms_url
        settings.SMS_API_USER, settings.SMS_API_PASSWORD = USER, PASSWORD
        settings.SMS_SENDER = "Samverka"
        settings.SMS_TIMEOUT = 1
        settings.MAILERS = {"default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": provider.smtp_port, "use_tls": False, "timeout": 2},
        }}
        yield provider


def sms(n: int = 0) -> OutboxMessage:
    return services.queue_sms(to=f"+4670123450{n}", body=f"Din kod är 12345{n}.", key=f"sms:{n}")


def email(n: int = 0) -> OutboxMessage:
    return services.queue_message(channel="email", to=f"person{n}@example.org", subject="Tack för din anmälan",
                                  body_text="Klicka på länken för att bekräfta.", key=f"email:{n}")


def keys(deliveries: list[dict]) -> list[str]:
    return sorted(d["key"] for d in deliveries)


def statuses() -> dict[str, str]:
    return dict(OutboxMessage.objects.values_list("idempotency_key", "status"))


# The adapter -----------------------------------------------------------------------------

def test_an_sms_goes_to_the_provider_with_its_key(db, fake):
    message = sms()
    assert services.deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    [delivered] = fake.deliveries("sms")
    assert delivered | {"id": "", "at": 0} == {
        "channel": "sms", "id": "", "at": 0, "key": "sms:0", "from": "Samverka", "to": "+46701234500",
        "message": "Din kod är 123450."}
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 1)


def test_the_same_message_sent_twice_is_delivered_once(fake):
    backend = ElksBackend()
    first = backend.send(to="+46701234567", body="Hej", idempotency_key="k1")
    again = backend.send(to="+46701234567", body="Hej", idempotency_key="k1")
    other = backend.send(to="+46701234567", body="Hej", idempotency_key="k2")
    assert first == again != other
    assert keys(fake.deliveries()) == ["k1", "k2"]
    assert fake.counts()["sms_repeats"] == 1


def test_an_sms_resent_after_a_crash_reaches_the_phone_once(db, fake):
    message = sms()
    services.deliver_due()
    # The worker died after the provider took the message, before the row said "sent".
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.SENDING,
                                                       lease_until=timezone.now() - timedelta(seconds=1))
    assert services.deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    assert keys(fake.deliveries()) == ["sms:0"]
    assert fake.counts()["sms_repeats"] == 1


def test_a_number_the_provider_refuses_fails_at_once(db, fake):
    message = services.queue_sms(to="+4670", body="Hej", key="bad")  # too short to be a number
    assert services.deliver_due() == {"sent": 0, "retry": 0, "failed": 1}
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, 1)
    assert "HTTP 400" in message.last_error and "Invalid to number" in message.last_error
    with pytest.raises(SmsRejected):
        ElksBackend().send(to="0701234567", body="Hej", idempotency_key="bad")  # the provider takes E.164 only


def test_a_number_written_the_swedish_way_is_sent_in_e164(db, fake):
    services.queue_sms(to="070-123 45 67", body="Hej", key="national")
    assert services.deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    assert [d["to"] for d in fake.deliveries()] == ["+46701234567"]


def test_wrong_credentials_wait_for_the_administrator(db, fake, settings):
    settings.SMS_API_PASSWORD = "wrong"
    message = sms()
    assert services.deliver_due() == {"sent": 0, "retry": 1, "failed": 0}
    message.refresh_from_db()
    assert message.status == Status.PENDING
    assert "HTTP 401" in message.last_error
    assert not fake.deliveries()


def test_a_provider_that_does_not_answer_in_time_is_tried_again(db, fake):
    message = sms()
    fake.control(hang=1)  # delivered, but the answer never comes
    assert services.deliver_due() == {"sent": 0, "retry": 1, "failed": 0}
    message.refresh_from_db()
    assert message.status == Status.PENDING
    assert "ProviderUnavailable" in message.last_error
    with time_machine.travel(message.next_attempt_at + timedelta(seconds=1)):
        assert services.deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    assert keys(fake.deliveries()) == ["sms:0"]


def test_no_connection_is_an_outage():
    with FakeProvider() as gone:
        url = gone.sms_url
    backend = ElksBackend()
    backend.url = url
    with pytest.raises(ProviderUnavailable):
        backend.send(to="+46701234567", body="Hej", idempotency_key="k")


def test_an_email_goes_through_smtp_once_per_message_id(db, fake):
    message = email()
    assert services.deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.SENDING,
                                                       lease_until=timezone.now() - timedelta(seconds=1))
    assert services.deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    [delivered] = fake.deliveries("email")
    assert (delivered["key"], delivered["to"], delivered["id"]) == (
        "email:0", "person0@example.org", services.message_id("email:0"))
    assert delivered["subject"] == "Tack för din anmälan"
    assert fake.counts()["email_repeats"] == 1


def test_the_emails_of_one_run_share_one_smtp_session(db, fake):
    for n in range(3):
        email(n)
    assert services.deliver_due() == {"sent": 3, "retry": 0, "failed": 0}
    assert keys(fake.deliveries("email")) == ["email:0", "email:1", "email:2"]
    assert fake.counts()["smtp_sessions"] == 1


# An outage only delays ---------------------------------------------------------------

def test_a_provider_outage_only_delays(db, fake):
    for n in range(6):
        sms(n)
    for n in range(3):
        email(n)
    fake.control(fail=True)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        # One attempt per channel finds the outage; the rest wait without an attempt.
        assert services.deliver_due() == {"sent": 0, "retry": 2, "failed": 0}
        assert fake.counts()["sms_requests"] == 1
        assert set(statuses().values()) == {Status.PENDING}
        for _ in range(5):  # the outage lasts a while
            traveller.shift(timedelta(minutes=10))
            services.deliver_due()
        assert not fake.deliveries()
        assert OutboxMessage.objects.filter(status=Status.PENDING).count() == 9
        assert max(OutboxMessage.objects.values_list("attempts", flat=True)) <= 3  # backing off

        fake.control(fail=False)
        for _ in range(4):
            traveller.shift(timedelta(hours=1))
            services.deliver_due()
    assert set(statuses().values()) == {Status.SENT}
    assert keys(fake.deliveries("sms")) == [f"sms:{n}" for n in range(6)]
    assert keys(fake.deliveries("email")) == [f"email:{n}" for n in range(3)]


# A worker killed mid-send ------------------------------------------------------------

def worker_env(tmp_path: Path, fake: FakeProvider) -> dict[str, str]:
    """The environment of a worker process on this test's database and the fake provider.
    SQLite: the in-memory test database copied to a file (the worker cannot see memory)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SQLITE_PATH"}}
    env.update({
        "DEBUG": "0", "SECRET_KEY": "test", "SAMVERKA_VAR_DIR": str(tmp_path / "var"),
        "SMS_BACKEND": "samverka.communication.elks.ElksBackend", "SMS_API_URL": fake.sms_url,
        "SMS_API_USER": USER, "SMS_API_PASSWORD": PASSWORD, "SMS_TIMEOUT": "30",
        "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(fake.smtp_port), "EMAIL_USE_TLS": "0",
        "OUTBOX_LEASE_SECONDS": "1",
    })
    if connection.vendor == "sqlite":
        path = tmp_path / "worker.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        env["SQLITE_PATH"] = str(path)
    else:
        s = connection.settings_dict
        env["DATABASE_URL"] = (f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:"
                               f"{s['PORT'] or 5432}/{s['NAME']}")
    return env


def outbox_rows(env: dict[str, str]) -> dict[str, str]:
    if "SQLITE_PATH" in env:
        with sqlite3.connect(env["SQLITE_PATH"]) as db:
            return dict(db.execute("SELECT idempotency_key, status FROM communication_outboxmessage"))
    return statuses()


def wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_loses_nothing(tmp_path, fake, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # no worker here
    for n in range(3):
        sms(n)
    email(0)
    env = worker_env(tmp_path, fake)
    command = [sys.executable, "manage.py", "send_outbox"]

    fake.control(hang=1)  # the provider takes the first SMS, and the worker waits for its answer
    worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # noqa: S603
    try:
        wait_for(lambda: fake.counts()["held"] == 1 or worker.poll() is not None)
    finally:
        worker.kill()  # SIGKILL: no clean-up, no chance to record anything
        worker.wait()
    assert fake.counts()["held"] == 1, worker.stderr.read().decode()[-2000:]
    rows = outbox_rows(env)
    # The worker had claimed the messages (a few at a time) and sent only the held one.
    assert len(rows) == 4 and set(rows.values()) == {Status.SENDING}
    assert [d["key"] for d in fake.deliveries("sms")] == ["sms:0"]

    time.sleep(1.1)  # the dead worker's lease runs out
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr[-2000:]
    assert set(outbox_rows(env).values()) == {Status.SENT}
    # The held message was sent again with the same key, and the provider delivered it once.
    assert keys(fake.deliveries("sms")) == ["sms:0", "sms:1", "sms:2"]
    assert keys(fake.deliveries("email")) == ["email:0"]
    assert fake.counts()["sms_repeats"] == 1


def test_the_fake_provider_runs_as_a_program():
    process = subprocess.Popen([sys.executable, "-m", "samverka.communication.fake_provider"], cwd=ROOT,  # noqa: S603
                               stdout=subprocess.PIPE, text=True)
    try:
        address = json.loads(process.stdout.readline())
        request = urllib.request.Request(f"{address['url']}/control", data=b'{"fail": true}', method="POST")  # noqa: S310
        with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310
            assert json.load(answer)["fail"] is True
        backend = ElksBackend()
        backend.url = address["sms_url"]
        with pytest.raises(ProviderUnavailable, match="503"):
            backend.send(to="+46701234567", body="Hej", idempotency_key="k")
    finally:
        process.terminate()
        process.wait(timeout=10)
