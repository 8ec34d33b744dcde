"""Run daily: matching programmes' follow-ups ("how is it going?") to both sides of each
match whose follow-up is due, reminders to coordinators of unanswered ones, runs left
going by a crash marked failed, and sign-ups nobody confirmed within a day forgotten. Safe to run as often as you like."""

from django.core.management.base import BaseCommand

from samverka.matching import services


class Command(BaseCommand):
    help = "Send matching programmes' due follow-ups and remind coordinators of unanswered ones."

    def handle(self, *args, **options):
        done = services.send_follow_ups()
        self.stdout.write(f"{done['follow_ups']} follow-ups sent, {done['reminders']} unanswered ones reminded, "
                          f"{done['failed_runs']} stuck runs marked failed, {done['ended']} matches of paused volunteers ended, "
                          f"{done['unconfirmed_forgotten']} unconfirmed sign-ups forgotten.")
