"""The soak's and the overload's load generator (bench/soak.py) judges answers as the
benchmark says: against a small stand-in server, no gunicorn and no database."""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import soak
from bench.soak import ERROR, NO_ANSWER, NOT_CONNECTED, OK, REFUSED, Mix, Operation

FORM = ('<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="c5rf">'
        '<input type="hidden" name="submission_token" value="once-1"></form>')


def run_apart(coroutine):
    """`asyncio.run` in a thread of its own: in a worker that ran a browser test, Playwright
    keeps an event loop running in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def answer(status: str, headers: tuple[str, ...] = (), body: str = "") -> bytes:
    data = body.encode()
    lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(data)}", "Connection: close", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + data


ANSWERS = {
    ("GET", "/ok"): answer("200 OK", body="<h1>Sidan</h1>"),
    ("GET", "/busy"): answer("503 Service Unavailable", ("Retry-After: 5",)),
    ("GET", "/bare-503"): answer("503 Service Unavailable"),
    ("GET", "/boom"): answer("500 Internal Server Error"),
    ("GET", "/a/tillfallen/1/anmal/"): answer("200 OK", ("Set-Cookie: csrftoken=kaka; Path=/",), FORM),
    ("POST", "/a/tillfallen/1/anmal/"): answer("302 Found", ("Location: /aktiviteter/anmalan/abc/",)),
    ("GET", "/a/tillfallen/2/anmal/"): answer("200 OK", ("Set-Cookie: csrftoken=kaka; Path=/",), FORM),
    ("POST", "/a/tillfallen/2/anmal/"): answer("200 OK", body="<p>Tillfället har redan börjat.</p>"),
    ("GET", "/a/tillfallen/3/anmal/"): answer("200 OK", body="<p>Inställt.</p>"),
}


received: list[str] = []  # the requests the stand-in server got, head and body


async def stand_in(reader, writer):
    head = (await reader.readuntil(b"\r\n\r\n")).decode()
    method, path, _ = head.split(" ", 2)
    length = next((int(line.split(":")[1]) for line in head.split("\r\n") if line.startswith("Content-Length:")), 0)
    received.append(head + (await reader.readexactly(length)).decode())
    if path != "/drop":
        writer.write(ANSWERS[(method, path)])
        await writer.drain()
    writer.close()


def judge(paths: list[str], operation: Operation | None = None) -> list[soak.Record]:
    """Each path once, as an operation of the mix, against the stand-in server."""

    async def run():
        server = await asyncio.start_server(stand_in, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        records = []
        for n, path in enumerate(paths):
            op = operation or Operation("page", path)
            mix = Mix(port, [op], "sessionid=s", [path], run="t")
            records.append(await mix.one(n, "soak", time.monotonic(), 0))
        server.close()
        await server.wait_closed()
        return records

    received.clear()
    return run_apart(run())


def test_pages_answered_200_are_served_and_503_with_retry_after_is_refused():
    ok, busy, bare, boom = judge(["/ok", "/busy", "/bare-503", "/boom"])
    assert (ok.outcome, ok.status, ok.requests) == (OK, 200, 1)
    assert (busy.outcome, busy.status, busy.retry_after) == (REFUSED, 503, True)
    assert (bare.outcome, bare.retry_after) == (ERROR, False)
    assert (boom.outcome, boom.status) == (ERROR, 500)
    assert all("X-Request-Start: t=" in head for head in received)  # the stamp the server sheds by


def test_a_connection_closed_without_an_answer_is_no_answer():
    [dropped] = judge(["/drop"])
    assert (dropped.outcome, dropped.status) == (NO_ANSWER, 0)


def test_a_connection_nobody_accepts_is_not_connected(unused_tcp_port):
    mix = Mix(unused_tcp_port, [Operation("page", "/ok")], "", [], run="t")
    record = run_apart(mix.one(0, "soak", time.monotonic(), 0))
    assert record.outcome == NOT_CONNECTED and record.requests == 0


def test_a_registration_answered_with_a_redirect_carries_its_marker():
    registration = Operation("registration", registration=True)
    [record] = judge(["/a/tillfallen/1/anmal/"], registration)
    assert (record.outcome, record.status, record.requests) == (OK, 302, 2)
    assert record.key == "paced-t-soak-0@example.org"
    post = received[-1]
    assert post.startswith("POST ") and "Cookie: csrftoken=kaka" in post
    assert "csrfmiddlewaretoken=c5rf" in post and "submission_token=once-1" in post
    assert "email=paced-t-soak-0%40example.org" in post


def test_a_registration_the_form_declines_or_a_closed_occasion_is_refused_not_an_error():
    registration = Operation("registration", registration=True)
    declined, closed = judge(["/a/tillfallen/2/anmal/", "/a/tillfallen/3/anmal/"], registration)
    assert (declined.outcome, declined.key) == (REFUSED, "")
    assert (closed.outcome, closed.requests) == (REFUSED, 1)


@pytest.fixture
def unused_tcp_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_soaks_memory_ends_are_medians_of_the_readings_after_the_warm_up():
    values = [50, 60, 200, 900, 210, 230, 240, 250, 260, 270, 280, 300, 1000, 310]  # every 5 s from 0 to 65 s
    readings = [{"at_s": 5 * i, "rss": rss, "pss": rss // 2, "processes": 5, "pids": [1, 2 + (i > 11)]}
                for i, rss in enumerate(values)]
    start, end = soak.memory_ends(readings, seconds=65)  # warm-up 6.5 s; 12 readings after it
    assert (start["rss"], start["between_s"], start["pids"]) == (210, [10, 20], [1, 2])
    assert (end["rss"], end["between_s"], end["pids"]) == (310, [55, 65], [1, 3])


def test_each_round_of_the_mix_registers_for_the_next_occasion():
    occasions = ["/a/tillfallen/1/anmal/", "/a/tillfallen/2/anmal/"]

    async def run():
        server = await asyncio.start_server(stand_in, "127.0.0.1", 0)
        runner = Mix(server.sockets[0].getsockname()[1], soak.mix("/ok"), "sessionid=s", occasions, run="t")
        rounds = len(runner.operations)
        registration = next(n for n, op in enumerate(runner.operations) if op.registration)
        records = [await runner.one(registration + rounds * i, "soak", time.monotonic(), 0) for i in range(3)]
        server.close()
        await server.wait_closed()
        return records

    received.clear()
    records = run_apart(run())
    forms = [head.split(" ")[1] for head in received if head.startswith("GET ")]
    assert forms == [occasions[0], occasions[1], occasions[0]]
    assert [r.outcome for r in records] == [OK, REFUSED, OK]  # the stand-in declines every form of occasion 2


def soak_phase(readings: list[dict]) -> tuple[soak.Phase, soak.Phase]:
    served = [soak.Record("page", OK, 200, due=i / 10, latency_ms=20.0, requests=1) for i in range(600)]
    capacity = soak.Phase("capacity", served[:100], 10.0)
    return capacity, soak.Phase("soak", served, 60.0, rate=10.0, memory=readings)


def report(cache: str, readings: list[dict]) -> dict[str, dict]:
    lines = []
    capacity, phase = soak_phase(readings)
    rows = {"answered_success": 0, "lost": 0, "duplicated": 0, "unanswered": 0}
    soak.report_soak(lines.append, lambda: 1.0, {"database": "sqlite", "cache": cache}, capacity, phase, rows, 0, 0)
    return {line["name"]: line for line in lines}


def readings(rss: list[int], redis: list[int] | None = None) -> list[dict]:
    return [{"at_s": 5 * i, "rss": value, "pss": value, "processes": 5, "pids": [1, 2],
             **({"redis_used": redis[i], "redis_keys": 10 * i} if redis else {})} for i, value in enumerate(rss)]


def test_with_the_shared_cache_the_soak_reads_redis_apart_from_the_workers():
    mib = [8, 9, 9, 10, 10, 10, 11, 11, 11, 11, 11, 11, 12]
    lines = report("redis", readings([100] * 13, redis=[value * 2**20 for value in mib]))
    assert lines["soak_memory_growth"]["value"] == 0 and lines["soak_memory_growth"]["cache"] == "redis"
    assert lines["soak_memory_growth"]["cached_pages_in"].startswith("Redis")
    # after the warm-up (6 s): the medians of the first quarter (10, 15 s) and of the last (55, 60 s)
    assert (lines["soak_redis_memory"]["start_mib"], lines["soak_redis_memory"]["value"]) == (10, 12)
    assert lines["soak_redis_memory"]["keys"] == [30, 120]
    assert lines["soak_summary"]["cache"] == "redis" and lines["soak_summary"]["pass"]


def test_with_the_per_process_cache_the_soak_says_the_pages_fill_the_workers_memory():
    lines = report("per-process (LocMem)", readings([100, 100, 100, 101, 104, 108, 112, 116, 120, 124, 128, 132, 136]))
    growth = lines["soak_memory_growth"]
    assert growth["value"] > 10 and not growth["pass"] and "--redis" in growth["cached_pages_in"]
    assert "soak_redis_memory" not in lines
    assert not lines["soak_summary"]["checks"]["memory_growth_below_10_percent"]


def test_the_memory_scripts_verdict_tells_a_bound_reached_from_growth_that_goes_on():
    from bench.memory import verdict

    assert verdict([0, 2244, 4611, 6914, 9159]) == "keeps growing"  # the page cache before its bound
    assert verdict([0, 4000, 6000, 6100, 6150]) == "levels off"  # full: culled as fast as it fills
    assert verdict([0, 4, 3, 3, 3]) == "levels off"
    assert verdict([5]) == "keeps growing"  # one snapshot tells nothing
