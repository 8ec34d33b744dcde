"""Writing to the outbox, and delivering from it."""

from __future__ import annotations

import hashlib
import logging
import re
import smtplib
import uuid
from datetime import timedelta
from email.headerregistry import Address
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.db.models import F
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from samverka.core.phone import normalise_phone
from samverka.core.tasks import wake

from .models import OutboxMessage
from .sms import ProviderUnavailable, SmsRejected, get_backend

log = logging.getLogger(__name__)


def queue_email(*, to: str, template: str, context: dict, key: str | None = None,
                language: str | None = None) -> OutboxMessage:
    """Render `<template>_subject.txt`, `.txt` and `.html` in the recipient's language and
    put the message in the outbox. Call inside the transaction of the change it reports."""
    return queue_message(**email_message(to=to, template=template, context=context, key=key, language=language))


def email_message(*, to: str, template: str, context: dict, key: str | None = None,
                  language: str | None = None) -> dict:
    """The fields of an e-mail for the outbox (`queue_message`, `queue_messages`)."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        context = {"site_url": settings.SITE_URL, **context}
        subject = " ".join(_render_text(f"{template}_subject.txt", context).split())
        text = _render_text(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return dict(channel=OutboxMessage.Channel.EMAIL, to=to, subject=subject, body_text=text, body_html=html, key=key)


def _render_text(name: str, context: dict) -> str:
    """A plain-text template, without HTML escaping ('&' stays '&' in a subject)."""
    return get_template(name).template.render(Context(context, autoescape=False))


def message_id(key: str) -> str:
    """A Message-ID that is the same for every attempt at one message (so a provider that
    deduplicates on it delivers once) and valid whatever characters the key has."""
    domain = urlsplit(settings.SITE_URL).hostname or "samverka"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def queue_sms(*, to: str, body: str, key: str | None = None) -> OutboxMessage:
    """`to` in E.164 (+46701234567); a Swedish number written as people write it
    (070-123 45 67) is converted. One that is no phone number is kept as it is: the
    provider refuses it, and the message is marked failed."""
    return queue_message(**sms_message(to=to, body=body, key=key))


def sms_message(*, to: str, body: str, key: str | None = None) -> dict:
    """The fields of an SMS for the outbox (`queue_message`, `queue_messages`)."""
    if not E164.match(to):
        try:
            to = normalise_phone(to)
        except ValueError:
            log.warning("SMS %s: %r is not a phone number", key, to)
    return dict(channel=OutboxMessage.Channel.SMS, to=to, body_text=body, key=key)


def queue_message(*, channel: str, to: str, body_text: str, subject: str = "", body_html: str = "",
                  headers: dict | None = None, key: str | None = None) -> OutboxMessage:
    fields = _fields(channel=channel, to=to, subject=subject, body_text=body_text, body_html=body_html, headers=headers)
    if key is None:  # a fresh key: nothing to look up first
        message, created = OutboxMessage.objects.create(idempotency_key=uuid.uuid4().hex, **fields), True
    else:  # the same key again (a retried change) finds the message already queued
        message, created = OutboxMessage.objects.get_or_create(idempotency_key=key, defaults=fields)
    if created:
        transaction.on_commit(_wake_worker)
    return message


def queue_messages(messages: list[dict]) -> None:
    """Many messages (from `email_message`, `sms_message`) with one INSERT, for a batch of
    changes; one whose key is already in the outbox (a retried batch) is skipped."""
    if not messages:
        return
    OutboxMessage.objects.bulk_create(
        [OutboxMessage(idempotency_key=m.get("key") or uuid.uuid4().hex,
                       **_fields(**{k: v for k, v in m.items() if k != "key"})) for m in messages],
        ignore_conflicts=True)
    transaction.on_commit(_wake_worker)


def _fields(*, channel: str, to: str, body_text: str, subject: str = "", body_html: str = "",
            headers: dict | None = None) -> dict:
    return dict(channel=channel, to=to, subject=subject[:300], body_text=body_text, body_html=body_html,
                headers=headers or {})


WAKE_KEY = "communication:outbox-wake"


def _wake_worker() -> None:
    """Ask the task worker for a delivery run (at most one a second: see `wake`)."""
    from .tasks import deliver_outbox

    wake(deliver_outbox, WAKE_KEY)


RETRY_KEY = "communication:outbox-retry-run"


def schedule_retry_run(due) -> None:
    """Ask for a delivery run at `due`, when the next waiting message may be tried again,
    unless a run no later than that is already asked for: during an outage every run
    finds messages waiting, and each asking for its own would multiply the runs."""
    from .tasks import deliver_outbox

    scheduled = cache.get(RETRY_KEY)
    if scheduled is not None and timezone.now() < scheduled <= due:
        return
    deliver_outbox.using(run_after=due).enqueue()
    cache.set(RETRY_KEY, due, timeout=max(60, int((due - timezone.now()).total_seconds()) + 60))


CHUNK = 25  # messages claimed at a time (one transaction for the batch, one for marking it sent)
CRASHED = "Claimed {} times, the last time without a result (the worker stopped while sending it): given up."


def claim(limit: int, *, skip_channels=(), now=None) -> list[OutboxMessage]:
    """Take up to `limit` due messages for this worker (one transaction: rows another
    worker holds are skipped, so of several workers exactly one takes each message).

    A claim is an attempt, counted here: a worker that dies while sending records nothing
    else. A message whose lease ran out (its worker died) is taken again on its own, so a
    message that crashes the worker takes no others down with it; once it has had
    OUTBOX_MAX_ATTEMPTS claims it is given up (failed, with the reason, in the admin)."""
    now = now or timezone.now()
    due = OutboxMessage.objects.due(now).exclude(channel__in=skip_channels).select_for_update(skip_locked=True)
    with transaction.atomic():
        if given_up := OutboxMessage.objects.filter(
                status=OutboxMessage.Status.SENDING, lease_until__lte=now, attempts__gte=settings.OUTBOX_MAX_ATTEMPTS,
        ).update(status=OutboxMessage.Status.FAILED, lease_until=None,
                 last_error=CRASHED.format(settings.OUTBOX_MAX_ATTEMPTS)):
            log.error("Giving up on %s outbox message(s) that the worker stopped on every time", given_up)
        ids = list(due.filter(status=OutboxMessage.Status.SENDING).order_by("lease_until", "pk")
                   .values_list("pk", flat=True)[:1])
        if not ids:
            ids = list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
        if not ids:
            return []
        OutboxMessage.objects.filter(pk__in=ids).update(
            status=OutboxMessage.Status.SENDING, attempts=F("attempts") + 1,
            lease_until=now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS))
    return list(OutboxMessage.objects.filter(pk__in=ids).order_by("next_attempt_at", "pk"))


def hold(messages: list[OutboxMessage], *, now=None) -> set[int]:
    """Before sending the next of a claimed batch: the ids of `messages` this worker still
    holds. When less than half the lease is left, it is renewed for them; a message whose
    lease ran out and that another worker took since (this worker stalled) is no longer
    held, so it is never sent by two at once. A slow batch thus keeps its messages however
    long it takes, while a worker that died frees them OUTBOX_LEASE_SECONDS after its last
    sign of life."""
    now = now or timezone.now()
    ids = {m.pk for m in messages}
    lease = timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    if not messages or messages[0].lease_until - now > lease / 2:
        return ids
    # The lease's end marks the claim: a row with another end belongs to another claim.
    mark, renewed = messages[0].lease_until, now + lease
    OutboxMessage.objects.filter(pk__in=ids, status=OutboxMessage.Status.SENDING, lease_until=mark).update(
        lease_until=renewed)
    held = set(OutboxMessage.objects.filter(pk__in=ids, status=OutboxMessage.Status.SENDING, lease_until=renewed)
               .values_list("pk", flat=True))
    for message in messages:
        if message.pk in held:
            message.lease_until = renewed
    return held


def _release(ids: list[int]) -> None:
    """Claimed but not tried: due again at once, and the claim not counted."""
    OutboxMessage.objects.filter(pk__in=ids, status=OutboxMessage.Status.SENDING).update(
        status=OutboxMessage.Status.PENDING, lease_until=None, attempts=F("attempts") - 1)


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(settings.OUTBOX_RETRY_SECONDS * 2 ** max(attempts - 1, 0), 6 * 3600))


def deliver_due(*, limit: int = 200) -> dict[str, int]:
    """Send every due message once. Returns counts; safe to run in several workers.

    Messages are claimed CHUNK at a time and marked sent together after them: a worker
    that dies in between leaves them claimed until the lease runs out, and the next
    attempt carries the same idempotency key, so the provider delivers each once. A batch
    slower than its lease (25 sends at a 20 s SMTP timeout) renews it as it goes (`hold`)
    instead of claiming one message at a time: for 200 messages that is 64 queries (112
    with every send taking 20 s) against 1,600 one at a time.
    When a provider is down, the first message that finds out waits for its next attempt
    and the channel's other messages are left for the next run: an outage costs one
    attempt per run, not one timeout per waiting message."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    down: set[str] = set()
    taken = 0
    with Transports() as transports:
        while taken < limit and (messages := claim(min(CHUNK, limit - taken), skip_channels=down)):
            taken += len(messages)
            sent, left, held = [], [], {m.pk for m in messages}
            for message in messages:
                if message.channel in down:
                    left.append(message.pk)
                    continue
                # Every message of the batch not yet done, sent ones included (marked sent after the batch).
                held &= hold([m for m in messages if m.pk in held])
                if message.pk not in held:
                    continue  # its lease ran out while this worker stalled, and another took it
                try:
                    transports.send(message)
                except Exception as error:  # any provider failure: retry later, unless it is final
                    outcome = failure_kind(error)
                    if outcome == "unavailable":
                        down.add(message.channel)
                        transports.reset(message.channel)
                    counts[_failed(message, error, outcome)] += 1
                    held.discard(message.pk)
                else:
                    sent.append(message.pk)
            _mark_sent(sent)
            _release(left)  # their channel went down: for the next run
            counts["sent"] += len(sent)
    return counts


