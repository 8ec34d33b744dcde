"""SMS backends. Each has `send(*, to, body, idempotency_key)`; a provider that honours
the key delivers a message once however often it is retried."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


class SmsError(Exception):
    """The message did not go out this time; the outbox tries again later."""


class ProviderUnavailable(SmsError):
    """The provider is down or overloaded (5xx, timeout, no connection): the outbox tries
    again later, and leaves the other waiting SMS alone until then."""


class SmsRejected(SmsError):
    """The provider refused this message for good (a number that cannot receive SMS, an
    empty text): trying again would give the same answer."""


class ConsoleBackend:
    def send(self, *, to: str, body: str, idempotency_key: str) -> None:
        log.info("SMS to %s (%s): %s", to, idempotency_key, body)


class LocmemBackend:
    """For tests: keeps sent messages in `LocmemBackend.outbox`, once per key."""

    outbox: list[dict] = []

    def send(self, *, to: str, body: str, idempotency_key: str) -> None:
        if not any(m["idempotency_key"] == idempotency_key for m in self.outbox):
            self.outbox.append({"to": to, "body": body, "idempotency_key": idempotency_key})


def get_backend():
    return import_string(settings.SMS_BACKEND)()
