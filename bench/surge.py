"""The surge: many people signing up to help at once, after a news item about a crisis.

Clients (`--surge-clients`, 50) each repeat, for `--surge-seconds` (60): fetch the
"I can help" form as a new visitor (no cookies), read its CSRF token and submission token,
and send a sign-up with a name, e-mail address and (every other one) a mobile number no
other sign-up uses. Every sign-up comes from its own address (X-Forwarded-For, which the
server trusts from one proxy, TRUSTED_PROXY_COUNT=1, as the production setup documents),
so the per-address rate limit, which stays on, counts people, not the load generator.
Each request also carries the proxy's X-Request-Start stamp (its send time), so a request
that waited in the server's queue longer than LOAD_SHED_AFTER_MS is answered 503 with
Retry-After and counted as refused, not as an error.
Before the surge, on the same server, the same clients do the same against the write
floor (/_floor/write: a form whose POST checks the CSRF token, inserts one row and
redirects) for the ratio; the worker is idle then, so the floor has the machine to itself.
After the surge the worker's CPU from its start until every received sign-up is
processed is reported per sign-up, with the time that took after the surge.

The answer to a sign-up only stores the form; the task worker (`manage.py db_worker`)
makes the volunteers of the received forms and sends the confirmations (SMS, or e-mail
for those without a phone) to the fake provider (samverka.communication.fake_provider),
which fails for the middle third of the sign-up surge (`--surge-outage`): sign-ups must
go on at the same rate, and after it recovers every message must be delivered once.

The clients run in a few processes (`--surge-processes`) of threads each: the machine's
cores are shared with the server, and a Python thread per client spends well under a
millisecond of CPU per request.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import re
import signal
import subprocess  # noqa: S404
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from bench.client import HOST
from bench.database import BenchDatabase, log
from bench.load import _percentile
from bench.server import ROOT, Gunicorn

SIGNUP_PATH = "/kris/jag-kan-hjalpa/"
FLOOR_PATH = "/_floor/write"
CLIENT_TIMEOUT = 15
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_SUBMISSION = re.compile(r'name="submission_token" value="([^"]+)"')
_DISTRICT = re.compile(r'<option value="(\d+)"')
_KIND = re.compile(r'name="help_kinds" value="(\d+)"')
_SLOT = re.compile(r'name="availability" value="([\d-]+)"')

# Outcomes of one sign-up (GET the form, POST it).
OK, FORM_ERROR, REFUSED, CSRF, SERVER_ERROR, SOCKET, OTHER = (
    "ok", "form_error", "refused", "csrf_refused", "server_error", "socket_error", "other")


_CHOICES: dict[str, list[str]] = {}


def signup_fields(n: int, form: str, run: str) -> dict:
    """Sign-up number `n`: a unique person; choices taken from the form itself (read
    once per client process: they do not change during the run, and the load generator
    shares the machine with the server)."""
    if not _CHOICES:
        _CHOICES.update(districts=_DISTRICT.findall(form), kinds=_KIND.findall(form), slots=_SLOT.findall(form))
    districts, kinds, slots = _CHOICES["districts"], _CHOICES["kinds"], _CHOICES["slots"]
    fields = {
        "name": f"Volontär {n}",
        "email": f"surge-{run}-{n}@example.org",
        "district": districts[n % len(districts)] if districts else "",
        "help_kinds": [kinds[n % len(kinds)]] + ([kinds[(n + 3) % len(kinds)]] if kinds and n % 2 else []),
        "availability": [slots[n % len(slots)]] if slots else [],
        "consent": "on",
        "website": "",
    }
    if n % 2 == 0:  # half give a mobile number (confirmed by SMS), half only e-mail (by a link)
        digits = f"{n % 10_000_000:07d}"
        fields["phone"] = f"070-{digits[:3]} {digits[3:5]} {digits[5:]}"
    else:
        fields["phone"] = ""
    return fields


def address(n: int) -> str:
    """A client address of its own for sign-up n (10.0.0.0/8 holds 16 million)."""
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


@dataclass
class Record:
    started: float  # seconds since the surge started
    get_ms: float
    post_ms: float
    outcome: str
    status: int
    key: str = ""  # the e-mail address or floor name of a success
    retry_after: bool = False


def _request(conn: http.client.HTTPConnection, method: str, path: str, headers: dict, body: bytes | None = None):
    # When the request left, as the trusted proxy stamps it (nginx `$msec`): a request that
    # waited too long in the server's queue is answered 503 (LOAD_SHED_AFTER_MS).
    headers = {**headers, "X-Request-Start": f"t={time.time():.3f}"}
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.will_close:
        conn.close()
    return response, data


def one_signup(conn, port: int, path: str, n: int, run: str, floor: bool, t0: float) -> Record:
    started = time.perf_counter()
    base = {"Host": f"{HOST}:{port}", "X-Forwarded-For": address(n)}
    get_ms = post_ms = 0.0
    try:
        response, data = _request(conn, "GET", path, base)
        got = time.perf_counter()
        get_ms = (got - started) * 1000
        if response.status != 200:
            return _refused_or_error(started - t0, get_ms, 0.0, response)
        form = data.decode("utf-8", "replace")
        csrf = _CSRF.search(form)
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        if not csrf or "csrftoken" not in jar:
            return Record(started - t0, get_ms, 0.0, OTHER, response.status)
        if floor:
            key = f"floor-{run}-{n}"
            fields = {"name": key}
        else:
            fields = signup_fields(n, form, run)
            key = fields["email"]
            if token := _SUBMISSION.search(form):
                fields["submission_token"] = token.group(1)
        fields["csrfmiddlewaretoken"] = csrf.group(1)
        body = urlencode(fields, doseq=True).encode()
        headers = {**base, "Cookie": f"csrftoken={jar['csrftoken'].value}",
                   "Content-Type": "application/x-www-form-urlencoded",
                   "Origin": f"http://{HOST}:{port}", "Referer": f"http://{HOST}:{port}{path}"}
        response, data = _request(conn, "POST", path, headers, body)
        post_ms = (time.perf_counter() - got) * 1000
        if response.status in {302, 303}:
            location = response.headers.get("Location", "")
            # A sign-up's own thank-you page (…/tack/<ref>/), not the one the honeypot shows (…/tack/).
            if floor or ("/tack/" in location and not location.rstrip("/").endswith("/tack")):
                return Record(started - t0, get_ms, post_ms, OK, response.status, key)
            return Record(started - t0, get_ms, post_ms, OTHER, response.status)
        if response.status == 200:
            return Record(started - t0, get_ms, post_ms, FORM_ERROR, 200)
        return _refused_or_error(started - t0, get_ms, post_ms, response)
    except (OSError, http.client.HTTPException):
        conn.close()
        return Record(started - t0, get_ms, post_ms, SOCKET, 0)


def _refused_or_error(started: float, get_ms: float, post_ms: float, response) -> Record:
    status = response.status
    if status in {429, 503}:
        return Record(started, get_ms, post_ms, REFUSED, status, retry_after=bool(response.headers.get("Retry-After")))
    if status == 403:
        return Record(started, get_ms, post_ms, CSRF, status)
    if status >= 500:
        return Record(started, get_ms, post_ms, SERVER_ERROR, status)
    return Record(started, get_ms, post_ms, OTHER, status)


def _client_process(port: int, path: str, floor: bool, run: str, first: int, clients: int, stride: int,
                    start_at: float, seconds: float) -> list[tuple]:
    """`clients` threads in this process; sign-up numbers first, first + stride, ..."""
    records: list[list[Record]] = [[] for _ in range(clients)]
    counter = iter(range(first, first + stride * 10_000_000, stride))
    lock = threading.Lock()
    deadline = start_at + seconds

    def client(slot: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=CLIENT_TIMEOUT)
        while time.time() < deadline:
            with lock:
                n = next(counter)
            record = one_signup(conn, port, path, n, run, floor, t0)
            records[slot].append(record)
            if record.outcome == REFUSED:
                time.sleep(0.2)  # a person told "try again in a moment" does not press at once
        conn.close()

    time.sleep(max(0.0, start_at - time.time()))
    t0 = time.perf_counter() - (time.time() - start_at)
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + CLIENT_TIMEOUT * 3)
    return [tuple(r.__dict__.values()) for per in records for r in per]


def _default_signals() -> None:
    """The client processes are stopped by their parent, quietly."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


