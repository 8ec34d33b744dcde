"""Run once a day (cron or a systemd timer, in the morning): the official who answers a feedback
item is reminded when it is due within three days, and again when it is overdue. Safe to run as
often as you like: each reminder is sent once."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from samverka.dialogue import services_feedback


class Command(BaseCommand):
    help = "Queue the reminders for dialogue feedback that is due soon or overdue."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend that today is this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError("--today must be a date like 2027-01-31") from None
        sent = services_feedback.write_reminders(today=day)
        self.stdout.write(f"{sent} feedback reminders queued.")
