"""Eva tries Samverka on another port than 8000: the links in the e-mail and SMS she gets
lead to the server she is trying, not to port 8000."""

import os
import signal
import socket
from io import StringIO

import pytest
from django.core.management import call_command

from samverka.cases.models import Case
from samverka.cases.services import submit_case
from samverka.cases.tests.factories import topic
from samverka.communication.models import OutboxMessage
from samverka.demo.management.commands import serve_dev


class Worker:
    """Stands in for the task worker process: remembers how it was started."""

    started: list[dict] = []
    stopped: list[bool] = []

    def __init__(self, args, env=None):
        self.started.append({"args": args, "env": env or {}})

    def terminate(self):
        pass

    def wait(self, timeout=None):
        self.stopped.append(True)
        return 0


@pytest.fixture
def serving(monkeypatch):
    """Run serve_dev; instead of serving, a resident sends a message by SMS while it "runs"."""
    Worker.started = []
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(serve_dev.subprocess, "Popen", Worker)

    def runserver(name, addrport, **options):
        assert name == "runserver"
        submit_case(by=None, kind=Case.Kind.QUESTION, topic=topic(), district=None, message="Hej!",
                    name="Eva", phone="0701234567")

    monkeypatch.setattr(serve_dev, "call_command", runserver)

    def serve(*args):
        call_command("serve_dev", *args, stdout=StringIO())
        return OutboxMessage.objects.get(channel="sms").body_text, Worker.started[0]["env"]

    return serve


def test_links_in_sms_lead_to_the_port_it_serves_on(db, serving):
    sms, worker_env = serving("127.0.0.1:8765")
    assert "http://127.0.0.1:8765/" in sms
    assert ":8000" not in sms
    assert worker_env["SITE_URL"] == "http://127.0.0.1:8765"


def test_a_site_url_from_the_environment_is_kept(db, serving, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://prova.samverka.example")
    sms, worker_env = serving("8765")
    assert "https://prova.samverka.example/" in sms
    assert worker_env["SITE_URL"] == "https://prova.samverka.example"


@pytest.mark.parametrize(("addrport", "url"), [
    ("8001", "http://127.0.0.1:8001"),
    ("127.0.0.1:8001", "http://127.0.0.1:8001"),
    ("localhost:8001", "http://localhost:8001"),
    ("[::1]:8001", "http://[::1]:8001"),
    ("0.0.0.0:8000", f"http://{socket.gethostname()}:8000"),
])
def test_the_site_address_is_the_address_served_on(addrport, url):
    assert serve_dev.site_url_for(addrport) == url


def test_the_demo_loaded_by_serve_dev_links_to_the_port_it_serves_on(db, monkeypatch):
    """`dev.py run 127.0.0.1:8765` loads the demo through serve_dev: the messages the demo
    queues (new cases to the officials) lead to port 8765, not 8000."""
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(serve_dev.subprocess, "Popen", Worker)
    real_call_command = serve_dev.call_command

    def commands(name, *args, **options):
        if name == "load_demo":
            return real_call_command(name, *args, stdout=StringIO())
        assert name == "runserver"

    monkeypatch.setattr(serve_dev, "call_command", commands)
    call_command("serve_dev", "127.0.0.1:8765", "--load-demo", stdout=StringIO())
    bodies = [m.body_text for m in OutboxMessage.objects.all()]
    assert any("http://127.0.0.1:8765/" in body for body in bodies)
    assert not any(":8000" in body for body in bodies)


def test_stopping_it_with_kill_stops_the_worker_too(db, monkeypatch):
    """`kill` (SIGTERM) on the trial server used to leave its task worker running."""
    Worker.started, Worker.stopped = [], []
    monkeypatch.setattr(serve_dev.subprocess, "Popen", Worker)
    before = signal.getsignal(signal.SIGTERM)

    def runserver(name, addrport, **options):
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(serve_dev, "call_command", runserver)
    with pytest.raises(SystemExit):
        call_command("serve_dev", "8765", stdout=StringIO())
    assert Worker.stopped == [True]
    assert signal.getsignal(signal.SIGTERM) is before
