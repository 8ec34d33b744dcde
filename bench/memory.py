"""Where a worker's memory goes under the soak's mix, in one process and without timing.

    PYTHONPATH=. .venv/bin/python -m bench.memory                      # fills a database first (minutes)
    PYTHONPATH=. .venv/bin/python -m bench.memory --keep /tmp/mem      # fill once, keep it there, reuse it
    PYTHONPATH=. .venv/bin/python -m bench.memory --keep /tmp/mem --requests 6000 --every 1000
    PYTHONPATH=. .venv/bin/python -m bench.memory --keep /tmp/mem --rate 9.4   # one worker's share of the soak
    PYTHONPATH=. .venv/bin/python -m bench.memory --keep /tmp/mem --redis      # the cache in Redis, as in production

The process is set up as one of the soak's gunicorn workers (the production environment of
`bench/server.py`, one trusted proxy) and sends the soak's mix (`bench/soak.py`: the
directory anonymous and logged in, the actor page, the calendar's month, an activity page
and a registration: the form as a new visitor, then the post) straight to Django's WSGI
handler, one request after the other, each closed as gunicorn closes it (so the request's
signals run and the database connection is handled as in the server).

After a warm-up (`--warm-up` operations: templates compiled, first pages cached) it takes a
`tracemalloc` snapshot, then another every `--every` operations, and prints:

* per snapshot: the resident memory (VmRSS), what tracemalloc sees allocated, the
  per-process cache (LocMem: entries and the bytes of their pickled values; none with
  `--redis`), the Python objects gc tracks, and the database rows a registration writes;
* at the end: the allocation sites (grouped by traceback) that grew most since the warm-up,
  each with its growth per interval, and whether it **levels off** (the last interval added
  less than a fifth of the average interval: a bounded cache filling, warm-up) or **keeps
  growing** (a leak, or a cache whose bound is far away); and the object types gc counts
  that grew most.

Time is real: pages keyed by the minute (an activity page) or by a stamp that expires
(the per-process cache keeps a version stamp STAMP_SECONDS) get new keys as the clock goes,
as in the server. Unpaced, one process sends the mix several times faster than one of the
soak's four workers receives it, so per operation fewer keys expire; `--rate` paces the
operations (one worker's share of the soak is the soak's pace divided by the workers:
37.5 / 4 = 9.4 operations/s on the quiet machine). `--no-trace` leaves tracemalloc out
(it slows every allocation and its own bookkeeping takes memory) to read the RSS alone.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import io
import json
import os
import re
import sys
import time
import tracemalloc
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from bench.database import log
from bench.server import prepare_database, production_env
from bench.soak import _CSRF, _REGISTER_LINK, _SUBMISSION, mix

HOST = "127.0.0.1:8000"
DEMO_LOGIN = ("forening@samverka.example", "samverka-demo")
REDIS_DB = "redis://127.0.0.1:6379/12"  # the bench's own database in the local Redis: emptied before and after
LEVELS_OFF = 0.2  # the last interval grew less than this share of the average interval


# --------------------------------------------------------------------------- the process

def database_env(args) -> dict[str, str]:
    """The bench database: prepared in `--keep` (once) or in a temporary folder."""
    folder = Path(args.keep) if args.keep else Path(__import__("tempfile").mkdtemp(prefix="samverka-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {"SAMVERKA_VAR_DIR": str(folder / "var"), "MEDIA_ROOT": str(folder / "media"),
           "SQLITE_PATH": str(folder / "bench.sqlite3")}
    found = folder / "prepared.json"
    if not found.exists():
        log(f"memory: filling a bench database in {folder} ({args.actors} actors, {args.activities} activities)")
        prepared = prepare_database(production_env(env), args.actors, args.activities)
        found.write_text(json.dumps(prepared))
    env["ACTIVITY_PAGE"] = json.loads(found.read_text()).get("activity_page") or ""
    return env


def set_up(args) -> str:
    """The environment of one of the soak's workers, then Django; returns the activity page."""
    env = database_env(args)
    activity_page = env.pop("ACTIVITY_PAGE")
    if not activity_page:
        raise SystemExit("the bench database has no activity to register for (--activities above 0)")
    os.environ.clear()
    os.environ.update({**production_env(env), "TRUSTED_PROXY_COUNT": "1",
                       "DJANGO_SETTINGS_MODULE": "samverka.settings"})
    if args.redis:
        os.environ["REDIS_URL"] = REDIS_DB
        empty_redis()
    import django

    django.setup()
    return activity_page


