"""`python -m bench`: set up, serve, measure, report, clean up."""

from __future__ import annotations

import argparse
import json
import os
import signal
import time
from dataclasses import dataclass, replace

from bench import matching
from bench.client import cookie_header, log_in, request, result_count
from bench.database import DEFAULT_POSTGRES_URL, BenchDatabase, log
from bench.load import LoadGenerator, Result
from bench.server import Gunicorn, bench_redis_url, cache_name, empty_redis, prepare_database, production_env
from bench.soak import run_paced
from bench.surge import measure_surge

# The targets (issue 10): anonymous public pages (served from the page cache) at least 0.3
# of the floor's rate; logged-in pages (built for the visitor) at least 0.08; every page
# with p95 under 150 ms, at 5 000 actors and 20 000 activities.
TARGET_P95_MS = 150.0
TARGET_RATIO_ANONYMOUS = 0.3
TARGET_RATIO_LOGGED_IN = 0.08


def target_ratio(target: Target) -> float:
    if target.ratio is not None:
        return target.ratio
    return TARGET_RATIO_LOGGED_IN if target.logged_in else TARGET_RATIO_ANONYMOUS


def meets_target(target: Target, result: Result, ratio: float) -> bool:
    return (result.requests > 0 and result.p95_ms < target_p95(target) and ratio >= target_ratio(target)
            and result.errors == 0)


def target_p95(target: Target) -> float:
    return target.p95_ms if target.p95_ms is not None else TARGET_P95_MS
WARM_UP_SECONDS = 2
DEMO_LOGIN = ("forening@samverka.example", "samverka-demo")  # owner of Parkinson Ekerö (load_demo)
FILTERED = "/aktorer/?q=forening&area=omsorg&district=ekero-centrum"
ACTOR_PAGE = "/aktorer/parkinson-ekero/"
# The calendar (samverka/activities): parameter names from samverka/activities/filters.py.
CALENDAR_MONTH = "/aktiviteter/?view=month"
CALENDAR_FILTERED = "/aktiviteter/?view=list&area=kultur&free=1"
FEED = "/aktiviteter/kalender.ics"
OCCURRENCE = 'class="occurrence'  # one occasion in the calendar (activities/_occurrence.html)


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    logged_in: bool = False
    directory: bool = False
    expect: str = ""  # text the page must contain (it shows results)
    activities: bool = False  # only measured when activities were added
    ratio: float | None = None  # the floor ratio to reach; None: the anonymous or logged-in one
    p95_ms: float | None = None  # the p95 to stay under; None: TARGET_P95_MS


