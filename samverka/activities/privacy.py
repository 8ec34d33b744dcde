"""A person's registrations for activities, for "see my data" and "delete my account"
(samverka.portal calls every app's `privacy` module)."""

from __future__ import annotations

from django.utils import timezone

from . import services
from .models import Registration


def personal_data(user) -> dict:
    return {"activity_registrations": [
        {"activity": r.occurrence.activity.title, "starts": r.occurrence.start.isoformat(), "status": r.status,
         "name": r.name, "email": r.email, "phone": r.phone, "registered": r.created_at.isoformat()}
        for r in Registration.objects.filter(user=user).select_related("occurrence__activity")
        .order_by("occurrence__start", "pk")
    ]}


def erase(user) -> None:
    """A place on a date still to come goes to the first on the waiting list (through the
    cancellation service, as if the person had cancelled); then every registration, with
    the name and contact details in it, is deleted."""
    upcoming = Registration.objects.filter(user=user, status__in=Registration.ACTIVE,
                                           occurrence__end__gt=timezone.now())
    for token in upcoming.values_list("cancel_token", flat=True):
        services.cancel_registration(by=user, token=token)
    Registration.objects.filter(user=user).delete()
