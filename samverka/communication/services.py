"""Writing to the outbox, and delivering from it."""

from __future__ import annotations

import hashlib
import logging
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from .models import OutboxMessage
from .sms import get_backend

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=5)


def queue_email(*, to: str, template: str, context: dict, key: str | None = None,
                language: str | None = None) -> OutboxMessage:
    """Render `<template>_subject.txt`, `.txt` and `.html` in the recipient's language and
    put the message in the outbox. Call inside the transaction of the change it reports."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        context = {"site_url": settings.SITE_URL, **context}
        subject = " ".join(_render_text(f"{template}_subject.txt", context).split())
        text = _render_text(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return queue_message(channel=OutboxMessage.Channel.EMAIL, to=to, subject=subject,
                         body_text=text, body_html=html, key=key)


def _render_text(name: str, context: dict) -> str:
    """A plain-text template, without HTML escaping ('&' stays '&' in a subject)."""
    return get_template(name).template.render(Context(context, autoescape=False))


def message_id(key: str) -> str:
    """A Message-ID that is the same for every attempt at one message (so a provider that
    deduplicates on it delivers once) and valid whatever characters the key has."""
    domain = urlsplit(settings.SITE_URL).hostname or "samverka"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


def queue_sms(*, to: str, body: str, key: str | None = None) -> OutboxMessage:
    return queue_message(channel=OutboxMessage.Channel.SMS, to=to, body_text=body, key=key)


def queue_message(*, channel: str, to: str, body_text: str, subject: str = "", body_html: str = "",
                  headers: dict | None = None, key: str | None = None) -> OutboxMessage:
    key = key or uuid.uuid4().hex
    with transaction.atomic():
        message, created = OutboxMessage.objects.get_or_create(
            idempotency_key=key,
            defaults=dict(channel=channel, to=to, subject=subject[:300], body_text=body_text,
                          body_html=body_html, headers=headers or {}),
        )
    if created:
        transaction.on_commit(_wake_worker)
    return message


def _wake_worker() -> None:
    from .tasks import deliver_outbox

    try:
        deliver_outbox.enqueue()
    except Exception:  # the periodic `send_outbox` command picks the message up anyway
        log.exception("Could not enqueue outbox delivery")


def claim(message_id: int, now=None) -> bool:
    """Take one due message for this worker with a conditional update: of several
    workers, exactly one wins."""
    now = now or timezone.now()
    return bool(
        OutboxMessage.objects.due(now).filter(pk=message_id).update(
            status=OutboxMessage.Status.SENDING, lease_until=now + LEASE,
        )
    )


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 6 * 3600))


def deliver_due(*, limit: int = 200) -> dict[str, int]:
    """Send every due message once. Returns counts; safe to run in several workers."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    ids = list(OutboxMessage.objects.due().order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    for message_id in ids:
        if not claim(message_id):
            continue
        message = OutboxMessage.objects.get(pk=message_id)
        try:
            _send(message)
        except Exception as error:  # any provider failure: retry later
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.FAILED
                counts["failed"] += 1
                log.error("Giving up on outbox message %s: %s", message.pk, message.last_error)
            else:
                message.status = OutboxMessage.Status.PENDING
                message.next_attempt_at = timezone.now() + backoff(message.attempts)
                counts["retry"] += 1
            message.lease_until = None
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at", "lease_until"])
        else:
            message.attempts += 1
            message.status = OutboxMessage.Status.SENT
            message.sent_at = timezone.now()
            message.lease_until = None
            message.save(update_fields=["attempts", "status", "sent_at", "lease_until"])
            counts["sent"] += 1
    return counts


def next_due_at():
    return (
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
        .order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
    )


def _send(message: OutboxMessage) -> None:
    if message.channel == OutboxMessage.Channel.SMS:
        get_backend().send(to=message.to, body=message.body_text, idempotency_key=message.idempotency_key)
        return
    headers = {**message.headers, "X-Idempotency-Key": message.idempotency_key,
               "Message-ID": message_id(message.idempotency_key)}
    email = EmailMultiAlternatives(
        subject=message.subject, body=message.body_text, to=[message.to], headers=headers,
        connection=mailers.default,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    email.send()
