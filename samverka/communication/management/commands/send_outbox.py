import time

from django.core.management.base import BaseCommand

from samverka.communication.services import deliver_due


class Command(BaseCommand):
    help = "Send due e-mail and SMS from the outbox (periodic safety net; the task worker does it too)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, every 30 seconds.")

    def handle(self, *args, loop=False, **options):
        while True:
            counts = deliver_due()
            self.stdout.write(f"sent {counts['sent']}, retry {counts['retry']}, failed {counts['failed']}")
            if not loop:
                return
            time.sleep(30)
