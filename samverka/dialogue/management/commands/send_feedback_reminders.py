"""Run once a day (cron or a systemd timer, in the morning): the official who answers a feedback
item is reminded when it is due within three days, and again when it is overdue. Safe to run as
often as you like: each reminder is sent once."""

from samverka.core.commands import DatedCommand
from samverka.dialogue import services_feedback


class Command(DatedCommand):
    help = "Queue the reminders for dialogue feedback that is due soon or overdue."

    def handle(self, *args, **options):
        day = self.today(options)
        sent = services_feedback.write_reminders(today=day)
        self.stdout.write(f"{sent} feedback reminders queued.")