@dataclass
class SurgeResult:
    seconds: float
    records: list[Record] = field(default_factory=list)
    server_cpu_ms: float | None = None
    worker_cpu_ms: float | None = None  # the task worker making volunteers and sending confirmations
    processing: dict = field(default_factory=dict)  # the received sign-ups after the surge

    def of(self, outcome: str) -> list[Record]:
        return [r for r in self.records if r.outcome == outcome]

    @property
    def ok(self) -> list[Record]:
        return self.of(OK)

    @property
    def rate(self) -> float:
        return len(self.ok) / self.seconds if self.seconds else 0.0

    def rate_between(self, start: float, end: float) -> float:
        """Sign-ups accepted (answered) per second between two moments of the run."""
        count = sum(1 for r in self.ok if start <= r.started + (r.get_ms + r.post_ms) / 1000 < end)
        return count / (end - start) if end > start else 0.0

    def percentile(self, which: str, q: float) -> float:
        values = sorted(getattr(r, which) for r in self.records if r.outcome not in {SOCKET})
        return _percentile(values, q)

    def full_percentile(self, q: float) -> float:
        values = sorted(r.get_ms + r.post_ms for r in self.ok)
        return _percentile(values, q)


def run_clients(port: int, path: str, *, floor: bool, run: str, clients: int, processes: int,
                seconds: float) -> SurgeResult:
    processes = max(1, min(processes, clients))
    start_at = time.time() + 0.5
    context = multiprocessing.get_context("fork")
    per = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    pool = context.Pool(processes, initializer=_default_signals)
    try:
        jobs = [pool.apply_async(_client_process, (port, path, floor, run, i, per[i], processes, start_at, seconds))
                for i in range(processes)]
        rows = [row for job in jobs for row in job.get(timeout=seconds + 120)]
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    records = [Record(*row) for row in rows]
    return SurgeResult(seconds=seconds, records=records)


