"""The trial server: Django's development server and the task worker side by side."""

import os
import re
import signal
import socket
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.commands.runserver import naiveip_re

WILDCARDS = {"0", "0.0.0.0", "[::]"}  # noqa: S104  # nosec: B104  # recognised, not bound to


def site_url_for(addrport: str) -> str:
    """The address links in e-mail and SMS point at, for a server on `addrport` ("8001",
    "127.0.0.1:8001", "[::1]:8001", "0.0.0.0:8000"): the address served on; for every
    interface, this machine's name, which the others on the network can reach."""
    match = re.match(naiveip_re, addrport)
    if match is None:
        raise CommandError(f'"{addrport}" is not a port number or address:port pair.')
    addr, _ipv4, _ipv6, _fqdn, port = match.groups()  # an IPv6 address keeps its brackets
    if not addr:
        addr = "127.0.0.1"
    elif addr in WILDCARDS:
        addr = socket.gethostname()
    return f"http://{addr}:{port}"


class Command(BaseCommand):
    help = "Serve on http://127.0.0.1:8000 with a task worker (for trying Samverka, not production)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--load-demo", action="store_true",
                            help="load the demo municipality first (its messages then link to this server)")

    def handle(self, *args, addrport, load_demo=False, **options):
        # Links in e-mail and SMS lead to this server, unless SITE_URL names another address
        # (a proxy in front of it). The worker sends them, so it is told too.
        site_url = os.environ.get("SITE_URL") or site_url_for(addrport)
        settings.SITE_URL = site_url
        if load_demo:
            call_command("load_demo")
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--interval", "1"],
                                  env={**os.environ, "SITE_URL": site_url})
        self.stdout.write(f"Samverka is running on http://{addrport}/  (stop with Ctrl+C)")
        self.stdout.write(f"Links in e-mail and SMS lead to {site_url}/")
        # `kill` (SIGTERM) must stop the worker too, as Ctrl+C does: turn it into SystemExit so
        # the `finally` below runs.
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
            signal.signal(signal.SIGTERM, previous)
