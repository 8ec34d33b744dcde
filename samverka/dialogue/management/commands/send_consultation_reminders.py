"""Run once a day (cron or a systemd timer, in the morning): recipients of a consultation who have
not sent their answer are reminded `remind_days_before` days before the deadline. Safe to run as
often as you like: each recipient is reminded once."""

from django.core.management.base import BaseCommand

from samverka.dialogue import services_consultations


class Command(BaseCommand):
    help = "Queue the reminders for consultation answers that are due soon."

    def handle(self, *args, **options):
        sent = services_consultations.write_reminders()
        self.stdout.write(f"{sent} consultation reminders queued.")
