"""A stand-in for the SMS provider and the mail server, for tests and the benchmark.

    python -m samverka.communication.fake_provider [--port 0] [--smtp-port 0]

prints one JSON line with its addresses, then serves until stopped:

- `POST /a1/sms` takes an SMS like 46elks (form fields from/to/message, basic auth when
  started with --user/--password). It honours `Idempotency-Key`: the first request with a
  key is delivered, every repeat gets the same answer and delivers nothing.
- SMTP on --smtp-port (plain, no TLS): each message is delivered once per Message-ID.
- `GET /deliveries`: what was delivered, as JSON.
- `POST /control` with a JSON object switches behaviour: `{"fail": true}` answers every SMS
  with 503 and every SMTP connection with 421 (an outage) until `{"fail": false}`;
  `{"hang": 1}` delivers the next SMS and then holds the answer back (a worker waiting for
  it can be killed "mid-send"); `{"reset": true}` forgets everything.

Only the standard library, so it starts in a few milliseconds. `FakeProvider` runs the same
servers on threads inside a test.
"""

from __future__ import annotations

import argparse
import base64
import itertools
import json
import re
import socketserver
import threading
import time
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

HOST = "127.0.0.1"
E164 = re.compile(r"\+[1-9]\d{6,14}")
HANG_SECONDS = 60  # the longest a held-back answer waits (stopping the server releases it)


class State:
    def __init__(self, user: str = "", password: str = ""):
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.user, self.password = user, password
        self.reset()

    def reset(self) -> None:
        self.deliveries: list[dict] = []
        self.answers: dict[str, tuple[int, bytes]] = {}  # SMS: idempotency key -> the first answer
        self.message_ids: set[str] = set()  # e-mail: Message-IDs delivered
        self.fail = False
        self.hang = 0
        self.counts = {"sms_requests": 0, "sms_repeats": 0, "smtp_sessions": 0, "email_messages": 0,
                       "email_repeats": 0, "refused": 0, "held": 0}
        self.ids = itertools.count(1)

    def snapshot(self) -> dict:
        with self.lock:
            return {"deliveries": list(self.deliveries), "fail": self.fail, "hang": self.hang, **self.counts}

    def control(self, command: dict) -> None:
        with self.lock:
            if command.get("reset"):
                self.reset()
            if "fail" in command:
                self.fail = bool(command["fail"])
            if "hang" in command:
                self.hang = max(0, int(command["hang"]))


class SmsHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a real provider
    # The headers and the body go out in two writes; with Nagle's algorithm the body would
    # wait for the client's delayed ACK (40 ms a message on loopback), as no real provider does.
    disable_nagle_algorithm = True
    server: _HttpServer

    def log_message(self, format, *args):  # quiet
        pass

    def _answer(self, status: int, body: bytes, content_type: str = "application/json",
                headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self):
        if self.path.split("?")[0] in {"/deliveries", "/control"}:
            self._answer(200, json.dumps(self.server.state.snapshot()).encode())
        else:
            self._answer(404, b"not found", "text/plain")

    def do_POST(self):
        path = self.path.split("?")[0]
        body = self._body()
        if path == "/control":
            try:
                self.server.state.control(json.loads(body or b"{}"))
            except (ValueError, TypeError):
                self._answer(400, b"control takes a JSON object", "text/plain")
                return
            self._answer(200, json.dumps(self.server.state.snapshot()).encode())
        elif path.endswith("/sms"):
            self._sms(body)
        else:
            self._answer(404, b"not found", "text/plain")

    def _authorised(self) -> bool:
        state = self.server.state
        if not state.user:
            return True
        expected = base64.b64encode(f"{state.user}:{state.password}".encode()).decode()
        return self.headers.get("Authorization", "") == f"Basic {expected}"

    def _sms(self, body: bytes) -> None:
        state = self.server.state
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        key = self.headers.get("Idempotency-Key", "")
        hold = False
        with state.lock:
            state.counts["sms_requests"] += 1
            if state.fail:
                state.counts["refused"] += 1
                answer = (503, b"Service temporarily unavailable")
            elif not self._authorised():
                answer = (401, b"Wrong API credentials")
            elif not E164.fullmatch(form.get("to", "")):
                answer = (400, b"Invalid to number")
            elif not form.get("message") or not form.get("from"):
                answer = (400, b"Missing key from, to or message")
            elif key and key in state.answers:
                state.counts["sms_repeats"] += 1
                answer = state.answers[key]
            else:
                sms_id = f"s{next(state.ids):012x}"
                state.deliveries.append({"channel": "sms", "id": sms_id, "key": key, "from": form["from"],
                                         "to": form["to"], "message": form["message"], "at": time.time()})
                answer = (200, json.dumps({"status": "created", "direction": "outgoing", "id": sms_id,
                                           "from": form["from"], "to": form["to"], "message": form["message"],
                                           "parts": 1}).encode())
                if key:
                    state.answers[key] = answer
                if state.hang:
                    state.hang -= 1
                    state.counts["held"] += 1
                    hold = True
        if hold:  # delivered, but the answer does not come back (until the server stops)
            state.release.wait(HANG_SECONDS)
            self.close_connection = True
        status, text = answer
        self._answer(status, text, "application/json" if status == 200 else "text/plain",
                     {"Retry-After": "5"} if status == 503 else None)


class SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's mail backend: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    server: _SmtpServer

    def _say(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        state = self.server.state
        with state.lock:
            failing = state.fail
            state.counts["refused" if failing else "smtp_sessions"] += 1
        if failing:
            self._say("421 fake.samverka Service not available, try again later")
            return
        self._say("220 fake.samverka ESMTP")
        recipients: list[str] = []
        while line := self.rfile.readline(65536):
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in {"EHLO", "HELO"}:
                self._say("250-fake.samverka\r\n250 8BITMIME" if verb == "EHLO" else "250 fake.samverka")
            elif verb == "MAIL":
                recipients = []
                self._say("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[-1].strip(" <>"))
                self._say("250 OK")
            elif verb == "DATA":
                self._say("354 End data with <CR><LF>.<CR><LF>")
                self._receive(recipients)
                self._say("250 OK queued")
            elif verb in {"RSET", "NOOP"}:
                self._say("250 OK")
            elif verb == "QUIT":
                self._say("221 Bye")
                return
            else:
                self._say("502 Command not implemented")

    def _receive(self, recipients: list[str]) -> None:
        lines = []
        while (line := self.rfile.readline(1 << 20)) not in {b".\r\n", b".\n", b""}:
            lines.append(line[1:] if line.startswith(b"..") else line)
        message = BytesHeaderParser().parsebytes(b"".join(lines))  # the headers are all it needs
        message_id = str(message.get("Message-ID", "")).strip()
        state = self.server.state
        with state.lock:
            state.counts["email_messages"] += 1
            if message_id and message_id in state.message_ids:
                state.counts["email_repeats"] += 1
                return
            state.message_ids.add(message_id)
            state.deliveries.append({"channel": "email", "id": message_id,
                                     "key": str(message.get("X-Idempotency-Key", "")), "to": ",".join(recipients),
                                     "subject": str(make_header(decode_header(message.get("Subject", "")))),
                                     "at": time.time()})


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    state: State


class _SmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    state: State


class FakeProvider:
    """Both fakes on threads, for a test:

        with FakeProvider() as fake:
            settings.SMS_API_URL = fake.sms_url
            ...
            fake.deliveries()
    """

    def __init__(self, port: int = 0, smtp_port: int = 0, user: str = "", password: str = ""):
        self.state = State(user, password)
        self.http = _HttpServer((HOST, port), SmsHandler)
        self.smtp = _SmtpServer((HOST, smtp_port), SmtpHandler)
        self.http.state = self.smtp.state = self.state
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.http.server_address[1]}"

    @property
    def sms_url(self) -> str:
        return f"{self.url}/a1/sms"

    @property
    def smtp_port(self) -> int:
        return self.smtp.server_address[1]

    def describe(self) -> dict:
        return {"url": self.url, "sms_url": self.sms_url, "smtp_host": HOST, "smtp_port": self.smtp_port}

    def start(self) -> FakeProvider:
        for server in (self.http, self.smtp):
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        self.state.release.set()
        for server in (self.http, self.smtp):
            server.shutdown()
            server.server_close()

    def __enter__(self) -> FakeProvider:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # What a test asks and tells ------------------------------------------------------
    def deliveries(self, channel: str | None = None) -> list[dict]:
        return [d for d in self.state.snapshot()["deliveries"] if channel is None or d["channel"] == channel]

    def counts(self) -> dict:
        snapshot = self.state.snapshot()
        snapshot.pop("deliveries")
        return snapshot

    def control(self, **command) -> None:
        self.state.control(command)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m samverka.communication.fake_provider", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="HTTP port for SMS and control (0: a free one)")
    parser.add_argument("--smtp-port", type=int, default=0, help="SMTP port (0: a free one)")
    parser.add_argument("--user", default="", help="API user name the SMS endpoint requires (none: any)")
    parser.add_argument("--password", default="")
    args = parser.parse_args(argv)
    fake = FakeProvider(args.port, args.smtp_port, args.user, args.password).start()
    print(json.dumps(fake.describe()), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
