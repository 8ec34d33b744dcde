"""A person's volunteer profile, assignments and hours, for "see my data" and "delete my
account" (samverka.portal calls every app's `privacy` module). A volunteer who signed up
without an account (in a crisis) is the person's when it carries one of the account's
verified e-mail addresses."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q

from samverka.core.privacy import (
    CONFIGURATION,
    WITH_PARENT,
    email_in,
    kept,
    verified_emails,
)

from .models import Availability, Volunteer

KEEP_LEFT = timedelta(days=90)
AS_VOLUNTEER = "while the account exists; without an account, until 90 days after the volunteer left"

FIELDS = {
    "HelpKind": kept(retention=CONFIGURATION, public=["name", "name_en", "name_ar", "slug"], internal=["position"]),
    "Volunteer": kept(
        retention=AS_VOLUNTEER,
        personal=["user", "name", "email", "phone", "districts", "languages", "help_kinds", "areas", "skills",
                  "will_not_do", "availability", "record_seen_on", "record_seen_by", "consent_sms", "crisis_help",
                  "consent_email", "status"],
        sensitive=["record_checked_on"],
        internal=["confirmed_at", "created_at", "updated_at"],
    ),
    "Assignment": kept(retention=WITH_PARENT, personal=["volunteer", "role", "status"],
                       internal=["need", "activity", "created_by", "created_at", "updated_at"]),
    "HoursLog": kept(retention=WITH_PARENT, personal=["volunteer", "date", "hours", "note"],
                     internal=["assignment", "created_at"]),
}


def volunteers_of(user):
    """The person's volunteer: linked to the account, or with a verified address and no account."""
    return Volunteer.objects.filter(Q(user=user) | (Q(user=None) & email_in("email", verified_emails(user))))


def personal_data(user) -> dict:
    volunteer = volunteers_of(user).prefetch_related("districts", "languages", "help_kinds", "areas").first()
    if volunteer is None:
        return {"volunteer": {}}
    return {"volunteer": {
        "name": volunteer.name, "email": volunteer.email, "phone": volunteer.phone, "status": volunteer.status,
        "skills": volunteer.skills, "will_not_do": volunteer.will_not_do,
        "availability": Availability.to_slots(volunteer.availability),
        "districts": [str(d) for d in volunteer.districts.all()], "languages": [str(x) for x in volunteer.languages.all()],
        "help_kinds": [str(k) for k in volunteer.help_kinds.all()], "areas": [str(a) for a in volunteer.areas.all()],
        "record_checked_on": volunteer.record_checked_on.isoformat() if volunteer.record_checked_on else None,
        "record_seen_on": volunteer.record_seen_on.isoformat() if volunteer.record_seen_on else None,
        "consent_email": volunteer.consent_email, "consent_sms": volunteer.consent_sms,
        "crisis_help": volunteer.crisis_help,
        "assignments": [{"task": str(a.task), "role": a.role, "status": a.status, "since": a.created_at.isoformat()}
                        for a in volunteer.assignments.select_related("need", "activity")],
        "hours": [{"date": h.date.isoformat(), "hours": str(h.hours), "note": h.note} for h in volunteer.hours.all()],
    }}


def erase(user) -> None:
    """The person's volunteer goes with the account, with assignments, hours and crisis
    tasks."""
    volunteers_of(user).delete()


def expire(*, now) -> int:
    """A volunteer without an account who left 90 days ago (not changed since) goes."""
    _total, deleted = Volunteer.objects.filter(user=None, status=Volunteer.Status.LEFT,
                                               updated_at__lt=now - KEEP_LEFT).delete()
    return deleted.get("volunteers.Volunteer", 0)
