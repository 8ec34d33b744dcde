"""The trial server: Django's development server and the task worker side by side."""

import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve on http://127.0.0.1:8000 with a task worker (for trying Samverka, not production)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--interval", "1"])
        self.stdout.write(f"Samverka is running on http://{addrport}/  (stop with Ctrl+C)")
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.terminate()
