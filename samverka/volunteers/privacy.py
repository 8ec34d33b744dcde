"""A person's volunteer profile, assignments and hours, for "see my data" and "delete my
account" (samverka.portal calls every app's `privacy` module)."""

from __future__ import annotations

from .models import Availability, Volunteer


def personal_data(user) -> dict:
    volunteer = Volunteer.objects.filter(user=user).prefetch_related("districts", "languages", "help_kinds",
                                                                     "areas").first()
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
        "assignments": [{"task": str(a.task), "status": a.status, "since": a.created_at.isoformat()}
                        for a in volunteer.assignments.select_related("need", "activity")],
        "hours": [{"date": h.date.isoformat(), "hours": str(h.hours), "note": h.note} for h in volunteer.hours.all()],
    }}


def erase(user) -> None:
    """The person's volunteer goes with the account, with assignments and hours."""
    Volunteer.objects.filter(user=user).delete()
