"""Periodic (e.g. daily): erase the personal details of help requests in crises that were
closed longer ago than their retention period, except requests kept for a case."""

from django.core.management.base import BaseCommand

from samverka.crisis.services import erase_expired


class Command(BaseCommand):
    help = "Erase help requests' personal details after the crisis' retention period."

    def handle(self, *args, **options):
        count = erase_expired()
        self.stdout.write(f"Erased the personal details of {count} help requests.")
