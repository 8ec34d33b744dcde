"""Load generators: wrk when it is installed (preferred: it costs the server's CPU little),
else a small Python one (threads with keep-alive connections). Both run a fixed number of
connections for a fixed time against one URL on 127.0.0.1 and report the same figures."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess  # noqa: S404
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.client import HOST

LUA = Path(__file__).with_name("wrk_report.lua")
# Bounds for the Python generator, whatever the duration: requests per connection.
MAX_REQUESTS_PER_CONNECTION = 2_000_000


@dataclass
class Result:
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    tool: str
    server_cpu_ms: float | None = None  # filled in by the caller when it can see the server

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def find_wrk(install: bool = True) -> str | None:
    """wrk on PATH; as root on Debian, install the package once if it is missing."""
    if path := shutil.which("wrk"):
        return path
    if install and os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get"):
        from bench.database import log

        log("wrk is missing; installing the Debian package (apt-get install -y wrk)")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], capture_output=True, timeout=300, check=False)  # noqa: S603, S607
        return shutil.which("wrk")
    return None


def run_wrk(wrk: str, port: int, path: str, headers: dict[str, str], seconds: float, connections: int,
            threads: int) -> Result:
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
               "-s", str(LUA)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{HOST}:{port}{path}")
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)  # noqa: S603
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if result.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed (exit {result.returncode}): {result.stderr.strip() or result.stdout[-500:]}")
    data = json.loads(line.removeprefix("BENCH_JSON "))
    latency = data["latency_us"]
    return Result(
        requests=data["requests"], seconds=data["duration_us"] / 1e6, errors=sum(data["errors"].values()),
        p50_ms=latency["p50"] / 1000, p95_ms=latency["p95"] / 1000, p99_ms=latency["p99"] / 1000,
        mean_ms=latency["mean"] / 1000, max_ms=latency["max"] / 1000, tool="wrk",
    )


def _percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(q / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def run_python(port: int, path: str, headers: dict[str, str], seconds: float, connections: int) -> Result:
    """Each thread keeps one HTTP/1.1 connection (re-opened when the server closes it) and
    sends requests back to back until the time is up. Non-200 answers count as errors."""
    deadline = time.perf_counter() + seconds
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    request_headers = {"Host": f"{HOST}:{port}", **headers}

    def worker(n: int) -> None:
        conn = None
        for _ in range(MAX_REQUESTS_PER_CONNECTION):
            if time.perf_counter() >= deadline:
                break
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(HOST, port, timeout=10)
                started = time.perf_counter()
                conn.request("GET", path, headers=request_headers)
                response = conn.getresponse()
                response.read()
                latencies[n].append(time.perf_counter() - started)
                if response.status != 200:
                    errors[n] += 1
                if response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                errors[n] += 1
                if conn is not None:
                    conn.close()
                conn = None
        if conn is not None:
            conn.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=seconds + 30)
    elapsed = time.perf_counter() - started
    values = sorted(v * 1000 for per in latencies for v in per)
    return Result(
        requests=len(values), seconds=elapsed, errors=sum(errors),
        p50_ms=_percentile(values, 50), p95_ms=_percentile(values, 95), p99_ms=_percentile(values, 99),
        mean_ms=sum(values) / len(values) if values else 0.0, max_ms=values[-1] if values else 0.0, tool="python",
    )


class LoadGenerator:
    def __init__(self, port: int, connections: int, use_wrk: bool = True, wrk_threads: int | None = None):
        self.port = port
        self.connections = connections
        self.wrk = find_wrk() if use_wrk else None
        # On a small machine the load generator competes with the server for the CPU: one
        # wrk thread drives thousands of requests per second, far more than Django serves.
        cores = os.cpu_count() or 1
        self.wrk_threads = min(connections, wrk_threads or (1 if cores <= 4 else 2))

    @property
    def tool(self) -> str:
        return f"wrk ({self.wrk_threads} thread{'s' if self.wrk_threads > 1 else ''})" if self.wrk else "python"

    def run(self, path: str, headers: dict[str, str], seconds: float) -> Result:
        if self.wrk:
            return run_wrk(self.wrk, self.port, path, headers, seconds, self.connections, self.wrk_threads)
        return run_python(self.port, path, headers, seconds, self.connections)
