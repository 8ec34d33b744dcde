"""A person's registrations for activities and the meeting places they proposed, for
"see my data" and "delete my account" (samverka.portal calls every app's `privacy`
module). A registration made without logging in is the person's when it carries one of
the account's verified e-mail addresses."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from samverka.core.privacy import email_in, kept, verified_emails

from . import services
from .models import MeetingPlace, Registration

ACCESSIBILITY = ["step_free_entry", "hearing_loop", "accessible_toilet", "accessibility_notes"]

FIELDS = {
    "MeetingPlace": kept(
        retention="while the place is in the list (a place's public details)",
        public=[*ACCESSIBILITY, "name", "slug", "kind", "address", "district", "opening_hours", "offers",
                "target_groups", "website", "status", "owner"],
        personal=["proposed_by", "reviewed_by"],
        internal=["reviewed_at", "review_note", "created_at", "updated_at", "sort_name", "search_text"],
    ),
    "Activity": kept(
        retention="while the organiser keeps it (public details of an activity)",
        public=[*ACCESSIBILITY, "actor", "office", "title", "slug", "summary", "description", "start", "end", "rrule",
                "exdates", "moved", "place", "address", "district", "areas", "target_groups", "min_age", "max_age", "languages",
                "sdg_goals", "cost", "is_free", "image", "image_alt", "registration_mode", "capacity",
                "registration_deadline", "status"],
        personal=["created_by"],
        internal=["created_at", "updated_at", "search_text"],
    ),
    "Occurrence": kept(retention="with the activity", public=["activity", "start", "end", "day", "cancelled"]),
    "Registration": kept(
        retention="90 days after the activity's date",
        personal=["user", "name", "email", "phone"],
        internal=["occurrence", "status", "position", "cancel_token", "language", "created_at", "cancelled_at"],
    ),
    "Feature": kept(retention="with the activity", public=["activity", "starts_on", "ends_on"],
                    personal=["created_by"], internal=["created_at"]),
}


def _registrations_of(user):
    return Registration.objects.filter(Q(user=user) | email_in("email", verified_emails(user)))


def personal_data(user) -> dict:
    return {
        "activity_registrations": [
            {"activity": r.occurrence.activity.title, "starts": r.occurrence.start.isoformat(), "status": r.status,
             "name": r.name, "email": r.email, "phone": r.phone, "registered": r.created_at.isoformat()}
            for r in _registrations_of(user).select_related("occurrence__activity").order_by("occurrence__start", "pk")
        ],
        "meeting_places_proposed": [
            {"place": p.name, "status": p.status, "proposed": p.created_at.isoformat()}
            for p in MeetingPlace.objects.filter(proposed_by=user).order_by("created_at")
        ],
    }


def erase(user) -> None:
    """A place on a date still to come goes to the first on the waiting list (through the
    cancellation service, as if the person had cancelled); then every registration, with
    the name and contact details in it, is deleted. Proposed places stay, without the link
    to the person (`proposed_by` is set to null with the account)."""
    registrations = _registrations_of(user)
    upcoming = registrations.filter(status__in=Registration.ACTIVE, occurrence__end__gt=timezone.now())
    for token in upcoming.values_list("cancel_token", flat=True):
        services.cancel_registration(by=user, token=token)
    registrations.delete()


def expire(*, now) -> int:
    return services.forget_old_registrations(now=now)
