"""Run once a day (cron or a systemd timer, in the morning): milestones of active partnerships
whose follow-up date (else due date) is within two weeks get a reminder to the office and the
parties. Safe to run as often as you like: each milestone is reminded once."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from samverka.partnerships import services


class Command(BaseCommand):
    help = "Queue the reminders for partnership milestones that are coming up."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend that today is this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError("--today must be a date like 2027-01-31") from None
        sent = services.write_milestone_reminders(today=day)
        self.stdout.write(f"{sent} milestone reminders queued.")
