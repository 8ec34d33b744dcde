"""Run daily: every app erases or anonymises what has passed its retention rule
(docs/privacy.md). Safe to run as often as you like."""

from django.core.management.base import BaseCommand

from samverka.portal import services


class Command(BaseCommand):
    help = "Erase personal data that has passed its retention rule, in every app."

    def handle(self, *args, **options):
        erased = services.apply_retention()
        self.stdout.write(", ".join(f"{app}: {count}" for app, count in erased.items()) or "Nothing to erase.")
