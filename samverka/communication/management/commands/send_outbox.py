import time

from django.core.management.base import BaseCommand

from samverka.communication.limits import forget_old_sends
from samverka.communication.services import deliver_due

FORGET_EVERY = 3600  # seconds: the caps' old sends are removed once an hour with --loop


class Command(BaseCommand):
    help = ("Send due e-mail and SMS from the outbox (periodic safety net; the task worker does it too), "
            "and forget the old sends of the caps on messages to typed addresses.")

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, every --interval seconds.")
        parser.add_argument("--interval", type=float, default=30, help="Seconds between runs with --loop (30).")

    def handle(self, *args, loop=False, interval=30, **options):
        forgotten_at = None
        while True:
            if forgotten_at is None or time.monotonic() - forgotten_at >= FORGET_EVERY:
                forget_old_sends()
                forgotten_at = time.monotonic()
            counts = deliver_due()
            self.stdout.write(f"sent {counts['sent']}, retry {counts['retry']}, failed {counts['failed']}")
            self.stdout.flush()
            if not loop:
                return
            time.sleep(max(interval, 0.1))