def empty_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_DB, socket_connect_timeout=2).flushdb()


# --------------------------------------------------------------------------- requests

class Answer:
    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes):
        self.status, self.headers, self.body = status, headers, body.decode("utf-8", "replace")

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k.lower() == name.lower()), "")

    def cookies(self) -> dict[str, str]:
        jar = SimpleCookie()
        for k, v in self.headers:
            if k.lower() == "set-cookie":
                jar.load(v)
        return {name: morsel.value for name, morsel in jar.items()}


class Driver:
    """Requests to Django's WSGI handler as gunicorn makes them (the body read whole,
    then `close()`, which sends request_finished)."""

    def __init__(self):
        from django.core.wsgi import get_wsgi_application

        self.app = get_wsgi_application()
        self.requests = 0

    def __call__(self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b"") -> Answer:
        path_info, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": method, "PATH_INFO": path_info.encode().decode("latin-1"), "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": HOST, "HTTP_CONNECTION": "close",
            "HTTP_X_REQUEST_START": f"t={time.time():.3f}",
            "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
        }
        if body:
            environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
            environ["CONTENT_LENGTH"] = str(len(body))
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        started: dict = {}

        def start_response(status, response_headers, exc_info=None):
            started["status"], started["headers"] = int(status.split(" ", 1)[0]), response_headers

        result = self.app(environ, start_response)
        try:
            content = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        self.requests += 1
        return Answer(started["status"], started["headers"], content)


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def log_in(send: Driver) -> str:
    form = send("GET", "/konto/login/")
    cookies = form.cookies()
    csrf = _CSRF.search(form.body)
    if form.status != 200 or not csrf:
        raise SystemExit(f"the login form answered {form.status}")
    answer = send("POST", "/konto/login/", {
        "Cookie": cookie_header(cookies), "Origin": f"http://{HOST}", "Referer": f"http://{HOST}/konto/login/"},
        urlencode({"login": DEMO_LOGIN[0], "password": DEMO_LOGIN[1], "csrfmiddlewaretoken": csrf.group(1)}).encode())
    cookies.update(answer.cookies())
    if answer.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"logging in failed (HTTP {answer.status})")
    return cookie_header({k: v for k, v in cookies.items() if k in {"sessionid", "csrftoken"}})


