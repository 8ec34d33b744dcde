"""What matching programmes keep about a person, for "see my data" and "delete my account"
(samverka.portal calls every app's `privacy` module)."""

from __future__ import annotations

from samverka.core.privacy import CONFIGURATION, WITH_PARENT, kept

AFTER_LEAVING = "until the programme's retention period has passed after the participant left"

FIELDS = {
    "Programme": kept(
        retention=CONFIGURATION,
        public=["kind", "office", "name", "slug", "summary", "description", "status", "request_label",
                "request_intro", "offer_label", "offer_intro", "radius_km", "same_zone", "language_required",
                "availability_required", "required_check", "default_capacity", "trial_days", "check_in_days",
                "retention_days"],
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
        internal=["programme", "proposal", "status", "locked", "request_token", "offer_token",
                  "request_confirmed_at", "offer_confirmed_at", "trial_ends_on", "next_check_in_on", "end_reason",
                  "created_at", "ended_at"],
    ),
    "CheckIn": kept(retention=AFTER_LEAVING, personal=["note", "answered_by"],
                    internal=["match", "due_on", "sent_at", "reminded_at", "side", "answer", "answered_at"]),
}
