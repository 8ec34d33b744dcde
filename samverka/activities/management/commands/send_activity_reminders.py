"""Run once an hour (or once a day, in the morning): participants with a place get a
reminder the day before. Safe to run as often as you like: each reminder is sent once.
Also erases participants' details three months after their date, and registrations
nobody confirmed within a day."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from samverka.activities import services


class Command(BaseCommand):
    help = "Queue tomorrow's activity reminders, erase old registrations and remove unconfirmed ones."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend that today is this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError("--today must be a date like 2026-10-26") from None
        reminded = services.write_reminders(today=day)
        forgotten = services.forget_old_registrations()
        unconfirmed = services.forget_unconfirmed_registrations()
        self.stdout.write(f"{reminded} reminders queued, {forgotten} old registrations erased, "
                          f"{unconfirmed} unconfirmed registrations removed.")
