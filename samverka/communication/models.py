"""The outbox: every e-mail and SMS is a row, written in the same transaction as the
change that causes it, and sent by the task worker with retries. A crash or a provider
outage delays a message; it never loses one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxQuerySet(models.QuerySet):
    def due(self, now=None):
        now = now or timezone.now()
        return self.filter(
            models.Q(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)
            # A message claimed by a worker that died is taken again when its lease runs out.
            | models.Q(status=OutboxMessage.Status.SENDING, lease_until__lte=now)
        )


class OutboxMessage(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    idempotency_key = models.CharField(max_length=200, unique=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=300, blank=True)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")

    def __str__(self) -> str:
        return f"{self.channel} to {self.to}: {self.subject or self.body_text[:40]}"


class TypedSend(models.Model):
    """One message queued to an address a visitor typed into a public form (see
    `communication.limits`). Only a keyed hash of the address is kept, and only as long as
    the caps look back."""

    purpose = models.CharField(max_length=50)
    recipient = models.CharField(max_length=64)  # limits.recipient_hash(address)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["purpose", "recipient", "sent_at"], name="typed_send_recipient"),
            models.Index(fields=["purpose", "sent_at"], name="typed_send_purpose"),
        ]
        verbose_name = _("message to a typed address")
        verbose_name_plural = _("messages to typed addresses")

    def __str__(self) -> str:
        return f"{self.purpose} {self.recipient[:8]} {self.sent_at:%Y-%m-%d %H:%M}"


class CapReached(models.Model):
    """A public form reached its cap of messages per hour: from then until the hour ends
    it sends nothing to typed addresses. The administrators are told once per form and hour."""

    purpose = models.CharField(_("form"), max_length=50)
    hour = models.DateTimeField(_("hour"))
    held_back = models.PositiveIntegerField(_("messages held back"), default=0)
    created_at = models.DateTimeField(_("reached at"), auto_now_add=True)

    class Meta:
        ordering = ["-hour"]
        constraints = [models.UniqueConstraint(fields=["purpose", "hour"], name="one_cap_alarm_per_form_and_hour")]
        verbose_name = _("message cap reached")
        verbose_name_plural = _("message caps reached")

    def __str__(self) -> str:
        return f"{self.purpose} {self.hour:%Y-%m-%d %H:00}"


class Notification(models.Model):
    """A line for the bell on My pages: something the person follows happened. Any app
    writes one through `communication.notifications.notify`, once per key and person."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    # The words in English, as the source of the translations (marked with gettext_noop where
    # they are written), with their values apart: the bell shows them in the reader's language.
    text = models.CharField(_("text"), max_length=300)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_notification_per_key_and_user")]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        """The text in the active language, with its values."""
        from django.utils.translation import gettext

        try:
            return gettext(self.text) % self.params if self.params else gettext(self.text)
        except (KeyError, ValueError, TypeError):
            return self.text
