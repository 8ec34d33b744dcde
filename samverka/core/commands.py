"""What the daily commands share: `--today` to run them as on another day (tests, catching up
after a stop)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError


class DatedCommand(BaseCommand):
    """A command that takes `--today YYYY-MM-DD`; `self.today(options)` is that date or None
    (today)."""

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend that today is this date (YYYY-MM-DD).")

    def today(self, options) -> date | None:
        value = options.get("today")
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            raise CommandError("--today must be a date like 2027-01-31") from None
