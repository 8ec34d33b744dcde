"""The surge benchmark's look into the bench database (run by bench/surge.py with the
production environment pointed at it):

    python -m bench.surge_db crisis              start a crisis (if none is under way)
    python -m bench.surge_db count signup FILE   the sign-ups answered with success, one e-mail
    python -m bench.surge_db count floor FILE    address (or floor name) a line, found in the rows?
    python -m bench.surge_db count registration FILE PREFIX
                                                 the registrations (bench/soak.py) likewise, among
                                                 those whose e-mail address starts with PREFIX
    python -m bench.surge_db received            the received sign-ups: processed, pending, failed
    python -m bench.surge_db outbox [AFTER]      the outbox by status (messages after id AFTER)
    python -m bench.surge_db profile             what one sign-up costs: queries and time per phase

Each prints one JSON object on stdout.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import django

CHUNK = 500


def start_crisis() -> dict:
    from samverka.accounts.models import User
    from samverka.crisis import services
    from samverka.crisis.models import Crisis
    from samverka.volunteers.models import HelpKind

    crisis = Crisis.objects.filter(is_active=True).first()
    if crisis is None:
        admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        crisis = services.start_crisis(by=admin, name="Storm över Mälaröarna (benchmark)",
                                       help_kinds=list(HelpKind.objects.all()))
    return {"crisis": crisis.pk, "name": crisis.name}


def count(kind: str, path: str, prefix: str = "") -> dict:
    """How often each answered-with-success sign-up is in the database: lost (0) or
    duplicated (more than 1); and rows that no success answer stands for (`unanswered`:
    written, but the client saw an error or a timeout)."""
    from django.db.models.functions import Lower

    from bench.models import FloorWrite
    from samverka.crisis.models import Crisis, CrisisVolunteer
    from samverka.volunteers.models import Volunteer

    wanted = [line.strip() for line in Path(path).read_text().splitlines() if line.strip()]
    found: Counter[str] = Counter()
    linked: Counter[str] = Counter()
    if kind == "registration":
        from samverka.activities.models import Registration

        rows = Registration.objects.filter(email__startswith=prefix.lower())
        found.update(rows.values_list("email", flat=True))
        total = rows.count()
    elif kind == "floor":
        rows = FloorWrite.objects.filter(name__startswith="floor-")
        found.update(rows.values_list("name", flat=True))
        total = rows.count()
    else:
        crisis = Crisis.objects.filter(is_active=True).first()
        rows = Volunteer.objects.annotate(address=Lower("email")).filter(address__startswith="surge-")
        found.update(rows.values_list("address", flat=True))
        links = CrisisVolunteer.objects.filter(crisis=crisis, volunteer__email__startswith="surge-")
        linked.update(e.lower() for e in links.values_list("volunteer__email", flat=True))
        total = rows.count()
    wanted_set = set(wanted)
    result = {
        "answered_success": len(wanted),
        "rows": total,
        "lost": sum(1 for w in wanted if found[w] == 0),
        "duplicated": sum(1 for w in wanted_set if found[w] > 1) + (len(wanted) - len(wanted_set)),
        "unanswered": sum(n for key, n in found.items() if key not in wanted_set),
    }
    if kind == "signup":
        result["not_linked_to_crisis"] = sum(1 for w in wanted if found[w] and not linked[w])
    return result


def received() -> dict:
    """The received "I can help" forms of the crisis under way: processed by the worker,
    waiting, or failed (tried MAX_ATTEMPTS times)."""
    from samverka.crisis.models import Crisis, ReceivedSignUp
    from samverka.crisis.services import MAX_ATTEMPTS

    rows = ReceivedSignUp.objects.filter(crisis__in=Crisis.objects.filter(is_active=True))
    return {"received": rows.count(), "processed": rows.filter(processed_at__isnull=False).count(),
            "pending": rows.pending().filter(attempts__lt=MAX_ATTEMPTS).count(),
            "failed": rows.pending().filter(attempts__gte=MAX_ATTEMPTS).count()}


def outbox(after: int = 0) -> dict:
    """The messages written after message `after` (the surge's), by status; `last` is the
    newest message's id."""
    from django.db.models import Count, Max

    from samverka.communication.models import OutboxMessage

    Status = OutboxMessage.Status  # noqa: N806
    last = OutboxMessage.objects.aggregate(last=Max("pk"))["last"] or 0
    messages = OutboxMessage.objects.filter(pk__gt=after)
    by_status = dict(messages.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_channel = dict(messages.values_list("channel").annotate(n=Count("pk")).values_list("channel", "n"))
    keys = list(messages.filter(status=Status.SENT).values_list("idempotency_key", flat=True))
    failed = list(messages.filter(status=Status.FAILED).values("idempotency_key", "channel", "to", "last_error")[:10])
    from django_tasks_db.models import DBTaskResult

    return {"last": last, "by_status": by_status, "by_channel": by_channel, "total": sum(by_status.values()),
            "sent_keys": keys, "failed_examples": failed, "task_runs": DBTaskResult.objects.count()}


def profile() -> dict:
    """One GET and one POST of "I can help" through Django's test client in this process:
    the queries each makes and the time each phase takes (the median of some runs)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.surge import signup_fields

    client = Client(enforce_csrf_checks=True, REMOTE_ADDR="10.250.0.1")
    timings: dict[str, list[float]] = {"get": [], "post": []}
    queries: dict[str, list[str]] = {}
    import re

    for n in range(12):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as get_queries:
            page = client.get("/kris/jag-kan-hjalpa/")
        timings["get"].append((time.perf_counter() - started) * 1000)
        body = page.content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        fields = signup_fields(9_900_000 + n, body, run="profile")
        fields["csrfmiddlewaretoken"] = token
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as post_queries:
            answer = client.post("/kris/jag-kan-hjalpa/", fields, REMOTE_ADDR=f"10.250.1.{n}")
        timings["post"].append((time.perf_counter() - started) * 1000)
        if answer.status_code not in {302, 303}:
            return {"error": f"POST answered {answer.status_code}", "body": answer.content.decode()[:2000]}
        queries = {"get": [q["sql"] for q in get_queries.captured_queries],
                   "post": [q["sql"] for q in post_queries.captured_queries]}
    if os.environ.get("BENCH_PROFILE"):
        _cprofile(client, int(os.environ["BENCH_PROFILE"]))
    return {
        "get_ms_median": round(sorted(timings["get"][2:])[len(timings["get"][2:]) // 2], 2),
        "post_ms_median": round(sorted(timings["post"][2:])[len(timings["post"][2:]) // 2], 2),
        "get_queries": len(queries["get"]), "post_queries": len(queries["post"]),
        "post_sql": [q[:160] for q in queries["post"]],
        "get_sql": [q[:160] for q in queries["get"]],
    }


def _cprofile(client, rows: int) -> None:
    """Where the time of 40 sign-ups (GET and POST) goes, to stderr."""
    import cProfile
    import pstats
    import re

    from bench.surge import signup_fields

    profiler = cProfile.Profile()
    for n in range(40):
        profiler.enable()
        page = client.get("/kris/jag-kan-hjalpa/")
        body = page.content.decode()
        fields = signup_fields(9_800_000 + n, body, run="cprofile")
        fields["csrfmiddlewaretoken"] = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        client.post("/kris/jag-kan-hjalpa/", fields, REMOTE_ADDR=f"10.251.1.{n}")
        profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stderr)
    stats.sort_stats("cumulative").print_stats(rows)
    stats.sort_stats("tottime").print_stats(rows)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    django.setup()
    command = sys.argv[1]
    if command == "crisis":
        result = start_crisis()
    elif command == "count":
        result = count(*sys.argv[2:5])
    elif command == "received":
        result = received()
    elif command == "outbox":
        result = outbox(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    elif command == "profile":
        result = profile()
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
