"""Imports against their floor: `python -m bench.imports [--associations 5000] [--activities 20000]`.

Measures, in a fresh test database (SQLite in memory, or PostgreSQL through DATABASE_URL):

- `import_associations`: a CSV of N associations (Windows-1252, semicolons, a few refused rows)
  through the whole import (`setup.services.run_import`: reading, checks, batches of 1 000 through
  `actors.services.import_actors`), next to the floor: the same actors inserted by `bulk_create`;
- `reimport_associations`: the same file again (every row matched and compared, nothing doubled);
- `import_activities`: an iCalendar feed of M weekly events through `setup.feeds.sync` (each event
  through `activities.services.create_activity`, with its occasions), next to the floor: the same
  activities and occurrences inserted by `bulk_create`.

Prints one JSON line per measure: {"name", "value", "unit", "ratio"}, ratio = floor / value (1.0
would be as fast as the floor). `bench/cli.py` can call `main([...])` after its own runs."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _orgnr(n: int) -> str:
    from stdnum import luhn

    digits = f"802{n:06d}"
    return f"{digits[:6]}-{digits[6:]}{luhn.calc_check_digit(digits)}"


def association_rows(count: int) -> list[list[str]]:
    rows = [["Föreningsnamn", "Organisationsnummer", "E-post", "Telefon", "Webbplats", "Verksamhet"]]
    for i in range(count):
        number = "123456-7890" if i % 997 == 13 else _orgnr(i)  # a few invalid numbers
        rows.append([f"Föreningen Ålö nr {i}", number, f"styrelsen{i}@example.org", "08-560 123 45",
                     f"forening{i}.example.org", "Båtvård, segling och fika för alla åldrar."])
    return rows


def _csv(rows: list[list[str]]) -> bytes:
    return ("\r\n".join(";".join(row) for row in rows) + "\r\n").encode("cp1252")


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def bench_associations(count: int, admin) -> list[dict]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from samverka.actors.models import Actor
    from samverka.actors.services import _give_slugs
    from samverka.setup import services
    from samverka.setup.models import ImportJob

    rows = association_rows(count)

    def floor():
        actors = []
        for name, number, email, phone, website, description in rows[1:]:
            if number == "123456-7890":
                continue  # refused by the import too: the floor inserts the rows that go in
            actor = Actor(name=name, organisation_number=number, email=email, phone=phone,
                          website=f"https://{website}", description=description, kind="association", summary="")
            actor.set_derived()
            actors.append(actor)
        _give_slugs(actors)
        Actor.objects.bulk_create(actors, batch_size=500)

    floor_seconds = _timed(floor)
    Actor.objects.all().delete()

    def run_once():
        job = services.upload_import(by=admin, kind="actors", upload=SimpleUploadedFile("register.csv", _csv(rows)))
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED)
        done = services.run_import(job.pk)
        assert done.status == ImportJob.Status.DONE, done.message
        return done

    first = {}
    seconds = _timed(lambda: first.setdefault("job", run_once()))
    again = _timed(run_once)
    job = first["job"]
    assert Actor.objects.count() == job.created_count
    return [
        {"name": "import_associations", "value": round(seconds, 3), "unit": "s", "ratio": round(floor_seconds / seconds, 3),
         "rows": count, "created": job.created_count, "refused": job.refused_count,
         "floor": round(floor_seconds, 3)},
        {"name": "reimport_associations", "value": round(again, 3), "unit": "s", "ratio": round(floor_seconds / again, 3),
         "rows": count, "floor": round(floor_seconds, 3)},
    ]


def calendar_feed(count: int) -> bytes:
    start = datetime(2027, 1, 4, 18, 0)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Bench//SV"]
    for i in range(count):
        when = start + timedelta(hours=i % 300)
        lines += ["BEGIN:VEVENT", f"UID:bench-{i}@example.org", "DTSTAMP:20261201T100000Z",
                  f"DTSTART;TZID=Europe/Stockholm:{when:%Y%m%dT%H%M%S}",
                  f"DTEND;TZID=Europe/Stockholm:{when + timedelta(hours=2):%Y%m%dT%H%M%S}",
                  f"SUMMARY:Träff nummer {i}", "LOCATION:Kajutan\\, Ekerö centrum",
                  "RRULE:FREQ=WEEKLY;COUNT=4", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def bench_activities(count: int, admin) -> list[dict]:
    from samverka.activities import recurrence
    from samverka.activities.models import Activity, Occurrence
    from samverka.actors.models import Actor
    from samverka.setup import feeds
    from samverka.setup.models import CalendarFeed

    body = calendar_feed(count)
    club = Actor(name="Ekerö Schackklubb", slug="ekero-schackklubb", kind="association", summary="")
    club.save()
    items = feeds.parse(body)

    def floor():
        activities = [Activity(actor=club, slug=f"bench-{i}", **{k: v for k, v in item.data.items()})
                      for i, item in enumerate(items)]
        for activity in activities:
            activity.search_text = activity.title
        Activity.objects.bulk_create(activities, batch_size=500)
        occurrences = [Occurrence(activity=a, start=s.start, end=s.end, day=s.day, cancelled=False)
                       for a in activities for s in recurrence.expand(start=a.start, end=a.end, rule=a.rrule)]
        Occurrence.objects.bulk_create(occurrences, batch_size=1000)

    floor_seconds = _timed(floor)
    Activity.objects.all().delete()
    feed = CalendarFeed.objects.create(url="https://kalender.example.org/bench.ics", actor=club)
    result = {}
    seconds = _timed(lambda: result.update(feeds.sync(feed, by=admin, body=body)))
    assert result["created"] == count, result
    return [{"name": "import_activities", "value": round(seconds, 3), "unit": "s",
             "ratio": round(floor_seconds / seconds, 3), "rows": count, "floor": round(floor_seconds, 3)}]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--associations", type=int, default=5000)
    parser.add_argument("--activities", type=int, default=20000, help="0 to skip")
    options = parser.parse_args(argv)
    _django()
    from django.core.files.storage import FileSystemStorage
    from django.db import connection
    from django.test.utils import setup_test_environment

    from samverka.accounts.models import User
    from samverka.core import storage

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    storage.private._wrapped = FileSystemStorage(location=tempfile.mkdtemp(prefix="bench-imports-"))
    admin = User.objects.create_superuser(email="bench@example.org", password="bench-imports")  # noqa: S106
    results = bench_associations(options.associations, admin)
    if options.activities:
        results += bench_activities(options.activities, admin)
    for line in results:
        print(json.dumps(line, ensure_ascii=False))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