TARGETS = [
    Target("floor", "/_floor"),
    Target("directory_anonymous", "/aktorer/", directory=True),
    Target("directory_filtered_anonymous", FILTERED, directory=True),
    Target("directory_logged_in", "/aktorer/", logged_in=True, directory=True),
    Target("directory_filtered_logged_in", FILTERED, logged_in=True, directory=True),
    Target("actor_page", ACTOR_PAGE),
    Target("actor_page_logged_in", ACTOR_PAGE, logged_in=True),
    Target("calendar_month", CALENDAR_MONTH, expect='class="month__items"', activities=True),
    Target("calendar_filtered", CALENDAR_FILTERED, expect=OCCURRENCE, activities=True),
    Target("activity_page", "", expect="<h1", activities=True),  # path: an invented activity, found after the fill
    Target("ical_feed", FEED, expect="BEGIN:VEVENT", activities=True),
    # The coordinator's review page of a programme of 2 000 participants (bench/matching_review.py;
    # issue 12): p95 under 150 ms, as every issue page after issue 10 (no floor ratio). Path: found
    # after the fill.
    Target("matching_review", "", logged_in=True, expect='class="card__title"', ratio=0.0),
    # The standing groups (bench/standing.py; issue 20): a network of 2 000 members, 200 meetings
    # and 5 000 follow-up points, seen by its chair; the target is p95 under 150 ms.
    Target("group_page", "", logged_in=True, expect="<h1", ratio=0.0),
    Target("meeting_page", "", logged_in=True, expect="<h1", ratio=0.0),
    Target("points_list", "", logged_in=True, expect="<h1", ratio=0.0),
    # The grants' public decisions with 2 000 decided applications (issue 13).
    Target("grant_decisions", "", expect="<h1", ratio=0.0),
    Target("grant_decisions_logged_in", "", logged_in=True, expect="<h1", ratio=0.0),
    # The dialogue (issue 14): a process page with 2 000 proposals and comments, a survey's
    # results with 10 000 answers; logged in, so the page cache does not answer.
    Target("dialogue_process", "", logged_in=True, expect="<h1", ratio=0.0),
    Target("survey_results", "", logged_in=True, expect="<svg", ratio=0.0),
    # The idea lab's board with 2 000 ideas, seen by a coach; the public list of 500 partnerships,
    # logged in so the page cache does not answer (issue 15).
    Target("ideas_board", "", logged_in=True, expect="<h1", ratio=0.0),
    Target("partnership_list", "", logged_in=True, expect="<h1", ratio=0.0),
    # The cooperation body's overview over a year of a city's data (bench/overview.py: 50 000
    # volunteers, 5 000 grants, 10 000 feedback items), seen by the bench's visitor, who sits in the
    # cooperation body; and a public Agenda 2030 goal page, logged in so the page cache does not
    # answer (issue 16: p95 under 300 ms).
    Target("overview", "", logged_in=True, expect="<h1", ratio=0.0, p95_ms=300.0),
    Target("sdg_goal", "", logged_in=True, expect="<h1", ratio=0.0, p95_ms=300.0),
    # The knowledge bank's search over 1 000 guides (bench/guides.py; issue 21: p95 under 150 ms),
    # logged in so the page cache does not answer.
    Target("guide_search", "", logged_in=True, expect="<h1", ratio=0.0),
    # A partner handler's inbox in a link of 10 partners and 20 000 cases (bench/links.py; issue 21:
    # p95 under 150 ms).
    Target("link_inbox", "", logged_in=True, expect="case-table", ratio=0.0),
]
# Pages whose path the bench database's preparation finds (bench/setup_db.py).
FOUND = ("activity_page", "matching_review", "group_page", "meeting_page", "points_list", "grant_decisions",
         "dialogue_process", "survey_results", "ideas_board", "partnership_list", "overview", "sdg_goal", "guide_search",
         "link_inbox")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Fill a fresh database, serve Samverka with gunicorn on 127.0.0.1 and measure the "
                    "directory, an actor page and the activity calendar against a floor view. "
                    "One JSON line per figure on stdout.")
    parser.add_argument("--seconds", type=float, default=10, help="measuring time per page (default 10)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--actors", type=int, default=None, help="bench actors to add (default 5000)")
    parser.add_argument("--activities", type=int, default=None,
                        help="bench activities to add, half of them weekly (default 20000, 1000 with --quick; "
                             "0 skips the calendar pages)")
    parser.add_argument("--postgres", action="store_true",
                        help=f"use PostgreSQL (BENCH_DATABASE_URL, default {DEFAULT_POSTGRES_URL})")
    parser.add_argument("--quick", action="store_true",
                        help="smoke test: 2 s per page, 500 actors, 1000 activities")
    parser.add_argument("--workers", type=int, default=2 * cores, help=f"gunicorn workers (default 2 × cores = {2 * cores})")
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync",
                        help="gunicorn worker class (default sync; see README)")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker with --worker-class gthread")
    parser.add_argument("--python-load", action="store_true", help="use the Python load generator even if wrk is there")
    parser.add_argument("--only", default="", help="comma-separated page names to measure (the floor is always measured)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a page misses the target")
    parser.add_argument("--redis", action="store_true",
                        help="serve with the shared cache in Redis, as production with more than one process must "
                             "(BENCH_REDIS_URL, default redis://127.0.0.1:6379/12, emptied before and after); "
                             "without it each worker keeps its own cache (LocMem)")
    surge = parser.add_argument_group("the sign-up surge (bench/surge.py)")
    surge.add_argument("--surge", action="store_true", help="measure only the surge (no pages, no fill)")
    surge.add_argument("--no-surge", action="store_true", help="measure only the pages")
    surge.add_argument("--surge-seconds", type=float, default=None, help="seconds of sign-ups, and of the floor (60)")
    surge.add_argument("--surge-clients", type=int, default=50, help="concurrent clients (50)")
    surge.add_argument("--surge-processes", type=int, default=2, help="load generator processes (2)")
    surge.add_argument("--surge-outage", type=float, default=None,
                       help="seconds the fake SMS and mail provider fails, in the middle of the surge "
                            "(default a third of --surge-seconds; 0: no outage)")
    surge.add_argument("--surge-threads", type=int, default=4,
                       help="threads per gunicorn worker for the surge (4, gthread: a client slow to close holds a "
                            "thread, as behind production's buffering proxy; 1: sync workers, held until it closes)")
    surge.add_argument("--surge-drain", type=float, default=300,
                       help="seconds to wait for the worker to process every sign-up and to send every message "
                            "afterwards (300)")
    paced = parser.add_argument_group("the soak and the overload (bench/soak.py)")
    paced.add_argument("--soak", action="store_true",
                       help="measure only the soak: the mix paced at 30 %% of its capacity (with --overload: both)")
    paced.add_argument("--soak-seconds", type=float, default=None, help="seconds of the soak (600; 15 with --quick)")
    paced.add_argument("--overload", action="store_true",
                       help="measure only the overload: the mix paced at twice its capacity (with --soak: both)")
    paced.add_argument("--overload-seconds", type=float, default=None,
                       help="seconds of the overload (60; 10 with --quick)")
    paced.add_argument("--capacity-seconds", type=float, default=None,
                       help="seconds the mix's capacity is measured before them, with --connections (10; 3 with --quick)")
    engine = parser.add_argument_group("the matching engine (bench/matching.py; no database, no server)")
    engine.add_argument("--matching", action="store_true",
                        help="measure only the matching engine (the default run measures it before the pages)")
    engine.add_argument("--no-matching", action="store_true", help="leave the matching engine out of the default run")
    engine.add_argument("--matching-instances", default="",
                        help=f"comma-separated instances (default all: {', '.join(matching.INSTANCES)})")
    args = parser.parse_args(argv)
    unknown = {n.strip() for n in args.matching_instances.split(",") if n.strip()} - set(matching.INSTANCES)
    if unknown:
        parser.error(f"unknown matching instances: {', '.join(sorted(unknown))}")
    if (args.soak or args.overload) and args.surge:
        parser.error("--surge and --soak/--overload each measure only their own run; run them one at a time")
    for name, default, quick in (("soak_seconds", 600, 15), ("overload_seconds", 60, 10), ("capacity_seconds", 10, 3)):
        value = getattr(args, name)
        if value is None:
            value = quick if args.quick else default
        if value <= 0:
            parser.error(f"--{name.replace('_', '-')} must be positive")
        setattr(args, name, min(value, 24 * 3600))
    if args.surge_seconds is None:
        args.surge_seconds = 5 if args.quick else 60
    if args.surge_outage is None:
        args.surge_outage = args.surge_seconds / 3
    if args.surge and args.no_surge:
        parser.error("--surge and --no-surge exclude each other")
    if args.surge_seconds <= 0 or args.surge_clients < 1 or args.surge_processes < 1 or args.surge_outage < 0:
        parser.error("--surge-seconds, --surge-clients and --surge-processes must be positive")
    args.surge_seconds = min(args.surge_seconds, 600)
    if args.actors is None:
        args.actors = 500 if args.quick else 5000
    if args.activities is None:
        args.activities = 1000 if args.quick else 20000
    if args.quick:
        args.seconds = min(args.seconds, 2)
    if args.seconds <= 0 or args.connections < 1 or args.workers < 1 or args.threads < 1 or args.actors < 0 \
            or args.activities < 0:
        parser.error("--seconds, --connections, --workers and --threads must be positive, "
                     "--actors and --activities 0 or more")
    args.seconds = min(args.seconds, 600)  # every measurement is bounded in time
    return args