# The fake provider and the worker ----------------------------------------------------

class Provider:
    """The fake SMS provider and mail server in a process of their own."""

    def __init__(self):
        self.process: subprocess.Popen | None = None
        self.address: dict = {}

    def __enter__(self) -> Provider:
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "samverka.communication.fake_provider"], cwd=ROOT, stdout=subprocess.PIPE,
            text=True, start_new_session=True)
        self.address = json.loads(self.process.stdout.readline())
        return self

    def __exit__(self, *exc_info) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def env(self) -> dict[str, str]:
        return {"SMS_BACKEND": "samverka.communication.elks.ElksBackend", "SMS_API_URL": self.address["sms_url"],
                "SMS_API_USER": "bench", "SMS_API_PASSWORD": "bench", "SMS_TIMEOUT": "5",
                "EMAIL_HOST": self.address["smtp_host"], "EMAIL_PORT": str(self.address["smtp_port"]),
                "EMAIL_USE_TLS": "0", "OUTBOX_RETRY_SECONDS": "2"}

    def control(self, **command) -> dict:
        request = urllib.request.Request(f"{self.address['url']}/control", data=json.dumps(command).encode(),  # noqa: S310
                                         method="POST")
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            return json.load(answer)

    def state(self) -> dict:
        with urllib.request.urlopen(f"{self.address['url']}/deliveries", timeout=30) as answer:  # noqa: S310
            return json.load(answer)


WORKER_NICE = 19


class Worker:
    """`manage.py db_worker`, the production task worker, which makes volunteers of the
    received sign-ups and sends the outbox. It runs at a lower CPU priority (nice 19), as
    the README advises where the worker shares a machine with the app server: people's
    answers come first, the confirmations follow when there is room."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.env, self.log_path = env, log_path
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Worker:
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(  # noqa: S603
            ["nice", "-n", str(WORKER_NICE),  # nice runs the command in its own process: the pid is the worker's
             sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.5"], cwd=ROOT,
            env=self.env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        # In a session of its own the worker is in a scheduling group of its own (Linux
        # autogroups), which the other groups share the CPU with equally whatever its nice
        # value; the group's own nice value is what gives it the lower priority (as
        # systemd's CPUWeight does for a service).
        try:
            Path(f"/proc/{self.process.pid}/autogroup").write_text(str(WORKER_NICE))
        except OSError:
            pass
        return self

    def cpu_seconds(self) -> float | None:
        """The worker's CPU time so far (user + system, from /proc; Linux)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, AttributeError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc_info) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log.close()


