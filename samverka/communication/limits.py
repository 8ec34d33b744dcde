"""Caps on messages to addresses a visitor types into a public form.

A public form that sends an e-mail or SMS to the address typed into it could otherwise be
used to send messages to anyone, as often as one likes. Every such message asks here
first (`allow` or, for a batch, `allow_many`), naming its form (the purpose). Two caps:

- per recipient: one address (or phone number) gets at most `per_recipient` messages
  from one form in `period` (24 hours unless said otherwise in `CAPS`). A later one is
  skipped, not queued; the form still thanks the visitor as usual, so it tells nobody
  whether the address had one already;
- per form: all addresses together get at most `per_hour` messages from one form in
  the last hour. Above it the form sends nothing to typed addresses, and the platform's
  administrators get one e-mail per form and clock hour (`CapReached`, also listed in
  the admin). What each form does with the submission itself is its own decision: it
  keeps it (a help request, a case) or, when the message is the whole point (a link that
  confirms a registration), refuses politely with 429.

The sends are rows in the database (`TypedSend`: purpose, a keyed hash of the address,
time), so the caps hold across processes and servers. Two simultaneous forms may both
see room for the last message: the caps are limits against abuse, not exact quotas.
Old rows are removed by `forget_old_sends` (the `send_outbox` command)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from samverka.core.phone import normalise_phone

from .models import CapReached, TypedSend
from .services import queue_email


@dataclass(frozen=True)
class Cap:
    per_hour: int  # messages from the form to typed addresses, all together, in the last hour
    per_recipient: int = 1  # messages from the form to one address in `period`
    period: timedelta = timedelta(hours=24)


# Every public form that sends to a typed address, with its caps. A new form adds a line.
CAPS: dict[str, Cap] = {
    # "I can help" in a crisis: a code by SMS or a link by e-mail. Sized for a surge of
    # honest volunteers; the sign-up is kept above the cap (an official can still reach them).
    "crisis.signup": Cap(per_hour=600),
    # "I need help": the receipt with the reference. The request is always kept.
    "crisis.help_request": Cap(per_hour=200),
    # One way in: the receipt with the case number and the private link. The case is kept.
    "cases.received": Cap(per_hour=100),
    # Registration for an activity: the link that confirms it. One person may register for
    # a few activities a day. Above the hourly cap the form refuses (429): an unconfirmable
    # registration would only take a name and address for nothing.
    "activities.register": Cap(per_hour=200, per_recipient=3),
    # Sign-up for a matching programme (a visiting friend, a friend family, re-use): the
    # link that confirms the address. One person may join both sides or a few programmes.
    # Above the hourly cap the form refuses (429), as registrations do.
    "matching.signup": Cap(per_hour=200, per_recipient=3),
    # The idea lab: the receipt with the private link, sent to an author without an account.
    # The idea is kept above the cap (a coach can still read it; the author sees the link on
    # the page after sending).
    "ideas.received": Cap(per_hour=100),
    # The newsletter: the link that confirms a subscription (double opt-in). Above the hourly
    # cap the form refuses (429) with the address kept: the link is the whole point.
    "news.subscribe": Cap(per_hour=200),
    # A child under 13 signing up: the link that asks their guardian to confirm the account.
    # Above the cap the account is kept and waits; the child can send the link again from
    # "Your age and groups" (one message an address a day).
    "accounts.guardian": Cap(per_hour=50),
    # A logged-in person adding a mobile number: the code that proves it is theirs. Three codes
    # a number an hour, whichever accounts ask (the account has its own limit as well, in
    # accounts.services). Above the caps no code is sent and the page says to try later.
    "accounts.phone": Cap(per_hour=200, per_recipient=3, period=timedelta(hours=1)),
}
LONGEST_PERIOD = max(cap.period for cap in CAPS.values())


class Verdict(StrEnum):
    SEND = "send"
    REPEAT = "repeat"  # the address had its share in the period: skip the message
    FULL = "full"  # the form reached its cap for the hour: skip the message (or refuse the form)


def cap_of(purpose: str) -> Cap:
    """The form's caps: `CAPS`, with the hourly total from the setting
    `MESSAGE_CAPS_PER_HOUR` where the municipality set one."""
    cap = CAPS[purpose]
    if (per_hour := settings.MESSAGE_CAPS_PER_HOUR.get(purpose)) is not None:
        return Cap(per_hour=per_hour, per_recipient=cap.per_recipient, period=cap.period)
    return cap


def recipient_hash(address: str) -> str:
    """The same for every way of writing one address (Lina@Example.org, 070-123 45 67 and
    +46701234567 are one each); keyed with the secret key, so the stored hashes of phone
    numbers cannot be reversed by trying every number."""
    value = address.strip().lower()
    if "@" not in value:
        try:
            value = normalise_phone(value)
        except ValueError:
            pass
    return salted_hmac("samverka.communication.limits", value, algorithm="sha256").hexdigest()


def allow(purpose: str, address: str, *, now=None) -> Verdict:
    """May the form `purpose` queue a message to `address` now? A SEND is recorded, so call
    this inside the transaction that queues the message (if it rolls back, so does this)."""
    return allow_many(purpose, [address], now=now)[0]


def allow_many(purpose: str, addresses: list[str], *, now=None) -> list[Verdict]:
    """`allow` for a batch of messages from one form, in three statements whatever the size."""
    if not addresses:
        return []
    cap = cap_of(purpose)
    now = now or timezone.now()
    hashes = [recipient_hash(address) for address in addresses]
    received = dict(TypedSend.objects.filter(purpose=purpose, recipient__in=set(hashes), sent_at__gt=now - cap.period)
                    .values_list("recipient").annotate(n=Count("pk")).order_by())
    sent = TypedSend.objects.filter(purpose=purpose, sent_at__gt=now - timedelta(hours=1)).count()
    verdicts, sends = [], []
    for recipient in hashes:
        if received.get(recipient, 0) >= cap.per_recipient:
            verdicts.append(Verdict.REPEAT)
        elif sent >= cap.per_hour:
            verdicts.append(Verdict.FULL)
        else:
            verdicts.append(Verdict.SEND)
            received[recipient] = received.get(recipient, 0) + 1
            sent += 1
            sends.append(TypedSend(purpose=purpose, recipient=recipient, sent_at=now))
    TypedSend.objects.bulk_create(sends)
    if held_back := verdicts.count(Verdict.FULL):
        hold_back(purpose, held_back, now=now)
    return verdicts


def is_full(purpose: str, *, now=None) -> bool:
    """Has the form reached its cap for the hour? (For a form that refuses rather than
    keeps a submission it cannot confirm.)"""
    now = now or timezone.now()
    return TypedSend.objects.filter(purpose=purpose, sent_at__gt=now - timedelta(hours=1)).count() >= \
        cap_of(purpose).per_hour


def hold_back(purpose: str, count: int = 1, *, now=None) -> None:
    """Count messages the form did not send because of its hourly cap; the first time in
    the hour, tell the administrators. (`allow_many` calls it; a form that refuses when
    `is_full` calls it outside the transaction it rolls back.)"""
    now = now or timezone.now()
    hour = now.replace(minute=0, second=0, microsecond=0)
    if CapReached.objects.filter(purpose=purpose, hour=hour).update(held_back=F("held_back") + count):
        return
    try:
        with transaction.atomic():
            reached = CapReached.objects.create(purpose=purpose, hour=hour, held_back=count)
    except IntegrityError:  # another process was first: it told them
        CapReached.objects.filter(purpose=purpose, hour=hour).update(held_back=F("held_back") + count)
        return
    _tell_administrators(reached)


def _tell_administrators(reached: CapReached) -> None:
    administrators = (get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="")
                      .order_by("email").values_list("email", flat=True))
    for address in dict.fromkeys(a.strip().lower() for a in administrators):
        queue_email(to=address, template="communication/email/cap_reached", language=settings.LANGUAGE_CODE,
                    key=f"cap-reached:{reached.purpose}:{reached.hour.isoformat()}:{address}",
                    context={"purpose": reached.purpose, "hour": reached.hour, "cap": cap_of(reached.purpose)})


def forget_old_sends(*, now=None) -> int:
    """Remove the sends no cap looks at any more, and alarms older than a month."""
    now = now or timezone.now()
    deleted, _counts = TypedSend.objects.filter(sent_at__lte=now - LONGEST_PERIOD).delete()
    CapReached.objects.filter(hour__lt=now - timedelta(days=31)).delete()
    return deleted