def emit(line: dict) -> None:
    print(json.dumps(line, ensure_ascii=False), flush=True)


def load_average() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def check_page(port: int, target: Target, headers: dict[str, str]) -> int | None:
    """Before measuring: the page answers 200, as the right user, with results."""
    page = request(port, "GET", target.path, headers=headers)
    if page.status != 200:
        raise SystemExit(f"{target.name}: {target.path} answered HTTP {page.status}, not 200")
    if target.logged_in and "/konto/logout/" not in page.body:
        raise SystemExit(f"{target.name}: the page does not show the user as logged in")
    count = result_count(page.body) if target.directory else None
    if target.directory and not count:
        raise SystemExit(f"{target.name}: the directory shows no actors at {target.path}")
    if target.expect and target.expect not in page.body:
        raise SystemExit(f"{target.name}: {target.path} does not contain {target.expect!r}")
    return count


def measure_all(args, db: BenchDatabase) -> int:
    env = production_env(db.env)
    log(f"database: {db.describe()}")
    if not args.redis:
        return _measure(args, db, env)
    env["REDIS_URL"] = url = bench_redis_url()
    empty_redis(url)
    log(f"cache: Redis at {url}")
    try:
        return _measure(args, db, env)
    finally:
        empty_redis(url)


def _measure(args, db: BenchDatabase, env: dict[str, str]) -> int:
    if args.surge:
        prepare_database(env, 0, 0)
        log(f"machine: {os.cpu_count()} CPUs, load average before measuring {load_average()}")
        return 0 if measure_surge(args, db, env, emit, load_average) or not args.strict else 1
    if args.soak or args.overload:
        found = prepare_database(env, args.actors, args.activities)
        if not found.get("activity_page"):
            raise SystemExit("the soak and the overload need activities (--activities above 0) to register for")
        log(f"machine: {os.cpu_count()} CPUs, load average before measuring {load_average()}")
        return 0 if run_paced(args, db, env, found["activity_page"], emit, load_average) or not args.strict else 1
    if not args.no_matching:
        measure_matching(args)
    results, common = measure_pages(args, db, env)
    surge_ok = True
    if not args.no_surge:
        surge_ok = measure_surge(args, db, env, emit, load_average)
    code = summarise(args, results, common)  # the pages' summary stays the last line
    return code or (0 if surge_ok or not args.strict else 1)


