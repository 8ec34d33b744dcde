"""Run once a day (cron or a systemd timer, in the morning): follow-up reports due within two
weeks get a reminder, and overdue ones another. Safe to run as often as you like: each
reminder is sent once."""

from samverka.core.commands import DatedCommand
from samverka.grants import services


class Command(DatedCommand):
    help = "Queue the reminders for follow-up reports that are due soon or overdue."

    def handle(self, *args, **options):
        day = self.today(options)
        sent = services.write_report_reminders(today=day)
        self.stdout.write(f"{sent} follow-up report reminders queued.")