def _mark_sent(ids: list[int]) -> None:
    if ids:
        OutboxMessage.objects.filter(pk__in=ids).update(
            status=OutboxMessage.Status.SENT, sent_at=timezone.now(), lease_until=None)


def _failed(message: OutboxMessage, error: Exception, outcome: str) -> str:
    """Record a failed attempt (counted when it was claimed); "failed" when it was the
    last, else "retry"."""
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    if outcome == "rejected" or message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        message.status, kind = OutboxMessage.Status.FAILED, "failed"
        log.error("Giving up on outbox message %s: %s", message.pk, message.last_error)
    else:
        message.status, kind = OutboxMessage.Status.PENDING, "retry"
        message.next_attempt_at = timezone.now() + backoff(message.attempts)
    message.lease_until = None
    message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at", "lease_until"])
    return kind


def failure_kind(error: Exception) -> str:
    """"rejected" (this message will never go through), "unavailable" (the provider is down:
    nothing on this channel will go through right now) or "retry" (try this one again later)."""
    if isinstance(error, SmsRejected):
        return "rejected"
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients and all(
            code >= 500 for code, _ in error.recipients.values()):
        return "rejected"  # the mail server knows no such mailbox
    if isinstance(error, ProviderUnavailable | smtplib.SMTPConnectError | smtplib.SMTPServerDisconnected
                  | ConnectionError | TimeoutError):
        return "unavailable"
    return "retry"


