"""Signed messages between Samverka installations (regional programmes).

Every message is an envelope `{"payload": "<JSON text>", "signature": "<base64>"}`: the
payload's exact UTF-8 bytes are signed with the installation's Ed25519 private key (the
`cryptography` package, already in the lock file), so a partner verifies exactly what was
signed, whatever its JSON library does with spaces or key order. A payload says who sent it
(`from`), for whom (`to`, for messages), when (`issued_at`) and carries a random `nonce`:
the receiver refuses another address, an old or future time (outside WINDOW) and a nonce it
has seen (see `regional.receive`).

The key pair: `REGIONAL_PRIVATE_KEY` (the 32-byte Ed25519 seed in base64) when set, e.g. the
same on every server of one municipality; otherwise generated once into the var directory
(`var/regional_ed25519.key`, readable by the owner only) like the secret key for a trial."""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.utils import timezone

WINDOW = timedelta(minutes=5)  # how far a message's time may be from the receiver's clock
MAX_BYTES = 2 * 1024 * 1024  # the largest feed or message believed at all


class BadMessage(Exception):
    """A message that is not believed: the text says why, for the coordinator's page."""


def _key_file() -> Path:
    return Path(settings.VAR_DIR) / "regional_ed25519.key"


@cache
def private_key() -> Ed25519PrivateKey:
    seed = getattr(settings, "REGIONAL_PRIVATE_KEY", "")
    if seed:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(seed))
    path = _key_file()
    if not path.exists():
        fresh = base64.b64encode(secrets.token_bytes(32)).decode()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(fresh)
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(path.read_text().strip()))


def public_key_text(key: Ed25519PrivateKey | None = None) -> str:
    """This installation's public key in base64: what a partner enters for it."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = key or private_key()
    return base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def load_public_key(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as error:
        raise BadMessage("The partner's public key is not a valid Ed25519 key.") from error


def seal(payload: dict, *, key: Ed25519PrivateKey | None = None, now: datetime | None = None) -> bytes:
    """The signed envelope of `payload`, with `from`, `issued_at` and `nonce` added."""
    payload = {"version": 1, "from": settings.SITE_URL, "issued_at": (now or timezone.now()).isoformat(),
               "nonce": secrets.token_hex(16), **payload}
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    signature = (key or private_key()).sign(text.encode())
    return json.dumps({"payload": text, "signature": base64.b64encode(signature).decode()},
                      ensure_ascii=False).encode()


def open_envelope(body: bytes, public_key: str) -> dict:
    """The payload of a signed envelope, verified with the partner's `public_key` before
    anything of it is read. Raises BadMessage with the cause."""
    if len(body) > MAX_BYTES:
        raise BadMessage("The answer is larger than the limit.")
    try:
        envelope = json.loads(body)
        text, signature = envelope["payload"], base64.b64decode(envelope["signature"], validate=True)
        if not isinstance(text, str):
            raise TypeError
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise BadMessage("The answer is not a signed Samverka message (not JSON, or no payload and "
                         "signature).") from None
    try:
        load_public_key(public_key).verify(signature, text.encode())
    except InvalidSignature:
        raise BadMessage("The signature does not match the partner's public key.") from None
    try:
        payload = json.loads(text)
        issued_at = datetime.fromisoformat(payload["issued_at"])
        if not isinstance(payload.get("nonce"), str) or not isinstance(payload.get("type"), str):
            raise TypeError
    except (ValueError, TypeError, KeyError):
        raise BadMessage("The signed payload lacks its type, time or nonce.") from None
    if timezone.is_naive(issued_at):
        raise BadMessage("The signed payload's time has no time zone.")
    payload["issued_at"] = issued_at
    return payload


def check_fresh(payload: dict, *, now: datetime | None = None, window: timedelta = WINDOW) -> None:
    now = now or timezone.now()
    if abs(now - payload["issued_at"]) > window:
        raise BadMessage("The message's time is too far from now (an old message sent again, or a wrong clock).")
