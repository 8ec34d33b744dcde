"""Run once a day (cron or a systemd timer, at night): recompute the overview's figures of the
last 13 months, or of every month with `--all`. Safe to run as often as you like."""

import time

from samverka.core.commands import DatedCommand
from samverka.overview import services


class Command(DatedCommand):
    help = "Recompute the overview's figures (the last 13 months, or every month with --all)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--all", action="store_true", dest="everything", help="Recompute every month.")

    def handle(self, *args, **options):
        began = time.monotonic()
        written = services.compute_figures(today=self.today(options), everything=options["everything"])
        self.stdout.write(f"{written} figures written in {time.monotonic() - began:.1f} s.")