def next_due_at():
    return (
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
        .order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
    )


class Transports:
    """The SMS backend and one connection to the mail server, for one delivery run: a
    hundred e-mails go over one SMTP session instead of a hundred."""

    def __init__(self):
        self.sms = None
        self.mail = None
        self._sender = None

    def __enter__(self) -> Transports:
        return self

    @property
    def sender(self) -> dict:
        """The municipality's sender (set in the setup guide), read once per run: the From of
        its e-mails, their Reply-To and the name its SMS come from; the environment's
        DEFAULT_FROM_EMAIL and SMS_SENDER where it set none."""
        if self._sender is None:
            from samverka.municipality.models import Municipality

            m = Municipality.objects.order_by("pk").only(
                "email_sender_name", "email_sender_address", "email_reply_to", "sms_sender").first()
            self._sender = {
                "from": str(Address(display_name=m.email_sender_name, addr_spec=m.email_sender_address))
                if m and m.email_sender_address else settings.DEFAULT_FROM_EMAIL,
                "reply_to": m.email_reply_to if m else "",
                "sms": m.sms_sender if m else "",
            }
        return self._sender

    def __exit__(self, *exc_info) -> None:
        self.reset(OutboxMessage.Channel.EMAIL)

    def reset(self, channel: str) -> None:
        if channel == OutboxMessage.Channel.EMAIL and self.mail is not None:
            mail, self.mail = self.mail, None
            try:
                mail.close()
            except Exception:  # a connection that already broke
                log.debug("Closing the mail connection failed", exc_info=True)

    def send(self, message: OutboxMessage) -> None:
        if message.channel == OutboxMessage.Channel.SMS:
            if self.sms is None:
                self.sms = get_backend()
                if self.sender["sms"] and hasattr(self.sms, "sender"):
                    self.sms.sender = self.sender["sms"]
            self.sms.send(to=message.to, body=message.body_text, idempotency_key=message.idempotency_key)
            return
        if self.mail is None:
            self.mail = mailers.default
            self.mail.open()
        headers = {**message.headers, "X-Idempotency-Key": message.idempotency_key,
                   "Message-ID": message_id(message.idempotency_key)}
        if self.sender["reply_to"] and "Reply-To" not in headers:
            headers["Reply-To"] = self.sender["reply_to"]
        email = EmailMultiAlternatives(
            subject=message.subject, body=message.body_text, from_email=self.sender["from"], to=[message.to],
            headers=headers, connection=self.mail,
        )
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        email.send()
