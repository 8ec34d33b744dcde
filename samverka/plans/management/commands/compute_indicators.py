"""Run once a day (cron or a systemd timer, at night): writes today's value of every computed
indicator of the action plans not archived. Safe to run as often as you like: a date is
written once per indicator (a second run finds it and writes nothing)."""

from samverka.core.commands import DatedCommand
from samverka.plans import services


class Command(DatedCommand):
    help = "Compute today's values of the action plans' computed indicators."

    def handle(self, *args, **options):
        written = services.compute_indicators(today=self.today(options))
        self.stdout.write(f"{written} indicator values written.")
