"""Periodic (e.g. daily): ask the representatives of every actor whose details were last
confirmed over a year ago, and who were not asked in the last 30 days, to check them."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from samverka.actors.models import ANNUAL_UPDATE_AFTER, Actor
from samverka.actors.services import request_annual_update


class Command(BaseCommand):
    help = "Ask for the annual update of actors whose details are over a year old."

    def handle(self, *args, **options):
        now = timezone.now()
        due = list(
            Actor.objects.published()
            .filter(last_confirmed_at__lt=now - ANNUAL_UPDATE_AFTER)
            .filter(Q(update_requested_at__isnull=True) | Q(update_requested_at__lt=now - timedelta(days=30)))
        )
        count = request_annual_update(by=None, actors=due) if due else 0
        self.stdout.write(f"Asked {count} actors for their annual update.")
