import time

from django.core.management.base import BaseCommand

from samverka.crisis.services import process_received


class Command(BaseCommand):
    help = ('Make volunteers of the received "I can help" forms and send their confirmations '
            "(periodic safety net; the task worker does it as they arrive).")

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, every --interval seconds.")
        parser.add_argument("--interval", type=float, default=30, help="Seconds between runs with --loop (30).")

    def handle(self, *args, loop=False, interval=30, **options):
        while True:
            self.stdout.write(f"processed {process_received()}")
            self.stdout.flush()
            if not loop:
                return
            time.sleep(max(interval, 0.1))
