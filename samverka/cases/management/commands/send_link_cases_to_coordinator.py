"""Run once a day: the open cases of links across organisations that are late, that nobody
took within the link's working days, or that a party which has left still holds, go to the
link's coordinator (the deadline stays). Safe to run as often as you like: a case already
with the coordinator is not moved again."""

from django.core.management import BaseCommand

from samverka.cases import services


class Command(BaseCommand):
    help = "Send late or untaken cases of the links across organisations to their coordinators."

    def handle(self, *args, **options):
        moved = services.send_to_coordinators()
        self.stdout.write(f"{moved} link cases sent to their coordinators.")
