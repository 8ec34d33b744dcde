"""Run every few hours (cron or a systemd timer): every calendar feed is fetched and its events
synced to activities. A feed that is down changes nothing and says so on its page; the next run
tries again."""

from django.core.management.base import BaseCommand

from samverka.setup import feeds
from samverka.setup.models import CalendarFeed


class Command(BaseCommand):
    help = "Sync the activities of every calendar feed."

    def handle(self, *args, **options):
        failed = 0
        total = 0
        for feed in CalendarFeed.objects.select_related("actor", "office"):
            total += 1
            failed += feeds.sync(feed)["failed"]
        self.stdout.write(f"{total} feeds synced, {failed} could not be read.")