class Mix:
    """The soak's mix, operation n after operation n - 1."""

    def __init__(self, send: Driver, activity_page: str, run: str):
        self.send, self.operations, self.run = send, mix(activity_page), run
        self.session = log_in(send)
        page = send("GET", activity_page)
        self.occasions = list(dict.fromkeys(_REGISTER_LINK.findall(page.body)))
        if page.status != 200 or not self.occasions:
            raise SystemExit(f"{activity_page} shows no occasion to register for (HTTP {page.status})")
        self.outcomes: Counter[str] = Counter()

    def one(self, n: int) -> None:
        operation = self.operations[n % len(self.operations)]
        if operation.registration:
            outcome = self._register(n)
        else:
            answer = self.send("GET", operation.path, {"Cookie": self.session} if operation.logged_in else {})
            outcome = "ok" if answer.status == 200 else f"{operation.name} {answer.status}"
        self.outcomes[outcome] += 1

    def _register(self, n: int) -> str:
        path = self.occasions[n // len(self.operations) % len(self.occasions)]
        form = self.send("GET", path)
        csrf, token, cookies = _CSRF.search(form.body), _SUBMISSION.search(form.body), form.cookies()
        if form.status != 200 or not csrf or "csrftoken" not in cookies:
            return f"registration form {form.status}"
        fields = {"name": f"Deltagare {n} Testsson", "email": f"paced-{self.run}-memory-{n}@example.org",
                  "phone": "", "csrfmiddlewaretoken": csrf.group(1), "submission_token": token.group(1) if token else ""}
        answer = self.send("POST", path, {
            "Cookie": cookie_header({"csrftoken": cookies["csrftoken"]}),
            "Origin": f"http://{HOST}", "Referer": f"http://{HOST}{path}"}, urlencode(fields).encode())
        if answer.status == 200:
            return "registration refused (form shown again)"
        return "ok" if answer.status in {302, 303} else f"registration post {answer.status}"


# --------------------------------------------------------------------------- readings

def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def malloc_trim() -> bool:
    """Give freed heap pages back to the system (glibc); False where there is no glibc."""
    try:
        return bool(ctypes.CDLL("libc.so.6").malloc_trim(0))
    except (OSError, AttributeError):
        return False


def local_cache() -> dict:
    """The per-process cache's entries and the bytes of their pickled values, by kind of
    key (`page:`, `version:`, other)."""
    from django.conf import settings
    from django.core.cache.backends import locmem

    if "locmem" not in settings.CACHES["default"]["BACKEND"].lower():
        return {"entries": 0, "mib": 0.0, "kinds": {}}
    entries = sum(len(c) for c in locmem._caches.values())
    size = sum(len(v) for c in locmem._caches.values() for v in list(c.values()))
    expired = sum(1 for info in locmem._expire_info.values() for e in list(info.values())
                  if e is not None and e <= time.time())
    kinds: Counter[str] = Counter()
    for c in locmem._caches.values():
        for key in list(c):
            kinds[re.sub(r"^:\d+:", "", key).split(":", 1)[0]] += 1
    return {"entries": entries, "expired": expired, "mib": round(size / 2**20, 1), "kinds": dict(kinds)}


def object_types() -> Counter[str]:
    return Counter(type(o).__qualname__ for o in gc.get_objects())


def rows() -> dict[str, int]:
    from samverka.activities.models import Registration
    from samverka.core.models import Submission

    return {"registrations": Registration.objects.count(), "submissions": Submission.objects.count()}


INTERESTING = ("samverka", "django", "bench", "allauth", "rules", "django_")


def where(traceback: tracemalloc.Traceback, frames: int) -> str:
    """The allocation's innermost frames, and the innermost frame of the project if it is
    deeper, for a line of output."""
    lines = [f"{Path(f.filename).as_posix().split('site-packages/')[-1].split('/work/wt/')[-1]}:{f.lineno}"
             for f in traceback]  # most recent call last
    inner = lines[-frames:]
    project = next((line for line in reversed(lines[:-frames]) if "samverka/" in line or "bench/" in line), None)
    return " < ".join(reversed(inner)) + (f"  [from {project}]" if project else "")


def verdict(series: list[int]) -> str:
    """"levels off" when the last interval added less than LEVELS_OFF of the average
    interval (a bounded cache that is full, a warm-up done), else "keeps growing"."""
    intervals = [b - a for a, b in zip(series, series[1:], strict=False)]
    if not intervals:
        return "keeps growing"
    average = (series[-1] - series[0]) / len(intervals)
    return "levels off" if intervals[-1] < LEVELS_OFF * average or average <= 0 else "keeps growing"


def report(snapshots: list[tuple[int, tracemalloc.Snapshot]], top: int, frames: int) -> None:
    """The sites that grew most between the first snapshot and the last, with their sizes
    at every snapshot, levelling off or growing."""
    first, last = snapshots[0][1], snapshots[-1][1]
    growth = [s for s in last.compare_to(first, "traceback") if s.size_diff > 0][:top]
    print(f"\nTop {len(growth)} allocation sites by growth since operation {snapshots[0][0]} "
          f"(KiB at each snapshot: {', '.join(str(n) for n, _ in snapshots)})", flush=True)
    series_of: dict[tracemalloc.Traceback, list[int]] = {}
    for _, snapshot in snapshots:
        sizes = {stat.traceback: stat.size for stat in snapshot.statistics("traceback")}
        for stat in growth:
            series_of.setdefault(stat.traceback, []).append(sizes.get(stat.traceback, 0))
    for stat in growth:
        series = series_of[stat.traceback]
        print(f"+{stat.size_diff / 1024:9.1f} KiB {stat.count_diff:+7d} blocks  {verdict:13s} "
              f"[{' '.join(f'{s // 1024}' for s in series)}]\n    {where(stat.traceback, frames)}")


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", default="", help="folder for the bench database: filled once, reused afterwards")
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--activities", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=6000, help="operations of the mix after the warm-up (6000)")
    parser.add_argument("--warm-up", type=int, default=600, help="operations before the first snapshot (600)")
    parser.add_argument("--every", type=int, default=1000, help="operations between snapshots (1000)")
    parser.add_argument("--rate", type=float, default=0.0, help="operations per second (0: as fast as it goes)")
    parser.add_argument("--redis", action="store_true", help=f"the cache in Redis ({REDIS_DB}, emptied), as production")
    parser.add_argument("--frames", type=int, default=12, help="tracemalloc's frames per allocation (12)")
    parser.add_argument("--top", type=int, default=15, help="allocation sites to print (15)")
    parser.add_argument("--no-trace", action="store_true", help="no tracemalloc: the RSS alone")
    args = parser.parse_args(argv)

    activity_page = set_up(args)
    send = Driver()
    runner = Mix(send, activity_page, str(int(time.time())))
    log(f"memory: {activity_page}, {len(runner.occasions)} occasions; cache "
        f"{'Redis' if args.redis else 'per process (LocMem)'}; warm-up {args.warm_up} operations")
    t0 = time.monotonic()
    for n in range(args.warm_up):
        runner.one(n)
    gc.collect()
    if not args.no_trace:
        tracemalloc.start(args.frames)
    snapshots: list[tuple[int, tracemalloc.Snapshot]] = []
    types_before = object_types()
    print(f"{'operation':>9} {'seconds':>7} {'RSS MiB':>8} {'traced MiB':>10} {'cache':>24} {'gc objects':>10}  rows",
          flush=True)

    def reading(n: int) -> None:
        gc.collect()
        traced = tracemalloc.get_traced_memory()[0] / 2**20 if tracemalloc.is_tracing() else 0.0
        cache = local_cache()
        print(f"{n:9d} {time.monotonic() - t0:7.0f} {rss_bytes() / 2**20:8.1f} {traced:10.1f} "
              f"{cache['entries']:6d} entries {cache['mib']:7.1f} MiB {len(gc.get_objects()):10d}  "
              f"{rows()} {cache['kinds']}", flush=True)
        if tracemalloc.is_tracing():
            snapshot = tracemalloc.take_snapshot().filter_traces([
                tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
                tracemalloc.Filter(False, "<unknown>")])
            snapshots.append((n, snapshot))

    reading(args.warm_up)
    paced_from = time.monotonic()
    for i in range(args.requests):
        if args.rate and (delay := paced_from + i / args.rate - time.monotonic()) > 0:
            time.sleep(delay)
        n = args.warm_up + i
        runner.one(n)
        if (i + 1) % args.every == 0 or i + 1 == args.requests:
            reading(n + 1)
    print(f"\noutcomes: {dict(runner.outcomes)}; {send.requests} requests in {time.monotonic() - t0:.0f} s")
    if len(snapshots) > 1:
        report(snapshots, args.top, 3)
    grown = object_types() - types_before
    print("\nObject types gc tracks that grew most:", ", ".join(f"{k} +{v}" for k, v in grown.most_common(12)))
    before = rss_bytes()
    tracemalloc.stop()
    gc.collect()
    trimmed = malloc_trim()
    print(f"RSS {before / 2**20:.1f} MiB; after gc and malloc_trim {rss_bytes() / 2**20:.1f} MiB"
          f"{'' if trimmed else ' (nothing given back)'}")
    if args.redis:
        empty_redis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
