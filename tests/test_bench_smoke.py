"""The benchmark command runs end to end and prints one JSON figure per line.

It starts gunicorn and fills a database, so it only runs when asked: RUN_BENCH_SMOKE=1."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(os.environ.get("RUN_BENCH_SMOKE") != "1",
                                reason="set RUN_BENCH_SMOKE=1 to run the benchmark's smoke test")


def test_quick_benchmark_prints_one_json_figure_per_line():
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    figures = [json.loads(line) for line in lines]
    for figure in figures:
        assert {"name", "value", "unit"} <= figure.keys(), figure
        assert isinstance(figure["value"], int | float), figure
    names = {figure["name"] for figure in figures}
    assert {"floor_rps", "floor_p95", "directory_anonymous_rps", "directory_logged_in_p95", "actor_page_rps"} <= names
    rates = [f for f in figures if f["name"].endswith("_rps") and f["name"] != "floor_rps"]
    assert rates and all(f["ratio"] > 0 for f in rates)
    assert all(f["value"] == 0 for f in figures if f["name"].endswith("_errors"))
    assert figures[-1]["name"] == "summary"


def test_quick_soak_and_overload_answer_only_as_they_may_and_store_each_registration_once():
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--soak", "--overload", "--soak-seconds", "15",
         "--overload-seconds", "10"], cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = {f["name"]: f for f in (json.loads(line) for line in result.stdout.splitlines() if line.strip())}
    assert {"mix_capacity", "soak_requests", "soak_rate", "soak_p95", "soak_p99", "soak_memory_start",
            "soak_memory_end", "soak_memory_growth", "soak_summary", "overload_served", "overload_refused",
            "overload_not_connected", "overload_summary"} <= figures.keys()
    assert figures["mix_capacity"]["value"] > 0
    assert figures["soak_requests"]["value"] > 0 and figures["soak_errors"]["value"] == 0
    assert figures["soak_memory_start"]["value"] > 0 and figures["soak_memory_end"]["value"] > 0
    assert figures["overload_errors"]["server_errors_5xx"] == 0
    assert figures["overload_errors"]["no_answer"] == 0
    assert figures["overload_summary"]["checks"]["refusals_say_retry_after"]
    for phase in ("soak", "overload"):
        registrations = figures[f"{phase}_registrations"]
        assert registrations["value"] > 0, registrations
        assert registrations["lost"] == 0 and registrations["duplicated"] == 0, registrations
