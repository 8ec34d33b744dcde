"""The caps on messages to typed addresses (communication.limits): one address however it
is written, only a keyed hash stored, and old sends forgotten."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from samverka.communication import limits
from samverka.communication.models import TypedSend


def test_one_number_or_address_however_it_is_written(db):
    assert limits.recipient_hash("070-123 45 67") == limits.recipient_hash("+46701234567")
    assert limits.recipient_hash(" Lina@Example.org ") == limits.recipient_hash("lina@example.org")
    assert limits.recipient_hash("lina@example.org") != limits.recipient_hash("lena@example.org")
    assert "46701234567" not in limits.recipient_hash("+46701234567")


def test_a_batch_counts_the_same_address_once_per_period(db):
    verdicts = limits.allow_many("crisis.signup", ["0701234567", "+46701234567", "lina@example.org"])
    assert verdicts == [limits.Verdict.SEND, limits.Verdict.REPEAT, limits.Verdict.SEND]
    assert TypedSend.objects.count() == 2
    assert "lina" not in " ".join(TypedSend.objects.values_list("recipient", flat=True))


def test_send_outbox_forgets_sends_no_cap_looks_at(db):
    now = timezone.now()
    TypedSend.objects.create(purpose="crisis.signup", recipient="a", sent_at=now - timedelta(hours=25))
    TypedSend.objects.create(purpose="crisis.signup", recipient="b", sent_at=now - timedelta(hours=1))
    call_command("send_outbox", stdout=open("/dev/null", "w"))
    assert list(TypedSend.objects.values_list("recipient", flat=True)) == ["b"]


def test_a_large_municipality_sets_a_higher_hourly_cap(db, settings):
    addresses = [f"volontar{n}@example.org" for n in range(4)]
    settings.MESSAGE_CAPS_PER_HOUR = {"cases.received": 2}
    assert limits.allow_many("cases.received", addresses).count(limits.Verdict.SEND) == 2
    settings.MESSAGE_CAPS_PER_HOUR = {"cases.received": 3}
    assert limits.allow_many("cases.received", addresses) == [
        limits.Verdict.REPEAT, limits.Verdict.REPEAT, limits.Verdict.SEND, limits.Verdict.FULL]
