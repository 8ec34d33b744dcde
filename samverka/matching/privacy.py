"""What matching programmes keep about a person, for "see my data" and "delete my account"
(samverka.portal calls every app's `privacy` module)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q

from samverka.core import audit
from samverka.core.privacy import CONFIGURATION, WITH_PARENT, email_in, kept, verified_emails
from samverka.volunteers.models import Availability

from . import regional, services
from .models import Match, Participant, Programme, Proposal, RemoteMatch

AFTER_LEAVING = "until the programme's retention period has passed after the participant left"

FIELDS = {
    "Programme": kept(
        retention=CONFIGURATION,
        public=["kind", "office", "name", "slug", "summary", "description", "sdg_goals", "status", "request_label",
                "request_intro", "offer_label", "offer_intro", "radius_km", "same_zone", "language_required",
                "availability_required", "required_check", "min_age", "max_age", "default_capacity", "trial_days",
                "check_in_days", "retention_days", "shared_regionally", "regional_code", "partners"],
        personal=["coordinators"],
        internal=["weights", "created_at", "updated_at"],
    ),
    "Coordinator": kept(retention="while the person coordinates the programme",
                        personal=["user", "added_by"], internal=["programme", "added_at"]),
    "Choice": kept(retention=CONFIGURATION, public=["name", "name_en", "name_ar", "programme", "group"],
                   internal=["position"]),
    "Participant": kept(
        retention=AFTER_LEAVING,
        personal=["user", "volunteer", "actor", "name", "email", "phone", "language", "district", "latitude",
                  "longitude", "max_km", "household", "kinds", "refuses", "interests", "languages", "availability",
                  "capacity", "details", "about", "urgent", "leave_reason"],
        sensitive=["sensitive", "check_seen_on"],
        internal=["programme", "side", "status", "token", "joined_at", "confirmed_at", "left_at", "created_at",
                  "updated_at"],
    ),
    "Run": kept(retention=WITH_PARENT, personal=["started_by"],
                internal=["programme", "status", "started_at", "finished_at", "matched", "unmatched", "total_score",
                          "blocked", "seconds", "error"]),
    "Proposal": kept(retention=AFTER_LEAVING, personal=["request", "offer", "reasons", "alternatives", "decided_by"],
                     internal=["run", "programme", "status", "locked", "score", "decided_at"]),
    "Match": kept(
        retention=AFTER_LEAVING,
        personal=["request", "offer", "created_by", "end_note"],
        internal=["programme", "proposal", "status", "request_token", "offer_token",
                  "request_confirmed_at", "offer_confirmed_at", "trial_ends_on", "next_check_in_on", "end_reason",
                  "created_at", "ended_at"],
    ),
    # Regional programmes: a partner's public facts and open places, never a person's data.
    "RegionalPartner": kept(retention=CONFIGURATION, public=["name", "base_url", "public_key", "active"],
                            internal=["checked_at", "fetched_at", "feed_issued_at", "error"]),
    "RemoteOffer": kept(retention="until the partner's next feed leaves it out",
                        public=["partner", "programme", "association", "organisation_number", "association_kind",
                                "area", "latitude", "longitude", "languages", "kinds", "interests", "places",
                                "holds_check"],
                        internal=["remote_id", "fetched_at"]),
    # The consent record (outgoing: what the person chose to share) and what a partner's person
    # shared (incoming): erased when declined or withdrawn, else with the participant.
    "RemoteMatch": kept(retention=AFTER_LEAVING, personal=["request", "offer", "shared", "reasons", "offer_name"],
                        internal=["programme", "partner", "direction", "reference", "status", "remote_offer",
                                  "offer_ref", "score", "token", "consented_at", "error", "created_at",
                                  "updated_at"]),
    "RegionalMessage": kept(retention="for the replay window (ten minutes)",
                            internal=["partner", "nonce", "kind", "received_at"]),
    "CheckIn": kept(retention=AFTER_LEAVING, personal=["note", "answered_by"],
                    internal=["match", "due_on", "sent_at", "reminded_at", "side", "answer", "answered_at"]),
}


# ---------------------------------------------------------------- a person's data


def participants_of(user):
    """The participations that are the person's: linked to the account, or under one of its
    verified e-mail addresses (a sign-up without an account)."""
    return Participant.objects.filter(Q(user=user) | email_in("email", verified_emails(user)))


def personal_data(user) -> dict:
    participations = []
    for p in participants_of(user).select_related("programme", "district").prefetch_related(
            "kinds", "refuses", "interests", "languages"):
        matches = Match.objects.filter(_either(p)).select_related("request", "offer").prefetch_related("check_ins")
        participations.append({
            "programme": p.programme.name, "side": p.side, "status": p.status, "name": p.name, "email": p.email,
            "phone": p.phone, "language": p.language, "district": str(p.district) if p.district else None,
            "latitude": str(p.latitude) if p.latitude is not None else None,
            "longitude": str(p.longitude) if p.longitude is not None else None, "max_km": p.max_km,
            "household": p.household, "kinds": [str(c) for c in p.kinds.all()],
            "refuses": [str(c) for c in p.refuses.all()], "interests": [str(c) for c in p.interests.all()],
            "languages": [str(x) for x in p.languages.all()], "availability": Availability.to_slots(p.availability),
            "capacity": p.capacity, "details": p.details, "about": p.about, "for_the_coordinators": p.sensitive,
            "check_seen_on": p.check_seen_on.isoformat() if p.check_seen_on else None, "urgent": p.urgent,
            "joined_at": p.joined_at.isoformat(), "left_at": p.left_at.isoformat() if p.left_at else None,
            "leave_reason": p.leave_reason,
            "matches": [{"with": _first_name(m.offer if m.request_id == p.pk else m.request),
                         "status": m.status, "since": m.created_at.isoformat(), "end_reason": m.end_reason,
                         "end_note": m.end_note,
                         "follow_ups": [{"due_on": c.due_on.isoformat(), "answer": c.answer, "note": c.note}
                                        for c in m.check_ins.all()]}
                        for m in matches],
            "proposals": [{"with": _first_name(x.offer if x.request_id == p.pk else x.request), "status": x.status,
                           "reasons": x.reasons, "alternatives": x.alternatives}
                          for x in Proposal.objects.filter(_either(p)).select_related("request", "offer")],
            "with_neighbouring_municipalities": [
                {"municipality": x.partner.name, "place": x.offer_name, "status": x.status, "reasons": x.reasons,
                 "consented_at": x.consented_at.isoformat() if x.consented_at else None, "shared": x.shared}
                for x in RemoteMatch.objects.filter(request=p).select_related("partner")],
        })
    roles = [{"programme": role.programme.name, "since": role.added_at.isoformat()}
             for role in user.coordinator_roles.select_related("programme")]
    return {"matching_participations": participations, "matching_coordinator_roles": roles}


def _first_name(participant: Participant) -> str:
    return participant.name.split(" ")[0] if participant.name else ""


def _either(participant):
    return Q(request=participant) | Q(offer=participant)


def _remove(participants, *, by) -> int:
    """End the participants' current matches (the other side goes back to waiting, or
    takes someone new), then delete them with their proposals, matches and follow-ups."""
    ids = list(participants.values_list("pk", flat=True))
    if not ids:
        return 0
    # What a partner municipality received of theirs: it is told to erase it.
    for remote in RemoteMatch.objects.filter(request_id__in=ids, status__in=(
            RemoteMatch.Status.SENT, RemoteMatch.Status.ACCEPTED)).select_related("partner", "programme"):
        regional.withdraw(match=remote, by=by)
    for match in Match.objects.current().filter(Q(request_id__in=ids) | Q(offer_id__in=ids)):
        services._end(match, reason=Match.EndReason.WITHDREW, note="", by=by,
                      requeue=match.request_id not in ids, record=False)
    _total, deleted = Participant.objects.filter(pk__in=ids).delete()
    return deleted.get("matching.Participant", 0)


def erase(user) -> None:
    """The person's participations go with the account (their current matches end first);
    their roles as coordinator too."""
    _remove(participants_of(user), by=None)
    user.coordinator_roles.all().delete()


def expire(*, now) -> int:
    """Participants who left (or withdrew) longer ago than their programme's retention period,
    and sign-ups never confirmed within it, are deleted with their proposals, matches and
    follow-ups."""
    total = 0
    for programme in Programme.objects.all():
        cutoff = now - timedelta(days=programme.retention_days)
        gone = programme.participants.filter(
            Q(status__in=(Participant.Status.LEFT, Participant.Status.WITHDRAWN))
            & (Q(left_at__lt=cutoff) | Q(left_at__isnull=True, updated_at__lt=cutoff))
            | Q(status=Participant.Status.UNCONFIRMED, created_at__lt=cutoff))
        erased = _remove(gone, by=None)
        # What partners' people shared, once their request is closed and the period has passed.
        erased += programme.remote_matches.filter(
            direction=RemoteMatch.Direction.INCOMING, updated_at__lt=cutoff,
            status__in=(RemoteMatch.Status.DECLINED, RemoteMatch.Status.WITHDRAWN,
                        RemoteMatch.Status.ACCEPTED)).delete()[1].get("matching.RemoteMatch", 0)
        if erased:
            audit.record(by=None, action="matching.erase", target=programme, changes={"erased": erased})
        total += erased
    return total
