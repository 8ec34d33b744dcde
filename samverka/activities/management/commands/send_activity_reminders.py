"""Run once an hour (or once a day, in the morning): participants with a place get a
reminder the day before. Safe to run as often as you like: each reminder is sent once.
Also erases participants' details three months after their date, and registrations
nobody confirmed within a day."""

from samverka.activities import services
from samverka.core.commands import DatedCommand


class Command(DatedCommand):
    help = "Queue tomorrow's activity reminders, erase old registrations and remove unconfirmed ones."

    def handle(self, *args, **options):
        day = self.today(options)
        reminded = services.write_reminders(today=day)
        forgotten = services.forget_old_registrations()
        unconfirmed = services.forget_unconfirmed_registrations()
        self.stdout.write(f"{reminded} reminders queued, {forgotten} old registrations erased, "
                          f"{unconfirmed} unconfirmed registrations removed.")