def db_query(env: dict[str, str], *args: str, timeout: float = 300) -> dict:
    result = subprocess.run([sys.executable, "-m", "bench.surge_db", *args], cwd=ROOT, env=env,  # noqa: S603
                            capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        raise SystemExit(f"bench.surge_db {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# The run -------------------------------------------------------------------------------

def surge_env(env: dict[str, str]) -> dict[str, str]:
    """Production settings for the surge: rate limits on, one trusted proxy."""
    return {**env, "RATE_LIMITS_ENABLED": "1", "TRUSTED_PROXY_COUNT": "1"}


def measure_surge(args, db: BenchDatabase, env: dict[str, str], emit, load_average) -> bool:
    """Start the crisis, the fake provider, the worker and gunicorn; run the sign-up surge
    and the floor; count the rows and the deliveries; emit the figures. True when every
    check passes."""
    env = surge_env(env)
    crisis = db_query(env, "crisis")
    before = db_query(env, "outbox")["last"]  # what load_demo queued is not the surge's
    log(f"surge: crisis {crisis['name']!r} under way")
    run = str(int(time.time()))
    with Provider() as provider:
        worker_env = {**env, **provider.env()}
        with Worker(worker_env, db.tmp / "worker.log") as worker, \
                Gunicorn(env, db.tmp / "gunicorn-surge.log", args.workers,
                         "gthread" if args.surge_threads > 1 else "sync", args.surge_threads) as server:
            common = {"database": db.kind, "server": server.describe().split(", on ")[0],
                      "clients": args.surge_clients, "seconds": args.surge_seconds,
                      "load": f"python ({args.surge_processes} processes)"}
            page = urllib.request.urlopen(f"{server.base_url}{SIGNUP_PATH}", timeout=30)  # noqa: S310
            if "csrfmiddlewaretoken" not in page.read().decode():
                raise SystemExit(f"{SIGNUP_PATH} shows no form: is the crisis under way?")
            # The floor first, on a quiet machine: the worker has nothing to do yet.
            log(f"surge: floor, {args.surge_clients} clients for {args.surge_seconds:g} s against {FLOOR_PATH}")
            cpu_before = server.cpu_seconds()
            floor = run_clients(server.port, FLOOR_PATH, floor=True, run=run, clients=args.surge_clients,
                                processes=args.surge_processes, seconds=args.surge_seconds)
            cpu_after = server.cpu_seconds()
            if cpu_before is not None and cpu_after is not None and floor.records:
                floor.server_cpu_ms = (cpu_after - cpu_before) * 1000 / len(floor.records)
            log(f"surge: {args.surge_clients} clients for {args.surge_seconds:g} s against {SIGNUP_PATH} "
                f"(the provider fails for {args.surge_outage:g} s in the middle); load average {load_average()}")
            outage = _schedule_outage(provider, args.surge_seconds, args.surge_outage)
            cpu_before, worker_before = server.cpu_seconds(), worker.cpu_seconds()
            signups = run_clients(server.port, SIGNUP_PATH, floor=False, run=run, clients=args.surge_clients,
                                  processes=args.surge_processes, seconds=args.surge_seconds)
            cpu_after = server.cpu_seconds()
            outage.join()
            provider.control(fail=False)
            # The answers only stored the forms; the worker makes the volunteers and sends the
            # confirmations.
            signups.processing = _wait_for_signups(env, timeout=args.surge_drain)
            worker_after = worker.cpu_seconds()
            if worker_before is not None and worker_after is not None and signups.records:
                signups.worker_cpu_ms = (worker_after - worker_before) * 1000 / len(signups.records)
            if cpu_before is not None and cpu_after is not None and signups.records:
                signups.server_cpu_ms = (cpu_after - cpu_before) * 1000 / len(signups.records)
            server_log = server.log_tail(10_000_000)
            drained = _wait_for_outbox(env, before, timeout=args.surge_drain)
        deliveries = provider.state()

    (db.tmp / "signups.txt").write_text("\n".join(r.key for r in signups.ok))
    (db.tmp / "floor.txt").write_text("\n".join(r.key for r in floor.ok))
    signup_rows = db_query(env, "count", "signup", str(db.tmp / "signups.txt"))
    floor_rows = db_query(env, "count", "floor", str(db.tmp / "floor.txt"))
    locked = server_log.count("database is locked") + _read(db.tmp / "worker.log").count("database is locked")
    return report(args, emit, load_average, common, signups, floor, signup_rows, floor_rows, locked, drained,
                  deliveries, outage)


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


class _Outage(threading.Thread):
    def __init__(self, provider: Provider, start: float, end: float):
        super().__init__(daemon=True)
        self.provider, self.start_s, self.end_s = provider, start, end

    def run(self) -> None:
        began = time.monotonic() + 0.5  # the clients start half a second after run_clients is called
        if self.end_s <= self.start_s:
            return
        time.sleep(max(0.0, began + self.start_s - time.monotonic()))
        self.provider.control(fail=True)
        log(f"surge: the SMS provider and the mail server fail from {self.start_s:.0f} s")
        time.sleep(max(0.0, began + self.end_s - time.monotonic()))
        self.provider.control(fail=False)
        log(f"surge: the provider is back at {self.end_s:.0f} s")


def _schedule_outage(provider: Provider, seconds: float, outage: float) -> _Outage:
    start = max(0.0, (seconds - outage) / 2)
    thread = _Outage(provider, start, start + min(outage, seconds))
    thread.start()
    return thread


def _wait_for_signups(env: dict[str, str], timeout: float) -> dict:
    """After the surge: wait until the worker has processed every received sign-up."""
    deadline = time.monotonic() + timeout
    started = time.monotonic()
    while True:
        state = db_query(env, "received")
        if not state["pending"] or time.monotonic() > deadline:
            state["drain_seconds"] = round(time.monotonic() - started, 1)
            log(f"surge: received sign-ups {state} after the surge")
            return state
        time.sleep(0.5)


def _wait_for_outbox(env: dict[str, str], after: int, timeout: float) -> dict:
    """After the surge: wait until the worker has sent the surge's messages (or the time is up)."""
    deadline = time.monotonic() + timeout
    started = time.monotonic()
    while True:
        state = db_query(env, "outbox", str(after))
        waiting = state["by_status"].get("pending", 0) + state["by_status"].get("sending", 0)
        if not waiting or time.monotonic() > deadline:
            state["drain_seconds"] = round(time.monotonic() - started, 1)
            log(f"surge: outbox {state['by_status']} after {state['drain_seconds']} s")
            return state
        time.sleep(2)


def report(args, emit, load_average, common, signups: SurgeResult, floor: SurgeResult, signup_rows: dict,
           floor_rows: dict, locked: int, outbox: dict, deliveries: dict, outage: _Outage) -> bool:
    common = {**common, "load_average": load_average()}
    ratio = signups.rate / floor.rate if floor.rate else 0.0
    emit({"name": "surge_signups_per_s", "value": round(signups.rate, 1), "unit": "sign-ups/s",
          "ratio": round(ratio, 3), "accepted": len(signups.ok), "path": SIGNUP_PATH, **common})
    emit({"name": "surge_floor_writes_per_s", "value": round(floor.rate, 1), "unit": "writes/s",
          "accepted": len(floor.ok), "path": FLOOR_PATH, **common})
    during = signups.rate_between(outage.start_s, outage.end_s)
    outside = (signups.rate_between(0, outage.start_s) * outage.start_s
               + signups.rate_between(outage.end_s, signups.seconds) * (signups.seconds - outage.end_s)) / max(
        1e-9, signups.seconds - (outage.end_s - outage.start_s))
    if outage.end_s > outage.start_s:
        emit({"name": "surge_signups_per_s_during_outage", "value": round(during, 1), "unit": "sign-ups/s",
              "outside_outage": round(outside, 1), "outage_seconds": [round(outage.start_s), round(outage.end_s)],
              **common})
    for q in (50, 99):
        emit({"name": f"surge_p{q}", "value": round(signups.percentile("post_ms", q), 1), "unit": "ms",
              "what": "POST of the sign-up", "form_get": round(signups.percentile("get_ms", q), 1),
              "whole_signup": round(signups.full_percentile(q), 1), **common})
        emit({"name": f"surge_floor_p{q}", "value": round(floor.percentile("post_ms", q), 1), "unit": "ms",
              "what": "POST to the write floor", "form_get": round(floor.percentile("get_ms", q), 1), **common})
    breakdown = {outcome: len(signups.of(outcome)) for outcome in (SERVER_ERROR, SOCKET, CSRF, FORM_ERROR, OTHER)}
    refused = signups.of(REFUSED)
    errors = breakdown[SERVER_ERROR] + breakdown[SOCKET] + breakdown[CSRF] + breakdown[FORM_ERROR] + breakdown[OTHER]
    emit({"name": "surge_errors", "value": errors, "unit": "sign-ups", "of": len(signups.records), **breakdown,
          "refused_429_503": len(refused), "refused_without_retry_after": sum(not r.retry_after for r in refused),
          "status_codes": _codes(signups), **common})
    floor_errors = sum(1 for r in floor.records if r.outcome != OK)
    emit({"name": "surge_floor_errors", "value": floor_errors, "unit": "writes", "of": len(floor.records),
          "status_codes": _codes(floor), **common})
    emit({"name": "surge_lost", "value": signup_rows["lost"], "unit": "sign-ups", **signup_rows,
          "floor": floor_rows, **common})
    emit({"name": "surge_duplicated", "value": signup_rows["duplicated"] + floor_rows["duplicated"],
          "unit": "rows", **common})
    emit({"name": "surge_database_locked", "value": locked, "unit": "log lines", **common})
    for name, result in (("surge", signups), ("surge_floor", floor)):
        if result.server_cpu_ms is not None:
            emit({"name": f"{name}_server_cpu", "value": round(result.server_cpu_ms, 2),
                  "unit": "ms per GET+POST", **common})
    if signups.worker_cpu_ms is not None:
        emit({"name": "surge_worker_cpu", "value": round(signups.worker_cpu_ms, 2), "unit": "ms per sign-up",
              "what": "the task worker (db_worker) making the volunteers and sending the confirmations, "
                      "from the start of the surge until every sign-up was processed",
              "task_runs_in_the_run": outbox.get("task_runs"), **common})
    processing = signups.processing
    emit({"name": "surge_signups_processed", "value": processing.get("processed", 0), "unit": "sign-ups",
          "what": "received sign-ups the worker made volunteers of and confirmed",
          "pending": processing.get("pending"), "failed": processing.get("failed"),
          "received": processing.get("received"), "drain_seconds_after_surge": processing.get("drain_seconds"),
          **common})
    by_status = outbox["by_status"]
    delivered = deliveries["deliveries"]
    keys = [d["key"] or d["id"] for d in delivered]
    sent_keys = set(outbox["sent_keys"])
    emit({"name": "surge_outbox_delivered", "value": len(sent_keys & set(keys)), "unit": "messages",
          "outbox": by_status, "by_channel": outbox["by_channel"], "drain_seconds": outbox["drain_seconds"],
          "delivered_twice": len(keys) - len(set(keys)), "sent_not_delivered": len(sent_keys - set(keys)),
          "resent_and_deduplicated": deliveries.get("sms_repeats", 0) + deliveries.get("email_repeats", 0),
          "refused_during_outage": deliveries.get("refused", 0), **common})
    pending = by_status.get("pending", 0) + by_status.get("sending", 0)
    emit({"name": "surge_outbox_pending", "value": pending, "unit": "messages",
          "failed": by_status.get("failed", 0), "failed_examples": outbox.get("failed_examples", []), **common})

    checks = {
        "rate_100_per_s": signups.rate >= 100,
        "ratio_60_percent": ratio >= 0.6,
        "p99_below_500_ms": signups.percentile("post_ms", 99) < 500,
        "nothing_lost": signup_rows["lost"] == 0 and floor_rows["lost"] == 0,
        "all_processed": processing.get("pending") == 0 and processing.get("failed") == 0,
        "nothing_duplicated": signup_rows["duplicated"] == 0 and floor_rows["duplicated"] == 0,
        "no_server_errors": breakdown[SERVER_ERROR] == 0 and breakdown[SOCKET] == 0,
        "no_database_locked": locked == 0,
        "refusals_say_retry_after": all(r.retry_after for r in refused),
        # The worker met the outage (the fake refused messages), so "delivered after it" means something.
        "outage_met_by_the_worker": outage.end_s <= outage.start_s or deliveries.get("refused", 0) > 0,
        "outbox_all_delivered_once": pending == 0 and by_status.get("failed", 0) == 0
                                     and len(keys) == len(set(keys)) and not (sent_keys - set(keys)),
    }
    emit({"name": "surge_summary", "value": sum(checks.values()), "unit": "checks passing", "of": len(checks),
          "checks": checks, "pass": all(checks.values()), **common})
    for name, ok in checks.items():
        log(f"{'PASS' if ok else 'MISS'} surge {name}")
    return all(checks.values())


def _codes(result: SurgeResult) -> dict[str, int]:
    codes: dict[str, int] = {}
    for record in result.records:
        codes[str(record.status)] = codes.get(str(record.status), 0) + 1
    return codes
