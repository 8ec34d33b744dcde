"""The soak and the overload: a mix of page views and registrations, sent at a fixed pace.

Both start from the mix's capacity, measured in the same run on the same server: a few
connections (`--connections`) send the mix back to back for `--capacity-seconds` (after a
warm-up); the operations answered as expected per second are the capacity.

The soak (`--soak`) then sends the mix *paced* at 30 % of that capacity for
`--soak-seconds` (600): an open-loop load, as visitors arrive whether or not the server
has answered the ones before. An operation's latency counts from the moment it was due,
so a slow answer is not hidden by the load generator waiting for it. It reports the
requests served, the errors, the latency and the servers' memory (the sum of the
resident memory of gunicorn's master and workers, from /proc, read every 5 s) after the
warm-up and at the end: a worker that keeps memory it no longer needs grows over the run.
One reading swings by a tenth as workers build and free large pages, so the start is the
median of the first quarter of the readings after the soak's own warm-up (a tenth of it,
5 to 60 s: the workers' page caches fill) and the end the median of the last quarter.

The overload (`--overload`) sends the mix at twice the capacity for `--overload-seconds`
(60). The server may answer 200 (a page, the registration form), 302 (after a
registration), or 429/503 with Retry-After (load shedding: each request carries the
X-Request-Start stamp a reverse proxy sets, and the server, trusting one proxy, refuses
at once what waited in its queue longer than LOAD_SHED_AFTER_MS); never a 500, and never
a connection closed without an answer after the request was sent. A connection the
kernel does not accept (the listen backlog is full, so the connect times out or is
refused) never reached the server and carries no request: it is counted apart, as what a
reverse proxy would see as "upstream unavailable" and answer 502/503 itself.

Every registration is a made-up person with a unique e-mail address (its marker). After
the runs the rows are counted against the registrations answered with success: none may
be missing or stored twice.

The mix (weights per 12 operations): the directory anonymous (3) and logged in (2), the
actor page (2), the calendar's month (2), an activity page (2) and a registration for one
of its coming occasions (1: GET the form, POST it with its CSRF and submission tokens).
Rate limits are off, as in the page run.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bench.client import HOST, cookie_header, log_in, request
from bench.database import BenchDatabase, log
from bench.load import _percentile
from bench.server import Gunicorn, cache_name, redis_memory
from bench.surge import db_query

SOAK_SHARE = 0.3  # the soak's pace: this share of the measured capacity
OVERLOAD_FACTOR = 2.0  # the overload's pace: this multiple of the capacity
TARGET_MEMORY_GROWTH_PERCENT = 10.0
# Where the cached public pages are kept, by the server's cache (bench/server.py cache_name):
# with the per-process cache, inside the workers whose memory the soak reads.
CACHED_PAGES_IN = {
    "redis": "Redis (shared, as production with more than one process): not in the workers' memory",
    "per-process (LocMem)": "each worker's memory: a per-process cache fills towards its bound during the soak "
                            "(core/pagecache.py, settings.CACHES); production with more than one process runs Redis "
                            "(check --deploy, samverka.E001): measure with --redis",
}
TARGET_P95_MS = 150.0  # as the pages' target
CONNECT_TIMEOUT = 10.0  # longer than the kernel's SYN retries of 1 and 3 s
ANSWER_TIMEOUT = 30.0  # gunicorn's worker timeout: a request running longer is killed
# Before the capacity: as long as it (each worker compiles its templates and fills its page
# cache on first use; measured after 2 s the mix cost a third more CPU than later).
MEMORY_SAMPLE_SECONDS = 5.0
SOAK_WARM_UP_SHARE = 0.1  # of the soak, at least 5 s, at most 60 s: the memory's start is read after it

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_SUBMISSION = re.compile(r'name="submission_token" value="([^"]+)"')
_REGISTER_LINK = re.compile(r'href="(/[^"]*/tillfallen/\d+/anmal/)"')

# Outcomes of one operation.
OK = "ok"
REFUSED = "refused"  # 429/503 with Retry-After, or a registration the platform declined (form shown again)
ERROR = "error"  # an answer that should not happen: 5xx, 503 without Retry-After, 4xx, a wrong redirect
NO_ANSWER = "no_answer"  # the request was sent; the connection closed without an answer, or none came in time
NOT_CONNECTED = "not_connected"  # the kernel did not accept the connection (listen backlog): no request sent


@dataclass(frozen=True)
class Operation:
    name: str
    path: str = ""
    logged_in: bool = False
    registration: bool = False


def mix(activity_page: str) -> list[Operation]:
    """Twelve operations, interleaved, repeated in this order."""
    directory = Operation("directory_anonymous", "/aktorer/")
    directory_in = Operation("directory_logged_in", "/aktorer/", logged_in=True)
    actor = Operation("actor_page", "/aktorer/parkinson-ekero/")
    month = Operation("calendar_month", "/aktiviteter/?view=month")
    activity = Operation("activity_page", activity_page)
    register = Operation("registration", registration=True)
    return [directory, actor, month, activity, directory_in, register,
            directory, actor, month, activity, directory_in, directory]


@dataclass
class Answer:
    status: int
    headers: dict[str, list[str]]
    body: str

    def header(self, name: str) -> str:
        return (self.headers.get(name.lower()) or [""])[0]

    def cookies(self) -> dict[str, str]:
        jar = SimpleCookie()
        for value in self.headers.get("set-cookie", []):
            jar.load(value)
        return {name: morsel.value for name, morsel in jar.items()}


class NotConnected(Exception):
    pass


class NoAnswer(Exception):
    pass


async def fetch(port: int, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> Answer:
    """One request on a connection of its own (sync workers close after each answer),
    stamped with X-Request-Start as the trusted proxy does (nginx `$msec`)."""
    stamp = f"t={time.time():.3f}"
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        raise NotConnected(type(error).__name__) from error
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}", "Connection: close",
             f"X-Request-Start: {stamp}", *(f"{k}: {v}" for k, v in headers.items())]
    if method == "POST":
        lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
    try:
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), ANSWER_TIMEOUT)
    except (OSError, TimeoutError) as error:
        raise NoAnswer(type(error).__name__) from error
    finally:
        writer.close()
    head, _, content = raw.partition(b"\r\n\r\n")
    head_lines = head.decode("latin-1").split("\r\n")
    parts = head_lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise NoAnswer("closed without an answer")
    found: dict[str, list[str]] = {}
    for line in head_lines[1:]:
        name, _, value = line.partition(":")
        found.setdefault(name.strip().lower(), []).append(value.strip())
    return Answer(int(parts[1]), found, content.decode("utf-8", "replace"))


@dataclass
class Record:
    operation: str
    outcome: str
    status: int  # the last answer's (0 when there was none)
    due: float  # seconds from the start of the run
    latency_ms: float  # from the moment it was due until the last answer
    requests: int = 0  # requests answered
    body_bytes: int = 0  # of the last answer
    key: str = ""  # a registration's marker, when it was answered with success
    retry_after: bool = True
    detail: str = ""


class Mix:
    """Runs operations of the mix against one server."""

    def __init__(self, port: int, operations: list[Operation], session_cookie: str, occasions: list[str], run: str):
        self.port, self.operations, self.session_cookie = port, operations, session_cookie
        self.occasions, self.run = occasions, run

    def _base(self, operation: Operation) -> dict[str, str]:
        return {"Cookie": self.session_cookie} if operation.logged_in else {}

    async def one(self, n: int, phase: str, due: float, t0: float) -> Record:
        operation = self.operations[n % len(self.operations)]
        record = Record(operation.name, OK, 0, due - t0, 0.0)
        try:
            if operation.registration:
                await self._register(n, phase, record)
            else:
                answer = await fetch(self.port, "GET", operation.path, self._base(operation))
                record.requests += 1
                record.body_bytes = len(answer.body)
                self._judge(record, answer, expected={200})
        except NotConnected as error:
            record.outcome, record.detail = NOT_CONNECTED, str(error)
        except NoAnswer as error:
            record.outcome, record.detail = NO_ANSWER, str(error)
        except Exception as error:  # noqa: BLE001 - an answer the load generator could not read counts, and says why
            record.outcome, record.detail = ERROR, repr(error)[:200]
        record.latency_ms = (time.monotonic() - due) * 1000
        return record

    def _judge(self, record: Record, answer: Answer, expected: set[int]) -> bool:
        record.status = answer.status
        if answer.status in expected:
            return True
        if answer.status in {429, 503}:
            record.retry_after = bool(answer.header("Retry-After"))
            record.outcome = REFUSED if record.retry_after else ERROR
        else:
            record.outcome = ERROR
        return False

    async def _register(self, n: int, phase: str, record: Record) -> None:
        path = self.occasions[n // len(self.operations) % len(self.occasions)]  # one registration per round of the mix
        form = await fetch(self.port, "GET", path, {})
        record.requests += 1
        if not self._judge(record, form, expected={200}):
            return
        csrf, token, cookies = _CSRF.search(form.body), _SUBMISSION.search(form.body), form.cookies()
        if not csrf or "csrftoken" not in cookies:
            record.outcome, record.detail = REFUSED, "no form (registration closed)"
            return
        email = f"paced-{self.run}-{phase}-{n}@example.org"
        fields = {"name": f"Deltagare {n} Testsson", "email": email, "phone": "",
                  "csrfmiddlewaretoken": csrf.group(1), "submission_token": token.group(1) if token else ""}
        answer = await fetch(self.port, "POST", path, {
            "Cookie": cookie_header({"csrftoken": cookies["csrftoken"]}),
            "Origin": f"http://{HOST}:{self.port}", "Referer": f"http://{HOST}:{self.port}{path}",
        }, urlencode(fields).encode())
        record.requests += 1
        if answer.status == 200:  # the form again, with the reason (the occasion has started, ...)
            record.status, record.outcome, record.detail = 200, REFUSED, "form shown again"
        elif self._judge(record, answer, expected={302, 303}):
            # the participant's page, or "check your e-mail" while the link in it confirms
            if "/anmalan/" in answer.header("Location") or answer.header("Location").endswith("/anmal/skickad/"):
                record.key = email
            else:
                record.outcome, record.detail = ERROR, f"redirect to {answer.header('Location')}"

    async def closed_loop(self, connections: int, seconds: float, phase: str) -> tuple[list[Record], float]:
        """`connections` clients, each sending the next operation when the last is answered."""
        records: list[Record] = []
        counter = iter(range(10**9))
        t0 = time.monotonic()
        deadline = t0 + seconds

        async def client() -> None:
            while time.monotonic() < deadline:
                records.append(await self.one(next(counter), phase, time.monotonic(), t0))

        await asyncio.gather(*(client() for _ in range(connections)))
        return records, time.monotonic() - t0

    async def paced(self, rate: float, seconds: float, phase: str, every=None) -> tuple[list[Record], float]:
        """Operation n is due at n / rate seconds, sent then whether or not earlier ones
        were answered (open loop). `every(elapsed)` is called about every
        MEMORY_SAMPLE_SECONDS."""
        records: list[Record] = []
        pending: set[asyncio.Task] = set()
        t0 = time.monotonic()
        total = int(rate * seconds)
        next_sample = MEMORY_SAMPLE_SECONDS
        for n in range(total):
            due = t0 + n / rate
            if (delay := due - time.monotonic()) > 0:
                await asyncio.sleep(delay)
            task = asyncio.create_task(self.one(n, phase, due, t0))
            pending.add(task)
            task.add_done_callback(lambda t: (pending.discard(t), records.append(t.result())))
            if every and due - t0 >= next_sample:
                every(due - t0)
                next_sample += MEMORY_SAMPLE_SECONDS
        sent = time.monotonic() - t0
        if pending:
            await asyncio.wait(pending, timeout=CONNECT_TIMEOUT + 2 * ANSWER_TIMEOUT + 10)
        return records, sent


# Figures -----------------------------------------------------------------------------

@dataclass
class Phase:
    name: str
    records: list[Record]
    seconds: float
    rate: float = 0.0  # the pace it was sent at (paced runs)
    server_cpu_ms: float | None = None  # gunicorn's CPU per served operation
    memory: list[dict] = field(default_factory=list)

    def of(self, outcome: str) -> list[Record]:
        return [r for r in self.records if r.outcome == outcome]

    @property
    def served(self) -> list[Record]:
        return self.of(OK)

    @property
    def span(self) -> float:
        """Seconds from the start until the last answer (a paced run's last operations
        are answered after the last is sent)."""
        return max([self.seconds, *(r.due + r.latency_ms / 1000 for r in self.records)])

    @property
    def served_rate(self) -> float:
        return len(self.served) / self.span if self.span else 0.0

    def percentile(self, q: float, records: list[Record] | None = None) -> float:
        return _percentile(sorted(r.latency_ms for r in (self.served if records is None else records)), q)

    def statuses(self) -> dict[str, int]:
        codes: dict[str, int] = {}
        for record in self.records:
            codes[str(record.status)] = codes.get(str(record.status), 0) + 1
        return dict(sorted(codes.items()))

    def per_operation(self) -> dict[str, dict]:
        figures = {}
        for name in sorted({r.operation for r in self.records}):
            served = [r for r in self.served if r.operation == name]
            figures[name] = {"served": len(served), "p95_ms": round(self.percentile(95, served), 1),
                             "kib": round(sum(r.body_bytes for r in served) / max(1, len(served)) / 1024, 1)}
        return figures

    def accepted_keys(self) -> list[str]:
        return [r.key for r in self.records if r.key]


def memory_mib(sample: dict) -> float:
    return round(sample["rss"] / 2**20, 1)


def memory_ends(samples: list[dict], seconds: float) -> tuple[dict, dict]:
    """The start (the median of the first quarter of the readings after the warm-up) and
    the end (the median of the last quarter); `pids` of the first and the last reading."""
    warm_up = min(60.0, max(5.0, seconds * SOAK_WARM_UP_SHARE))
    after = [s for s in samples if s["at_s"] >= warm_up] or samples[-1:]
    quarter = max(1, len(after) // 4)

    def median(part: list[dict], pids: list[int]) -> dict:
        middle = len(part) // 2
        found = {name: sorted(s[name] for s in part)[middle] for name in ("rss", "pss", "redis_used", "redis_keys")
                 if all(name in s for s in part)}
        return {**found, "processes": part[-1]["processes"], "pids": pids,
                "between_s": [part[0]["at_s"], part[-1]["at_s"]]}

    return median(after[:quarter], after[0]["pids"]), median(after[-quarter:], after[-1]["pids"])


def run_paced(args, db: BenchDatabase, env: dict[str, str], activity_page: str, emit, load_average) -> bool:
    """Start gunicorn (one trusted proxy: the load generator stamps X-Request-Start), measure
    the mix's capacity, then the soak and/or the overload; count the registrations; emit."""
    env = {**env, "TRUSTED_PROXY_COUNT": "1"}
    run = str(int(time.time()))
    server = Gunicorn(env, db.tmp / "gunicorn-paced.log", args.workers, args.worker_class, args.threads)
    with server:
        cookies = log_in(server.port, "forening@samverka.example", "samverka-demo")
        session = cookie_header({k: v for k, v in cookies.items() if k in {"sessionid", "csrftoken"}})
        page = request(server.port, "GET", activity_page)
        occasions = list(dict.fromkeys(_REGISTER_LINK.findall(page.body)))
        if page.status != 200 or not occasions:
            raise SystemExit(f"{activity_page} shows no occasion to register for (HTTP {page.status})")
        runner = Mix(server.port, mix(activity_page), session, occasions, run)
        common = {"database": db.kind, "server": server.describe().split(", on ")[0], "cache": cache_name(env),
                  "load": "python (asyncio)"}
        log(f"paced: {len(occasions)} occasions of {activity_page} to register for; warm-up {args.capacity_seconds:g} s, "
            f"capacity {args.capacity_seconds:g} s with {args.connections} connections")
        asyncio.run(runner.closed_loop(args.connections, args.capacity_seconds, "warm"))
        cpu_before = server.cpu_seconds()
        records, seconds = asyncio.run(runner.closed_loop(args.connections, args.capacity_seconds, "capacity"))
        cpu_after = server.cpu_seconds()
        capacity = Phase("capacity", records, seconds)
        if not capacity.served_rate:
            raise SystemExit(f"the mix was never served: {capacity.statuses()}")
        capacity.server_cpu_ms = cpu_ms = _per_served(capacity, cpu_before, cpu_after)
        log(f"paced: capacity {capacity.served_rate:.1f} operations/s, p95 {capacity.percentile(95):.0f} ms, "
            f"{len(capacity.of(ERROR))} errors, load average {load_average()}")
        emit({"name": "mix_capacity", "value": round(capacity.served_rate, 1), "unit": "operations/s",
              "requests_per_s": round(sum(r.requests for r in capacity.served) / seconds, 1),
              "connections": args.connections, "seconds": round(seconds, 1), "p95_ms": round(capacity.percentile(95), 1),
              "errors": len(capacity.of(ERROR)) + len(capacity.of(NO_ANSWER)), "statuses": capacity.statuses(),
              "server_cpu_ms_per_operation": round(cpu_ms, 2) if cpu_ms else None,
              "mix": [op.name for op in runner.operations], **common,
              "load_average": load_average()})
        phases = [capacity]
        ok = True
        if args.soak:
            cpu_before = server.cpu_seconds()
            soak = _soak(runner, server, capacity.served_rate * SOAK_SHARE, args.soak_seconds, env.get("REDIS_URL"))
            soak.server_cpu_ms = _per_served(soak, cpu_before, server.cpu_seconds())
            phases.append(soak)
        if args.overload:
            cpu_before = server.cpu_seconds()
            overload = _overload(runner, capacity.served_rate * OVERLOAD_FACTOR, args.overload_seconds)
            overload.server_cpu_ms = _per_served(overload, cpu_before, server.cpu_seconds())
            phases.append(overload)
        server_log = server.log_tail(10_000_000)
    counts = {}
    for phase in phases[1:]:  # the soak's and the overload's
        (db.tmp / f"registrations-{phase.name}.txt").write_text("\n".join(phase.accepted_keys()))
        counts[phase.name] = db_query(env, "count", "registration", str(db.tmp / f"registrations-{phase.name}.txt"),
                                      f"paced-{run}-{phase.name}-")
    locked = server_log.count("database is locked")
    tracebacks = server_log.count("Traceback")
    if args.soak:
        ok &= report_soak(emit, load_average, common, capacity, soak, counts["soak"], locked, tracebacks)
    if args.overload:
        ok &= report_overload(emit, load_average, common, capacity, overload, counts["overload"], locked, tracebacks)
    return ok