def measure_matching(args) -> int:
    log(f"matching engine: load average before measuring {load_average()}")
    ok = matching.run(emit, log, args.matching_instances)
    return 0 if ok or not args.strict else 1


def measure_pages(args, db: BenchDatabase, env: dict[str, str]) -> tuple[dict[str, Result], dict]:
    found = prepare_database(env, args.actors, args.activities)
    activity_page = found.get("activity_page")
    if args.activities and not activity_page:
        raise SystemExit("the bench database has no published activity to measure")

    if found.get("overview_compute_seconds") is not None:
        # The overview's nightly computation over the bench's year of a city (bench/overview.py).
        emit({"name": "overview_compute", "value": found["overview_compute_seconds"], "unit": "s",
              "database": db.kind})
    if found.get("report_yearly"):
        emit({**found["report_yearly"], "database": db.kind})
    server = Gunicorn(env, db.tmp / "gunicorn.log", args.workers, args.worker_class, args.threads)
    with server:
        cookies = log_in(server.port, *DEMO_LOGIN)
        session = {"Cookie": cookie_header({k: v for k, v in cookies.items() if k in {"sessionid", "csrftoken"}})}
        load = LoadGenerator(server.port, args.connections, use_wrk=not args.python_load)
        only = {name.strip() for name in args.only.split(",") if name.strip()}
        paths = {name: found.get(name) for name in FOUND}
        paths["grant_decisions_logged_in"] = found.get("grant_decisions")
        targets = [replace(t, path=paths[t.name]) if t.name in paths else t for t in TARGETS
                   if (t.name == "floor" or not only or t.name in only) and (args.activities or not t.activities)
                   and (t.name not in paths or paths[t.name])]
        log(f"load: {load.tool}, {args.connections} connections, {WARM_UP_SECONDS} s warm-up and "
            f"{args.seconds:g} s per page")
        common = {"database": db.kind, "server": server.describe().split(", on ")[0], "cache": cache_name(env),
                  "load": load.tool, "connections": args.connections, "seconds": args.seconds}
        log(f"machine: {os.cpu_count()} CPUs, load average before measuring {load_average()}")
        results: dict[str, Result] = {}
        for target in targets:
            headers = session if target.logged_in else {}
            count = check_page(server.port, target, headers)
            if count is not None:
                log(f"{target.name}: {target.path} lists {count} actors")
            load.run(target.path, headers, WARM_UP_SECONDS)
            cpu_before = server.cpu_seconds()
            result = load.run(target.path, headers, args.seconds)
            cpu_after = server.cpu_seconds()
            if cpu_before is not None and cpu_after is not None and result.requests:
                result.server_cpu_ms = (cpu_after - cpu_before) * 1000 / result.requests
            check_page(server.port, target, headers)  # still 200 and still logged in afterwards
            results[target.name] = result
            cpu = f", server CPU {result.server_cpu_ms:.1f} ms/request" if result.server_cpu_ms is not None else ""
            log(f"{target.name}: {result.rps:.1f} req/s, p50 {result.p50_ms:.1f} ms, p95 {result.p95_ms:.1f} ms, "
                f"p99 {result.p99_ms:.1f} ms, {result.errors} errors ({result.requests} requests){cpu}")
            extra = {"path": target.path, **common}
            verdict = {}
            if target.name != "floor":
                ratio = result.rps / results["floor"].rps if results["floor"].rps else 0.0
                verdict = {"ratio": round(ratio, 3), "logged_in": target.logged_in,
                           "target": {"ratio_at_least": target_ratio(target), "p95_ms_below": target_p95(target)},
                           "p95_ms": round(result.p95_ms, 1), "pass": meets_target(target, result, ratio)}
            emit({"name": f"{target.name}_rps", "value": round(result.rps, 1), "unit": "req/s", **verdict, **extra})
            for q in ("p50", "p95", "p99"):
                emit({"name": f"{target.name}_{q}", "value": round(getattr(result, f"{q}_ms"), 1), "unit": "ms",
                      **extra})
            emit({"name": f"{target.name}_errors", "value": result.errors, "unit": "requests",
                  "of": result.requests, **extra})
            if result.server_cpu_ms is not None:
                # The server's CPU time per request (workers and master, from /proc): what a
                # page costs, steadier than the rate when other programs share the machine.
                emit({"name": f"{target.name}_server_cpu", "value": round(result.server_cpu_ms, 2),
                      "unit": "ms/request", **extra})

    return results, common


