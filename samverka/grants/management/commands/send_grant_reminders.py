"""Run once a day (cron or a systemd timer, in the morning): follow-up reports due within two
weeks get a reminder, and overdue ones another. Safe to run as often as you like: each
reminder is sent once."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from samverka.grants import services


class Command(BaseCommand):
    help = "Queue the reminders for follow-up reports that are due soon or overdue."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend that today is this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError("--today must be a date like 2027-01-31") from None
        sent = services.write_report_reminders(today=day)
        self.stdout.write(f"{sent} follow-up report reminders queued.")
