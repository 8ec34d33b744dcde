"""Run hourly: read every partner municipality's signed feed of open places (regional
programmes). A feed that is down, garbage or badly signed changes nothing; the cause is
shown on the coordinator's page. Safe to run as often as you like."""

from django.core.management.base import BaseCommand

from samverka.matching import regional


class Command(BaseCommand):
    help = "Read the partner municipalities' feeds of regional programmes."

    def handle(self, *args, **options):
        done = regional.fetch_all()
        self.stdout.write(f"{done['read']} feeds read, {done['failed']} not read (see the coordinators' pages).")