def _per_served(phase: Phase, cpu_before: float | None, cpu_after: float | None) -> float | None:
    """gunicorn's CPU milliseconds per served operation (shed requests included in the CPU):
    what the mix costs, steadier than the rates when other programs share the machine."""
    if cpu_before is None or cpu_after is None or not phase.served:
        return None
    return round((cpu_after - cpu_before) * 1000 / len(phase.served), 2)


def _soak(runner: Mix, server: Gunicorn, rate: float, seconds: float, redis_url: str | None) -> Phase:
    def reading() -> dict:
        """The servers' memory, and with the shared cache what Redis holds (read apart:
        with --redis the cached pages live there, not in the workers)."""
        return {**server.memory(), **(redis_memory(redis_url) if redis_url else {})}

    start = reading()
    phase = Phase("soak", [], 0.0, rate=rate, memory=[{"at_s": 0, **start}])
    log(f"soak: {rate:.1f} operations/s for {seconds:g} s; servers' memory {memory_mib(start)} MiB, "
        f"cache {'Redis' if redis_url else 'per process (LocMem)'}")

    def sample(elapsed: float) -> None:
        phase.memory.append({"at_s": round(elapsed), **reading()})

    phase.records, phase.seconds = asyncio.run(runner.paced(rate, seconds, "soak", every=sample))
    phase.memory.append({"at_s": round(phase.seconds), **reading()})
    start, end = memory_ends(phase.memory, phase.seconds)
    log(f"soak: served {len(phase.served)} of {len(phase.records)} operations, p95 {phase.percentile(95):.0f} ms; "
        f"memory {memory_mib(start)} → {memory_mib(end)} MiB (medians after the warm-up)")
    return phase


