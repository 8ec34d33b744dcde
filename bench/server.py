"""Run the platform under gunicorn on 127.0.0.1 for the benchmark, and stop it again."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess  # noqa: S404
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from bench.database import log

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
# `--redis`: the shared cache of production (REDIS_URL) in the local Redis, in a database of
# the bench's own, emptied before and after a run.
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/12"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def production_env(database_env: dict[str, str]) -> dict[str, str]:
    """The environment of a production installation, pointed at the bench database."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "SQLITE_PATH", "REDIS_URL", "DEBUG", "GUNICORN_CMD_ARGS", "WEB_CONCURRENCY"}}
    env.update({
        "DEBUG": "0",
        "SECRET_KEY": "bench",
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BENCHMARK_FLOOR": "1",
        "RATE_LIMITS_ENABLED": "0",
        # The paced runs register made-up people at many an hour: above the form's cap of
        # messages per hour it would refuse them (communication/limits.py).
        "MESSAGE_CAPS_PER_HOUR": "activities.register=100000000",
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    env.update(database_env)
    return env


def prepare_database(env: dict[str, str], actors: int, activities: int = 0, timeout: float = 1800) -> dict:
    """migrate, load_demo and fill_bench against the bench database (bench/setup_db.py).
    Returns what setup_db reports on its last line (the path of an activity page)."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.setup_db", str(actors), str(activities)], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, timeout=timeout, check=False)
    if result.returncode != 0:
        raise SystemExit(f"preparing the bench database failed (exit {result.returncode})")
    lines = result.stdout.decode("utf-8", "replace").strip().splitlines()
    try:
        return json.loads(lines[-1]) if lines else {}
    except ValueError:
        return {}


def bench_redis_url() -> str:
    return os.environ.get("BENCH_REDIS_URL") or DEFAULT_REDIS_URL


def cache_name(env: dict[str, str]) -> str:
    """The cache the server runs with, as every figure names it."""
    return "redis" if env.get("REDIS_URL") else "per-process (LocMem)"


def _redis(url: str):
    import redis

    parts = urlsplit(url)
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit(f"The benchmark only talks to 127.0.0.1, not {parts.hostname}.")
    return redis.Redis.from_url(url, socket_connect_timeout=2)


def empty_redis(url: str) -> None:
    """Empty the bench's Redis database (pages, stamps, sessions of an earlier run)."""
    try:
        _redis(url).flushdb()
    except Exception as error:  # noqa: BLE001 - redis's ConnectionError is not an OSError
        raise SystemExit(f"Redis does not answer at {url} ({error}); start it or leave out --redis") from None


def redis_memory(url: str) -> dict:
    """What the Redis server holds in all (`used_memory`, bytes: other databases too) and
    the keys in the bench's database."""
    try:
        client = _redis(url)
        return {"redis_used": int(client.info("memory")["used_memory"]), "redis_keys": int(client.dbsize())}
    except Exception:  # noqa: BLE001 - a reading that failed is left out, the run goes on
        return {}


class Gunicorn:
    """gunicorn with the project's WSGI application, in its own process group."""

    def __init__(self, env: dict[str, str], log_path: Path, workers: int, worker_class: str, threads: int):
        self.env = env
        self.log_path = log_path
        self.workers = workers
        self.worker_class = worker_class
        self.threads = threads
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self._log_file = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def describe(self) -> str:
        threads = f" × {self.threads} threads" if self.worker_class == "gthread" else ""
        return f"gunicorn, {self.workers} {self.worker_class} workers{threads}, on {self.base_url}"

    def command(self) -> list[str]:
        command = [
            sys.executable, "-m", "gunicorn", "samverka.wsgi:application",
            "--config", str(ROOT / "bench" / "gunicorn_conf.py"),
            "--bind", f"{HOST}:{self.port}", "--workers", str(self.workers), "--worker-class", self.worker_class,
        ]
        if self.worker_class == "gthread":
            command += ["--threads", str(self.threads)]
        return command

    def __enter__(self) -> Gunicorn:
        self._log_file = self.log_path.open("wb")
        self.process = subprocess.Popen(  # noqa: S603
            self.command(), cwd=ROOT, env=self.env, stdout=self._log_file, stderr=subprocess.STDOUT,
            start_new_session=True)
        try:
            self._wait_healthy(timeout=60)
        except BaseException:
            self.stop()
            raise
        log(f"serving: {self.describe()}")
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped at start (exit {self.process.returncode}):\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer /healthz within {timeout:.0f} s:\n{self.log_tail()}")

    def cpu_seconds(self) -> float | None:
        """CPU time (user + system) used so far by the master and its workers, from /proc
        (Linux). Divided by the requests served it tells what a page costs, which holds
        even when other programs compete for the CPU; None where /proc is missing."""
        if self.process is None or not Path("/proc").is_dir():
            return None
        tick = os.sysconf("SC_CLK_TCK")
        pids = [self.process.pid]
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
            pids += [int(pid) for pid in children]
        except OSError:
            return None
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # a worker that has just gone
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / tick

    def pids(self) -> list[int]:
        """The master's and its workers' process ids (Linux /proc; empty where it is missing)."""
        if self.process is None:
            return []
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        except OSError:
            return []
        return [self.process.pid, *(int(pid) for pid in children)]

    def memory(self) -> dict:
        """The resident memory of the master and its workers, summed, in bytes: `rss` (what
        each process holds, counting pages the forked workers share once per process) and
        `pss` (shared pages divided among their sharers: the machine's real cost), from /proc."""
        total = {"rss": 0, "pss": 0}
        pids = self.pids()
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    name, _, value = line.partition(":")
                    if name in {"Rss", "Pss"}:
                        total[name.lower()] += int(value.split()[0]) * 1024  # kB
            except OSError:
                continue  # a worker that has just gone
        return {**total, "processes": len(pids), "pids": sorted(pids)}

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self) -> None:
        """Graceful shutdown (SIGTERM to the master), then SIGKILL to its group if it hangs."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                log("gunicorn did not stop in 20 s; killing it")
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait(timeout=10)
            log("gunicorn stopped")
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
