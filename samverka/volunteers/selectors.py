"""Reads the volunteers' pages share: a person's own assignments and hours, and the
assignments on the needs and activities they lead. Each a fixed number of queries."""

from __future__ import annotations

from django.db.models import Sum

from .models import Assignment, HoursLog, Volunteer


def volunteer_of(user) -> Volunteer | None:
    """The signed-in person's volunteer profile, if they have one."""
    return Volunteer.objects.filter(user=user).first() if user.is_authenticated else None


def own_assignments(volunteer: Volunteer, *, limit: int = 100) -> list[Assignment]:
    """The volunteer's assignments, with the hours logged on each (`total`)."""
    return list(volunteer.assignments.select_related("need", "activity").annotate(total=Sum("hours__hours"))
                .order_by("status", "-created_at")[:limit])


def recent_hours(volunteer: Volunteer, *, limit: int = 20) -> list[HoursLog]:
    return list(volunteer.hours.select_related("assignment__need", "assignment__activity")[:limit])


def led_assignments(user, *, limit: int = 200) -> list[Assignment]:
    """The assignments on the needs and activities `user` leads, with their hours (`total`)."""
    return list(Assignment.objects.led_by(user).select_related("volunteer", "need", "activity")
                .annotate(total=Sum("hours__hours")).order_by("status", "volunteer__name")[:limit])


def assignments_on_need(need) -> list[Assignment]:
    """The volunteers given a need, with their hours (`total`), for its publisher."""
    return list(Assignment.objects.filter(need=need).select_related("volunteer")
                .annotate(total=Sum("hours__hours")).order_by("volunteer__name"))