def _overload(runner: Mix, rate: float, seconds: float) -> Phase:
    log(f"overload: {rate:.1f} operations/s for {seconds:g} s")
    records, sent = asyncio.run(runner.paced(rate, seconds, "overload"))
    phase = Phase("overload", records, sent, rate=rate)
    log(f"overload: served {len(phase.served)}, refused {len(phase.of(REFUSED))}, errors {len(phase.of(ERROR))}, "
        f"no answer {len(phase.of(NO_ANSWER))}, not connected {len(phase.of(NOT_CONNECTED))}")
    return phase


def _sent_rate(phase: Phase) -> float:
    return len(phase.records) / phase.seconds if phase.seconds else 0.0


def report_soak(emit, load_average, common, capacity: Phase, soak: Phase, rows: dict, locked: int,
                tracebacks: int) -> bool:
    common = {**common, "seconds": round(soak.seconds, 1), "load_average": load_average()}
    errors = soak.of(ERROR) + soak.of(NO_ANSWER) + soak.of(NOT_CONNECTED)
    start, end = memory_ends(soak.memory, soak.seconds)
    growth = (end["rss"] - start["rss"]) * 100 / start["rss"] if start["rss"] else 0.0
    p95, p99 = soak.percentile(95), soak.percentile(99)
    emit({"name": "soak_requests", "value": sum(r.requests for r in soak.records), "unit": "requests",
          "operations": len(soak.records), "served": len(soak.served), "refused": len(soak.of(REFUSED)),
          "per_operation": soak.per_operation(), **common})
    emit({"name": "soak_rate", "value": round(soak.served_rate, 1), "unit": "operations/s",
          "ratio": round(soak.served_rate / capacity.served_rate, 3), "paced_at": round(soak.rate, 1),
          "sent_per_s": round(_sent_rate(soak), 1), "last_answer_at_s": round(soak.span, 1),
          "server_cpu_ms_per_operation": soak.server_cpu_ms,
          "capacity_server_cpu_ms_per_operation": capacity.server_cpu_ms,
          "capacity": round(capacity.served_rate, 1), **common})
    emit({"name": "soak_errors", "value": len(errors), "unit": "operations", "of": len(soak.records),
          "error": len(soak.of(ERROR)), "no_answer": len(soak.of(NO_ANSWER)),
          "not_connected": len(soak.of(NOT_CONNECTED)), "refused": len(soak.of(REFUSED)),
          "statuses": soak.statuses(), "database_locked": locked, "tracebacks": tracebacks,
          "examples": sorted({f"{r.operation} {r.status} {r.detail}".strip() for r in errors})[:10], **common})
    for q, value in (("p50", soak.percentile(50)), ("p95", p95), ("p99", p99)):
        emit({"name": f"soak_{q}", "value": round(value, 1), "unit": "ms",
              "what": "an operation from the moment it was due until answered (a registration: form and post)",
              **common})
    emit({"name": "soak_memory_start", "value": memory_mib(start), "unit": "MiB",
          "what": "RSS of gunicorn's master and workers after the warm-up (the median of the readings between)",
          "between_s": start["between_s"], "pss_mib": round(start["pss"] / 2**20, 1),
          "processes": start["processes"], **common})
    emit({"name": "soak_memory_end", "value": memory_mib(end), "unit": "MiB", "between_s": end["between_s"],
          "pss_mib": round(end["pss"] / 2**20, 1),
          "processes": end["processes"], "samples_mib": [[s["at_s"], memory_mib(s)] for s in soak.memory], **common})
    emit({"name": "soak_memory_growth", "value": round(growth, 2), "unit": "%",
          "target": {"below_percent": TARGET_MEMORY_GROWTH_PERCENT}, "pass": growth < TARGET_MEMORY_GROWTH_PERCENT,
          "workers_replaced": start["pids"] != end["pids"], "cached_pages_in": CACHED_PAGES_IN[common["cache"]],
          **common})
    if "redis_used" in start and "redis_used" in end:
        emit({"name": "soak_redis_memory", "value": round(end["redis_used"] / 2**20, 1), "unit": "MiB",
              "what": "the Redis server's used_memory at the end (median of the last quarter), apart from the "
                      "workers' figure: the shared cache holds the pages",
              "start_mib": round(start["redis_used"] / 2**20, 1), "keys": [start["redis_keys"], end["redis_keys"]],
              "samples_mib": [[s["at_s"], round(s["redis_used"] / 2**20, 1)] for s in soak.memory if "redis_used" in s],
              **common})
    emit({"name": "soak_registrations", "value": rows["answered_success"], "unit": "registrations",
          **{k: v for k, v in rows.items() if k != "answered_success"}, **common})
    checks = {
        "no_errors": not errors and locked == 0,
        "memory_growth_below_10_percent": growth < TARGET_MEMORY_GROWTH_PERCENT,
        "p95_below_150_ms": p95 < TARGET_P95_MS,
        "kept_the_pace": _sent_rate(soak) >= 0.95 * soak.rate,
        "nothing_lost_or_duplicated": rows["lost"] == 0 and rows["duplicated"] == 0,
        "workers_kept": start["pids"] == end["pids"],
    }
    if common["cache"] != "redis":
        log("soak: each worker kept its own page cache, which fills during the soak (bench/README.md, \"Where the "
            "soak's memory goes\"); production with more than one process runs Redis: --redis measures that")
    return _summary(emit, "soak", checks, {
        "cache": common["cache"], "served": len(soak.served), "errors": len(errors), "p95_ms": round(p95, 1),
        "p99_ms": round(p99, 1), "memory_mib": [memory_mib(start), memory_mib(end)],
        "memory_growth_percent": round(growth, 2)}, common)


