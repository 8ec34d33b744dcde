"""Two installations sharing a programme, over HTTP: Upplands-Bro runs as a second process
(`manage.py runserver` on a free port, its own var directory and SQLite database, its own
key, the programme made by `regional_fixture`); Ekerö is the test's live server. Ekerö reads
Bro's signed feed, its run proposes one of Bro's associations, Amal says yes and shares her
name and e-mail only; Bro's installation verifies the signed request and keeps it for its
coordinator, with nothing else of hers; Bro's coordinator accepts and the answer comes back
to Ekerö signed. The second installation's tables are made straight from the models
(`bro_settings.py`), so it starts in seconds whatever database the suite runs on."""

from __future__ import annotations

import base64
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from samverka.matching import regional, services, signing
from samverka.matching.models import Choice, Participant, RegionalPartner, RemoteMatch

from .factories import ChoiceFactory, ParticipantFactory

ROOT = Path(__file__).resolve().parents[3]
BRO_SEED = base64.b64encode(b"\x0b" * 32).decode()

pytestmark = pytest.mark.installations


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env, *args, timeout=120) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT,  # noqa: S603
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture
def bro(tmp_path, live_server, settings):
    """Upplands-Bro's installation, running; yields its address, env and database path."""
    settings.SITE_URL = live_server.url
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(SAMVERKA_VAR_DIR=str(tmp_path), SITE_URL=url, SECRET_KEY="bro-" + "x" * 50,
               REGIONAL_PRIVATE_KEY=BRO_SEED, DEBUG="0", ALLOWED_HOSTS="127.0.0.1,localhost",
               DJANGO_SETTINGS_MODULE="samverka.matching.tests.bro_settings")
    database = tmp_path / "samverka.sqlite3"
    _manage(env, "migrate", "--run-syncdb", "--noinput")
    _manage(env, "regional_fixture", "--partner-name", "Ekerö kommun", "--partner-url", live_server.url,
            "--partner-key", signing.public_key_text())
    command = [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", "--skip-checks",
               f"127.0.0.1:{port}"]
    log = tmp_path / "bro.log"
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,  # noqa: S603
                              stderr=log.open("w"))
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=1)  # noqa: S310 (our own local server)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(log.read_text()[-3000:])
                time.sleep(0.2)
        yield url, env, database
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_two_installations_share_a_programme(bro, programme, districts, coordinator):
    url, env, database = bro
    partner = RegionalPartner.objects.create(name="Upplands-Bro kommun", base_url=url, public_key=signing.public_key_text(
        signing.Ed25519PrivateKey.from_private_bytes(base64.b64decode(BRO_SEED))))
    programme.kind, programme.radius_km = "association", 40
    programme.shared_regionally, programme.regional_code = True, "vida-nordvast"
    programme.save()
    programme.partners.add(partner)
    football = ChoiceFactory(programme=programme, group=Choice.Group.INTEREST, name="Fotboll")
    amal = ParticipantFactory(programme=programme, name="Amal Hassan", email="amal@example.org",
                              phone="+46701112233", about="Jag spelade fotboll i Aleppo.",
                              district=districts["ekero-centrum"])
    amal.interests.set([football])

    # Ekerö reads Bro's feed over HTTP: three associations, no personal data.
    done = regional.fetch_partner(partner)
    assert done.ok, done.error
    assert sorted(programme.remote_offers.values_list("association", flat=True)) == [
        "Bro IK", "Brogårds hembygdsförening", "Kungsängens schacksällskap"]

    # The run proposes a football club of Bro's; Amal is asked, and shares her name and e-mail.
    services.run_programme(programme=programme, by=coordinator)
    proposal = RemoteMatch.objects.get(request=amal)
    assert proposal.offer_name in ("Bro IK", "Brogårds hembygdsförening")
    regional.ask_person(match=proposal, by=coordinator)
    sent = regional.consent(match=proposal, share=["name", "email"])
    assert sent.status == RemoteMatch.Status.SENT, sent.error

    # Bro's installation believed it and keeps it for its coordinator, with only what she shared.
    # Raw SQL on purpose: Bro's database belongs to the other process and is in no DATABASES
    # entry of this one, so the ORM cannot reach it. It is SQLite whatever the suite runs on.
    with sqlite3.connect(database) as bro_db:
        rows = bro_db.execute("SELECT status, shared, offer_name FROM matching_remotematch "
                              "WHERE direction = 'incoming'").fetchall()
    assert len(rows) == 1
    status, shared, offer_name = rows[0]
    assert status == "pending" and offer_name == proposal.offer_name
    assert json.loads(shared) == {"name": "Amal Hassan", "email": "amal@example.org"}

    # The same match requested again is refused by Bro (a replayed body is refused by its nonce:
    # test_regional.py).
    with pytest.raises(regional.TransportError, match="400"):
        regional.http_transport("POST", url + regional.INBOX_PATH, _last_body(proposal))

    # Bro's coordinator accepts: the answer comes back to Ekerö, signed.
    _manage(env, "shell", "-c", "from samverka.matching import regional; "
            "from samverka.matching.models import RemoteMatch; "
            "m = regional.answer_request(match=RemoteMatch.objects.get(direction='incoming'), accept=True, by=None); "
            "assert not m.error, m.error")
    proposal.refresh_from_db()
    amal.refresh_from_db()
    assert proposal.status == RemoteMatch.Status.ACCEPTED and amal.status == Participant.Status.MATCHED


def _last_body(match: RemoteMatch) -> bytes:
    """The request for the same match made again: Bro has it already (the same reference)."""
    captured = []
    regional._send(match.partner, {"type": "match_request", "programme": match.programme.regional_code,
                                   "offer": match.offer_ref, "reference": match.reference, "person": match.shared},
                   lambda method, url, body: captured.append(body) or b"")
    return captured[0]
