"""Samverka's benchmark: `python -m bench` (or `make bench`, `python3 dev.py bench`).

In one run it builds a fresh database (SQLite in a temporary folder, or PostgreSQL with
--postgres / BENCH_DATABASE_URL), migrates it, loads the demo municipality and fills the
register with 5 000 invented actors; starts the production app server (gunicorn) on
127.0.0.1 with production settings; and measures requests per second and latency of the
directory (anonymous and logged in, with and without filters) and an actor page, next to
a floor view (/_floor: a fixed response, no template, no database) served by the same
server in the same run. Then a surge of "I can help" sign-ups from 50 clients, next to a
floor for writes, with the SMS and mail provider failing for a while (bench/surge.py).
It prints one JSON line per figure to stdout; progress goes to stderr. Everything it starts and creates is stopped and removed at the end.
"""
