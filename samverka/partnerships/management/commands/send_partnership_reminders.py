"""Run once a day (cron or a systemd timer, in the morning): milestones of active partnerships
whose follow-up date (else due date) is within two weeks get a reminder to the office and the
parties. Safe to run as often as you like: each milestone is reminded once."""

from samverka.core.commands import DatedCommand
from samverka.partnerships import services


class Command(DatedCommand):
    help = "Queue the reminders for partnership milestones that are coming up."

    def handle(self, *args, **options):
        day = self.today(options)
        sent = services.write_milestone_reminders(today=day)
        self.stdout.write(f"{sent} milestone reminders queued.")
