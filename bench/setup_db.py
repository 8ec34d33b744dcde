"""Prepare the bench database: `python -m bench.setup_db ACTORS [ACTIVITIES]` (run by
`python -m bench` with the production environment pointed at the bench database).

migrate, load_demo and fill_bench, in one process, then a matching programme of 2 000
participants (bench/matching_review.py), a network and 2 000 grant decisions (bench/standing.py), a year of a city's cooperation with the
overview's figures computed (bench/overview.py); the last line on stdout is a JSON object with the path of
an activity page to measure (null when no activities were added) and of the matching
programme's review page.
The only difference from running them by hand: the demo accounts' passwords are hashed
with 1 000 PBKDF2 iterations instead of Django's default of over a million (load_demo
creates some 80 accounts, which takes a minute). The hash names its own iteration count,
so the server checks it as usual, and upgrades it at the first login. At the end, after every fill, it runs ANALYZE (see below)."""

import io
import json
import os
import sys
import time

import django


def main() -> None:
    actors = int(sys.argv[1])
    activities = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    django.setup()
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.core.management import call_command

    PBKDF2PasswordHasher.iterations = 1000
    for command, args in (("migrate", ["--noinput", "--verbosity", "0"]), ("load_demo", []),
                          ("fill_bench", ["--actors", str(actors), "--activities", str(activities)])):
        started, out = time.monotonic(), io.StringIO()
        call_command(command, *args, stdout=out)
        first = (out.getvalue().strip().splitlines() or [""])[0]
        print(f"[bench] {command}: {time.monotonic() - started:.1f} s {first}", file=sys.stderr, flush=True)
    review, found = None, {}
    if actors:  # the pages' measurement (a surge measures sign-ups only)
        from bench import matching_review

        started = time.monotonic()
        review = matching_review.fill(participants=int(os.environ.get("BENCH_MATCHING_PARTICIPANTS", "2000")))
        print(f"[bench] matching programme: {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
        from bench import guides, links, overview, standing

        for fill in (standing.fill_group, standing.fill_decisions, standing.fill_dialogue,
                     standing.fill_ideas_and_partnerships, overview.fill_overview, guides.fill, links.fill_link):
            started = time.monotonic()
            found.update(fill())
            print(f"[bench] {fill.__name__}: {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
    # The query planner's statistics, as a running installation has them: PostgreSQL's
    # autovacuum collects them within a minute of a bulk insert, Samverka's SQLite backend
    # when a connection closes (samverka/core/sqlite). Without them a freshly filled
    # database would be measured with plans no production server keeps for long.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    if actors:  # the yearly cooperation report over the year just filled (bench/reports.py)
        from bench import reports

        found["report_yearly"] = reports.measure_yearly_report()
    print(json.dumps({"activity_page": activity_page(), "matching_review": review, **found}), flush=True)


def activity_page() -> str | None:
    """An invented activity that takes registrations, recurs and meets at a meeting place
    (fill_bench makes every 30th so), as a path; None when there are no activities."""
    from django.utils import translation

    from samverka.activities.models import Activity

    published = Activity.objects.filter(status=Activity.Status.PUBLISHED)
    activity = (published.filter(slug__startswith="bank-", place__isnull=False).exclude(rrule="")
                .exclude(capacity=None).order_by("pk").first() or published.order_by("pk").first())
    if activity is None:
        return None
    with translation.override("sv"):
        return activity.get_absolute_url()


if __name__ == "__main__":
    main()
