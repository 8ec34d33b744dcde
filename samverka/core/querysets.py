"""QuerySet methods several apps share."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class DutyQuerySet(models.QuerySet):
    """Obligations with a status "open" and a due date (`due_field`): a group's follow-up
    points, a dialogue's feedback items. Lists show the overdue first, then the open by date,
    then the rest."""

    due_field = "due_on"

    def open(self):
        return self.filter(status="open")

    def overdue(self, today=None):
        return self.open().filter(**{f"{self.due_field}__lt": today or timezone.localdate()})

    def overdue_first(self, today=None):
        today = today or timezone.localdate()
        return self.annotate(
            _order=models.Case(
                models.When(Q(status="open") & Q(**{f"{self.due_field}__lt": today}), then=0),
                models.When(status="open", then=1), default=2, output_field=models.IntegerField()),
        ).order_by("_order", self.due_field, "pk")