def summarise(args, results: dict[str, Result], common: dict) -> int:
    floor = results["floor"]
    common["load_average"] = load_average()  # other programs competing for the CPU skew every figure
    pages = {}
    targets = {target.name: target for target in TARGETS}
    for name, result in results.items():
        if name == "floor":
            continue
        ratio = result.rps / floor.rps if floor.rps else 0.0
        pages[name] = {"rps": round(result.rps, 1), "p95_ms": round(result.p95_ms, 1), "ratio": round(ratio, 3),
                       "ratio_at_least": target_ratio(targets[name]), "errors": result.errors,
                       "pass": meets_target(targets[name], result, ratio)}
        if result.server_cpu_ms and floor.server_cpu_ms:
            pages[name]["cpu_ratio"] = round(floor.server_cpu_ms / result.server_cpu_ms, 3)
    passed = sum(page["pass"] for page in pages.values())
    emit({"name": "summary", "value": passed, "unit": "pages passing", "of": len(pages),
          "target": {"p95_ms_below": TARGET_P95_MS, "ratio_at_least": {"anonymous": TARGET_RATIO_ANONYMOUS,
                                                                        "logged_in": TARGET_RATIO_LOGGED_IN}},
          "floor": {"rps": round(floor.rps, 1), "p95_ms": round(floor.p95_ms, 1)},
          "pages": pages, "pass": passed == len(pages), **common})
    for name, page in pages.items():
        log(f"{'PASS' if page['pass'] else 'MISS'} {name}: p95 {page['p95_ms']} ms (< {target_p95(targets[name]):g}), "
            f"ratio {page['ratio']} (≥ {page['ratio_at_least']}), {page['errors']} errors")
    if any(r.errors for r in results.values()):
        return 1
    return 0 if passed == len(pages) or not args.strict else 1


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background
    signal.signal(signal.SIGTERM, _raise_interrupt)
    signal.signal(signal.SIGHUP, _raise_interrupt)
    postgres_url = None
    if args.postgres or os.environ.get("BENCH_DATABASE_URL"):
        postgres_url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_POSTGRES_URL
    started = time.monotonic()
    if args.matching:
        return measure_matching(args)
    try:
        with BenchDatabase(postgres_url) as db:
            code = measure_all(args, db)
    except KeyboardInterrupt:
        log("interrupted; the server is stopped and the bench database removed")
        return 130
    log(f"finished in {time.monotonic() - started:.0f} s")
    return code
