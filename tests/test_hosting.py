"""Hosting: the configuration reference names every setting the code reads, the periodic jobs
of README run in the container setup, the compose file has what a municipality needs, and the
image builds and serves /healthz where Docker runs."""

import re
import shutil
import subprocess
import time
from datetime import datetime
from pathlib import Path

import pytest
from django.core.management import get_commands

from samverka.portal.management.commands import run_periodic_jobs as jobs

ROOT = Path(__file__).resolve().parent.parent
READ = re.compile(r"""(?:os\.environ\.get|os\.environ\[|os\.getenv|env_bool|env_int|env_list)\(?\s*\[?\s*["']([A-Z][A-Z0-9_]+)["']""")
# Read by the tools, not by the platform: dev.py's search for an interpreter, the bench.
NOT_SETTINGS = {"PYENV_ROOT", "BENCHMARK_FLOOR"}


def variables_read() -> set[str]:
    names = set()
    for path in [*ROOT.joinpath("samverka").rglob("*.py"), ROOT / "gunicorn.conf.py"]:
        if "tests" not in path.parts:
            names.update(READ.findall(path.read_text(encoding="utf-8")))
    return names - NOT_SETTINGS


def documented() -> set[str]:
    text = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", text, flags=re.M))


def test_the_configuration_reference_names_every_variable_the_code_reads_and_no_other():
    read, listed = variables_read(), documented()
    assert read - listed == set(), f"add to docs/hosting.md: {sorted(read - listed)}"
    assert listed - read - {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"} == set(), \
        f"documented but read nowhere: {sorted(listed - read)}"


def test_every_periodic_job_of_the_readme_is_scheduled_and_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Periodic jobs**", 1)[1].split("\n6. ", 1)[0]
    in_readme = set(re.findall(r"python manage\.py (\w+)", section)) - {"run_periodic_jobs"}
    scheduled = {job.command for job in jobs.SCHEDULE}
    assert in_readme == scheduled
    assert scheduled <= set(get_commands())


def test_a_daily_job_runs_once_a_day_in_the_night_and_a_frequent_one_every_five_minutes():
    daily = jobs.Job("apply_retention", jobs.DAY)
    frequent = jobs.Job("send_outbox", jobs.MINUTES)
    evening, night = datetime(2026, 12, 7, 22, 0), datetime(2026, 12, 8, 3, 5)
    assert jobs.due(daily, None, evening)  # at start
    assert not jobs.due(daily, evening, datetime(2026, 12, 8, 1, 0))  # a new day, not yet night
    assert jobs.due(daily, evening, night)
    assert not jobs.due(daily, night, datetime(2026, 12, 8, 23, 0))
    assert not jobs.due(frequent, night, datetime(2026, 12, 8, 3, 9))
    assert jobs.due(frequent, night, datetime(2026, 12, 8, 3, 10))


@pytest.mark.django_db
def test_one_failing_job_does_not_stop_the_others(monkeypatch):
    ran = []

    def call(name, **kwargs):
        ran.append(name)
        if name == "send_outbox":
            raise RuntimeError("the mail server is down")

    monkeypatch.setattr(jobs, "call_command", call)
    jobs.Command().handle(once=True)
    assert ran == [job.command for job in jobs.SCHEDULE]


def test_the_compose_file_runs_a_whole_municipality():
    compose = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    for service in ("db:", "redis:", "migrate:", "web:", "worker:", "jobs:", "proxy:"):
        assert f"\n  {service}" in compose, service
    assert "python manage.py db_worker" not in compose and '"db_worker"' in compose
    assert '"run_periodic_jobs"' in compose and "image: postgres:1" in compose
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "requirements.lock" in dockerfile and "gunicorn.conf.py" in dockerfile and "/healthz" in dockerfile


def _docker_runs() -> str:
    if not shutil.which("docker"):
        return "docker is not installed on this machine"
    if subprocess.run(["docker", "info"], capture_output=True, timeout=20).returncode != 0:
        return "docker is installed but its daemon does not run here"
    if subprocess.run(["docker", "image", "inspect", "python:3.12-slim-bookworm"], capture_output=True,
                      timeout=20).returncode != 0 and subprocess.run(
            ["docker", "pull", "python:3.12-slim-bookworm"], capture_output=True, timeout=300).returncode != 0:
        return "the base image python:3.12-slim-bookworm cannot be fetched from here"
    return ""


def test_the_image_builds_and_serves_healthz():
    reason = _docker_runs()
    if reason:
        pytest.skip(reason)
    subprocess.run(["docker", "build", "-t", "samverka:test", str(ROOT)], check=True, timeout=1800)
    container = subprocess.run(
        ["docker", "run", "-d", "-p", "127.0.0.1::8000", "-e", "SECRET_KEY=test-only", "-e", "WEB_CONCURRENCY=1",
         "-e", "ALLOWED_HOSTS=127.0.0.1,localhost", "samverka:test",
         "sh", "-c", "python manage.py migrate --noinput && exec gunicorn -c gunicorn.conf.py samverka.wsgi:application"],
        check=True, capture_output=True, text=True).stdout.strip()
    try:
        port = subprocess.run(["docker", "port", container, "8000"], check=True, capture_output=True,
                              text=True).stdout.strip().rsplit(":", 1)[1]
        import urllib.request

        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=3) as answer:  # noqa: S310
                    assert answer.status == 200
                    return
            except OSError:
                time.sleep(2)
        pytest.fail("the container did not answer /healthz within two minutes")
    finally:
        subprocess.run(["docker", "rm", "-f", container], capture_output=True)
