import time

from django.core.management.base import BaseCommand

from samverka.communication.services import deliver_due


class Command(BaseCommand):
    help = "Send due e-mail and SMS from the outbox (periodic safety net; the task worker does it too)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, every --interval seconds.")
        parser.add_argument("--interval", type=float, default=30, help="Seconds between runs with --loop (30).")

    def handle(self, *args, loop=False, interval=30, **options):
        while True:
            counts = deliver_due()
            self.stdout.write(f"sent {counts['sent']}, retry {counts['retry']}, failed {counts['failed']}")
            self.stdout.flush()
            if not loop:
                return
            time.sleep(max(interval, 0.1))
