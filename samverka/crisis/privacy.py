"""What crisis mode keeps about a person, for "see my data" and "delete my account"
(samverka.portal calls every app's `privacy` module): the help they asked for and the
crises they signed up to help in. Help requests have no account: a request is the
person's when it carries one of the account's verified e-mail addresses."""

from __future__ import annotations

from django.utils import timezone

from samverka.core.privacy import email_in, kept, verified_emails
from samverka.volunteers.privacy import volunteers_of

from . import services
from .models import CrisisVolunteer, HelpProvider, HelpRequest, ProviderTask, ReceivedSignUp, Task

AFTER_CRISIS = "the crisis' own number of days (90 unless set) after the crisis closed"

FIELDS = {
    "Crisis": kept(
        retention="kept (what the municipality did in a crisis)",
        public=["name", "message", "help_kinds", "triage_offices", "is_active", "started_at", "ended_at"],
        personal=["started_by", "ended_by"],
        internal=["retention_days", "erased_at", "release_started_at"],
    ),
    "CrisisVolunteer": kept(
        retention="with the volunteer",
        personal=["volunteer", "signed_up_at", "confirmed_at", "released_at", "choice", "chosen_at"],
        internal=["crisis", "channel", "confirm_token", "confirm_code", "confirm_expires_at", "confirm_attempts",
                  "confirm_sent", "confirm_sent_at", "language"],
    ),
    "ReceivedSignUp": kept(
        retention="the form's answers until the volunteer is made from them (minutes); the row "
                  + AFTER_CRISIS,
        personal=["data"],
        internal=["crisis", "token", "language", "received_at", "processed_at", "attempts", "link"],
    ),
    "HelpRequest": kept(
        retention=AFTER_CRISIS + "; a request kept for a case is a public record",
        personal=["name", "contact_name", "phone", "email", "district", "address", "when", "help_kinds",
                  "entered_by", "for_whom"],
        sensitive=["what", "triage_note", "outcome_note"],
        internal=["crisis", "reference", "language", "priority", "status", "keep_for_case", "created_at",
                  "triaged_at", "closed_at", "erased_at"],
    ),
    "HelpProvider": kept(
        retention="kept (which association helped in a crisis); the contact person and phone " + AFTER_CRISIS,
        public=["crisis", "actor", "hours"],
        personal=["contact_name", "contact_phone", "joined_by"],
        internal=["is_paused", "paused_at", "joined_at"],
    ),
    "ProviderCapacity": kept(
        retention="with the help provider",
        internal=["provider", "help_kind", "per_day"],
    ),
    "ProviderTask": kept(
        retention="with the help request; who went " + AFTER_CRISIS,
        personal=["helpers", "handed_by", "accepted_by"],
        internal=["help_request", "provider", "help_kind", "status", "handed_at", "accepted_at", "done_at"],
    ),
    "Task": kept(
        retention="with the help request; the note " + AFTER_CRISIS,
        personal=["volunteer", "note", "offered_by"],
        internal=["help_request", "status", "token", "code", "offered_at", "answered_at", "done_at"],
    ),
}


def _help_requests_of(user):
    return HelpRequest.objects.filter(email_in("email", verified_emails(user)), erased_at__isnull=True)


def _signups_of(user):
    return ReceivedSignUp.objects.filter(email_in("data__email", verified_emails(user)))


def personal_data(user) -> dict:
    volunteers = volunteers_of(user)
    return {
        "help_requests": [
            {"crisis": r.crisis.name, "reference": r.reference, "received": r.created_at.isoformat(),
             "for_whom": r.for_whom, "name": r.name, "contact_name": r.contact_name, "phone": r.phone,
             "email": r.email, "district": r.district.name if r.district_id else None, "address": r.address,
             "what": r.what, "when": r.when, "help_kinds": [str(k) for k in r.help_kinds.all()],
             "status": r.status, "triage_note": r.triage_note, "outcome_note": r.outcome_note,
             "kept_for_case": r.keep_for_case,
             "help_provider": ", ".join(t.provider.actor.name for t in r.provider_tasks.all()),
             "helpers": ", ".join(t.helpers for t in r.provider_tasks.all() if t.helpers)}
            for r in _help_requests_of(user).select_related("crisis", "district")
            .prefetch_related("help_kinds", "provider_tasks__provider__actor").order_by("created_at")
        ],
        "crisis_signups": [
            {"crisis": link.crisis.name, "signed_up": link.signed_up_at.isoformat(),
             "confirmed": link.confirmed_at.isoformat() if link.confirmed_at else None,
             "told_not_needed": link.released_at.isoformat() if link.released_at else None,
             "choice": link.choice}
            for link in CrisisVolunteer.objects.filter(volunteer__in=volunteers).select_related("crisis")
        ],
        "crisis_forms": [
            {"received": s.received_at.isoformat(), "answers": s.data}
            for s in _signups_of(user).exclude(data={})
        ],
        "crisis_providers": [
            {"crisis": p.crisis.name, "association": p.actor.name, "contact_name": p.contact_name,
             "contact_phone": p.contact_phone, "hours": p.hours, "joined": p.joined_at.isoformat()}
            for p in HelpProvider.objects.filter(joined_by=user).select_related("crisis", "actor")
        ],
        "crisis_tasks": [
            {"help_request": t.help_request.reference, "status": t.status, "offered": t.offered_at.isoformat(),
             "note": t.note}
            for t in Task.objects.filter(volunteer__in=volunteers).select_related("help_request")
        ],
    }


def erase(user) -> None:
    """The person's help requests lose every personal detail, except one kept for a case
    (a public record, restricted: it stays with the triaging office); the part of the
    municipality and the kinds of help stay, as numbers about the crisis. Forms not yet
    made into a volunteer are deleted; the volunteer and its tasks go with the volunteers
    app."""
    requests = _help_requests_of(user).filter(keep_for_case=False)
    Task.objects.filter(help_request__in=requests).exclude(note="").update(note="")
    ProviderTask.objects.filter(help_request__in=requests).exclude(helpers="").update(helpers="")
    requests.update(erased_at=timezone.now(), **services.PERSONAL_FIELDS)
    _signups_of(user).delete()
    # The contact a representative registered for their association goes with their account
    # (the association gives another; the triage sees it is missing).
    HelpProvider.objects.filter(joined_by=user).update(contact_name="", contact_phone="", joined_by=None)


def expire(*, now) -> int:
    """Help requests after the crisis' retention period, and volunteers told "not needed"
    who did not answer within services.RELEASE_ANSWER_DAYS (erased: the default)."""
    return services.erase_expired(now=now) + services.expire_released(now=now)
