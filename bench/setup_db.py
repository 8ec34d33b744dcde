"""Prepare the bench database: `python -m bench.setup_db ACTORS` (run by `python -m bench`
with the production environment pointed at the bench database).

migrate, load_demo and fill_bench, in one process. The only difference from running them
by hand: the demo accounts' passwords are hashed with 1 000 PBKDF2 iterations instead of
Django's default of over a million (load_demo creates some 80 accounts, which takes a
minute). The hash names its own iteration count, so the server checks it as usual, and
upgrades it at the first login. At the end it runs ANALYZE (see below)."""

import io
import os
import sys
import time

import django


def main() -> None:
    actors = int(sys.argv[1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    django.setup()
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.core.management import call_command

    PBKDF2PasswordHasher.iterations = 1000
    for command, args in (("migrate", ["--noinput", "--verbosity", "0"]), ("load_demo", []),
                          ("fill_bench", ["--actors", str(actors)])):
        started, out = time.monotonic(), io.StringIO()
        call_command(command, *args, stdout=out)
        first = (out.getvalue().strip().splitlines() or [""])[0]
        print(f"[bench] {command}: {time.monotonic() - started:.1f} s {first}", file=sys.stderr, flush=True)
    # The query planner's statistics, as a running installation has them: PostgreSQL's
    # autovacuum collects them within a minute of a bulk insert, Samverka's SQLite backend
    # when a connection closes (samverka/core/sqlite). Without them a freshly filled
    # database would be measured with plans no production server keeps for long.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


if __name__ == "__main__":
    main()