def report_overload(emit, load_average, common, capacity: Phase, overload: Phase, rows: dict, locked: int,
                    tracebacks: int) -> bool:
    common = {**common, "seconds": round(overload.seconds, 1), "load_average": load_average()}
    refused = overload.of(REFUSED)
    shed = [r for r in refused if r.status in {429, 503}]
    errors = overload.of(ERROR)
    no_answer = overload.of(NO_ANSWER)
    not_connected = overload.of(NOT_CONNECTED)
    server_errors = [r for r in errors if r.status >= 500]
    emit({"name": "overload_served", "value": round(overload.served_rate, 1), "unit": "operations/s",
          "ratio": round(overload.served_rate / capacity.served_rate, 3), "capacity": round(capacity.served_rate, 1),
          "paced_at": round(overload.rate, 1), "sent_per_s": round(_sent_rate(overload), 1),
          "served": len(overload.served), "of": len(overload.records), "last_answer_at_s": round(overload.span, 1),
          "server_cpu_ms_per_operation": overload.server_cpu_ms,
          "capacity_server_cpu_ms_per_operation": capacity.server_cpu_ms,
          "per_operation": overload.per_operation(),
          **common})
    emit({"name": "overload_refused", "value": len(refused), "unit": "operations",
          "shed_429_503": len(shed), "declined_by_form": len(refused) - len(shed),
          "p95_ms_of_shed": round(overload.percentile(95, shed), 1), **common})
    emit({"name": "overload_errors", "value": len(errors) + len(no_answer), "unit": "operations",
          "server_errors_5xx": len(server_errors), "without_retry_after": sum(not r.retry_after for r in errors),
          "other_answers": len(errors) - len(server_errors), "no_answer": len(no_answer),
          "statuses": overload.statuses(), "database_locked": locked, "tracebacks": tracebacks,
          "examples": sorted({f"{r.operation} {r.status} {r.detail}".strip() for r in errors + no_answer})[:10],
          **common})
    emit({"name": "overload_not_connected", "value": len(not_connected), "unit": "operations",
          "what": "connections the kernel did not accept (listen backlog full): no request was sent, so none is "
                  "owed an answer; a reverse proxy answers these itself",
          "examples": sorted({r.detail for r in not_connected})[:5], **common})
    for q in ("p50", "p99"):
        emit({"name": f"overload_{q}", "value": round(overload.percentile(int(q[1:])), 1), "unit": "ms",
              "what": "a served operation, from the moment it was due", **common})
    emit({"name": "overload_registrations", "value": rows["answered_success"], "unit": "registrations",
          **{k: v for k, v in rows.items() if k != "answered_success"}, **common})
    checks = {
        "no_server_errors": not server_errors and tracebacks == 0,
        "only_expected_answers": not errors,
        "refusals_say_retry_after": all(r.retry_after for r in shed),
        "every_request_answered": not no_answer,
        "nothing_lost": rows["lost"] == 0,
        "nothing_duplicated": rows["duplicated"] == 0,
    }
    return _summary(emit, "overload", checks, {
        "served_per_s": round(overload.served_rate, 1), "shed": len(shed), "errors": len(errors),
        "no_answer": len(no_answer), "not_connected": len(not_connected)}, common)


def _summary(emit, name: str, checks: dict[str, bool], figures: dict, common: dict) -> bool:
    passed = all(checks.values())
    emit({"name": f"{name}_summary", "value": sum(checks.values()), "unit": "checks passing", "of": len(checks),
          "checks": checks, "pass": passed, **figures, **common})
    log(f"{'PASS' if passed else 'MISS'} {name}: " + ", ".join(f"{k} {v}" for k, v in figures.items())
        + "".join(f"; MISS {k}" for k, ok in checks.items() if not ok))
    return passed
