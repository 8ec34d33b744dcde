"""SMS through 46elks, a Swedish SMS provider with an HTTP API.

    SMS_BACKEND=samverka.communication.elks.ElksBackend
    SMS_API_USER=u...  SMS_API_PASSWORD=...   (the API credentials from the 46elks dashboard)
    SMS_SENDER=Samverka                       (3-11 letters and digits, or a phone number)

One message is one POST of the form fields `from`, `to` and `message` to SMS_API_URL with
HTTP basic authentication. Every attempt at one outbox message carries the same
`Idempotency-Key` header (the message's key): a provider that honours it delivers the
message once, however often a worker that crashed before it could record "sent" tries again.

What an answer means for the outbox (samverka.communication.services.deliver_due):

- 2xx: sent.
- 5xx, 429, a timeout or no connection, and 401/402/403 (wrong credentials or no credit: the
  administrator's to fix): `ProviderUnavailable`. The message waits for its next attempt and
  the worker leaves the other SMS until then, instead of waiting for a timeout on each.
- any other 4xx (a number that cannot receive SMS, a message the provider will not take):
  `SmsRejected`. The message is marked failed at once; the same request would be refused again.
"""

from __future__ import annotations

import logging
import threading

import requests
from django.conf import settings

from .sms import ProviderUnavailable, SmsRejected

log = logging.getLogger(__name__)

# Answers that say "not now" rather than "never".
RETRY_LATER = {401, 402, 403, 408, 409, 425, 429}

_local = threading.local()


def _session() -> requests.Session:
    """One session per thread: the worker keeps its connection to the provider open
    between messages."""
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
    return session


class ElksBackend:
    def __init__(self):
        self.url = settings.SMS_API_URL
        self.auth = (settings.SMS_API_USER, settings.SMS_API_PASSWORD)
        self.sender = settings.SMS_SENDER
        # Connecting should be quick; the answer may take a little longer under load.
        self.timeout = (min(5, settings.SMS_TIMEOUT), settings.SMS_TIMEOUT)

    def send(self, *, to: str, body: str, idempotency_key: str) -> str:
        """Send one SMS; returns the provider's id for it."""
        try:
            response = _session().post(
                self.url, data={"from": self.sender, "to": to, "message": body}, auth=self.auth,
                headers={"Idempotency-Key": idempotency_key}, timeout=self.timeout,
            )
        except requests.Timeout as error:
            raise ProviderUnavailable(f"no answer from the SMS provider: {error}") from error
        except requests.RequestException as error:
            raise ProviderUnavailable(f"cannot reach the SMS provider: {error}") from error

        status = response.status_code
        if 200 <= status < 300:
            try:
                provider_id = str(response.json().get("id", ""))
            except ValueError:
                provider_id = ""
            log.info("SMS %s to %s accepted by the provider as %s", idempotency_key, to, provider_id or "?")
            return provider_id
        reason = f"HTTP {status} from the SMS provider: {response.text.strip()[:200]}"
        if status >= 500 or status in RETRY_LATER:
            raise ProviderUnavailable(reason)
        raise SmsRejected(reason)
