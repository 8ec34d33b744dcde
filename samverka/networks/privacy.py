"""What standing groups keep about a person: memberships, seats, agenda items they proposed,
attendance and the follow-up points they own, for "see my data" and "delete my account"
(samverka.portal calls every app's `privacy` module).

Minutes are the group's record: a person's name in approved minutes stays (a public record is
restricted, not rewritten), while the links to their account are removed."""

from __future__ import annotations

from django.db.models import Q

from samverka.core.privacy import WHILE_ACCOUNT, WITH_PARENT, kept

from .models import AgendaItem, Announcement, FollowUpPoint, Meeting, MeetingDocument, Membership, Minutes, Seat

GROUP_RECORD = "while the group exists (its meetings and minutes are its record)"

FIELDS = {
    "Group": kept(
        retention=GROUP_RECORD,
        public=["name", "slug", "kind", "office", "actor", "committee", "purpose", "areas", "districts", "sdg_goals",
                "join_rule", "is_public", "minutes_rule", "parent", "lifecycle", "programme"],
        internal=["created_at", "updated_at"],
    ),
    "Membership": kept(
        retention=WHILE_ACCOUNT,
        personal=["user", "message"],
        internal=["group", "role", "status", "actor", "announcements", "channel", "joined_at", "left_at"],
    ),
    # What the chair or secretary sent to the members: the group's record, read by its members.
    "Announcement": kept(
        retention=GROUP_RECORD,
        personal=["sent_by"],
        internal=["group", "subject", "body", "sent_at"],
    ),
    "Seat": kept(
        retention="for the term, then while the group exists (who held the seat is part of its record)",
        public=["group", "actor", "term_starts", "term_ends"],
        personal=["delegate", "substitute"],
    ),
    "Meeting": kept(
        retention=GROUP_RECORD,
        public=["group", "title", "series", "start", "end", "place", "is_open", "agenda_deadline", "activity",
                "occurrence", "cancelled_at"],
        personal=["attendees", "created_by"],
        internal=["created_at", "invited_at"],
    ),
    "MeetingDocument": kept(
        retention=GROUP_RECORD,
        personal=["uploaded_by"],
        internal=["meeting", "label", "file", "uploaded_at"],
    ),
    "AgendaItem": kept(
        retention=WITH_PARENT,
        public=["meeting", "title", "description", "seat", "standing", "minutes_of"],
        personal=["proposed_by"],
        internal=["created_at"],
    ),
    "Minutes": kept(
        retention=GROUP_RECORD,
        public=["meeting", "number", "text", "status", "approved_at", "approved_at_meeting"],
        personal=["edited_by", "approved_by"],
        internal=["revision", "updated_at"],
    ),
    "Decision": kept(retention=WITH_PARENT, public=["minutes", "text"], internal=["position"]),
    "FollowUpPoint": kept(
        retention=GROUP_RECORD,
        public=["group", "meeting", "title", "description", "owner_office", "owner_actor", "due_on", "status",
                "need", "programme"],
        personal=["owner_user", "done_by", "created_by"],
        internal=["done_at", "created_at"],
    ),
}


def personal_data(user) -> dict:
    return {
        "group_memberships": [
            {"group": m.group.name, "role": m.role, "status": m.status, "announcements": m.announcements,
             "channel": m.channel,
             "message": m.message, "joined": m.joined_at.isoformat()}
            for m in Membership.objects.filter(user=user).select_related("group").order_by("joined_at")],
        "council_seats": [
            {"group": s.group.name, "actor": s.actor.name, "as": "delegate" if s.delegate_id == user.pk else "substitute",
             "term_starts": s.term_starts.isoformat(), "term_ends": s.term_ends.isoformat()}
            for s in Seat.objects.filter(Q(delegate=user) | Q(substitute=user)).select_related("group", "actor")],
        "meetings_attended": [
            {"group": m.group.name, "meeting": m.title, "start": m.start.isoformat()}
            for m in Meeting.objects.filter(attendees=user).select_related("group").order_by("start")],
        "agenda_items": [
            {"meeting": i.meeting.title, "item": i.title, "background": i.description,
             "proposed": i.created_at.isoformat()}
            for i in AgendaItem.objects.filter(proposed_by=user).select_related("meeting").order_by("created_at")],
        "meeting_documents": [
            {"meeting": d.meeting.title, "document": d.label, "uploaded": d.uploaded_at.isoformat()}
            for d in MeetingDocument.objects.filter(uploaded_by=user).select_related("meeting").order_by("uploaded_at")],
        "followup_points": [
            {"group": p.group.name, "point": p.title, "due": p.due_on.isoformat(), "status": p.status}
            for p in FollowUpPoint.objects.filter(owner_user=user).select_related("group").order_by("due_on")],
        "announcements_sent": [
            {"group": a.group.name, "subject": a.subject, "sent": a.sent_at.isoformat()}
            for a in Announcement.objects.filter(sent_by=user).select_related("group").order_by("sent_at")],
    }


def erase(user) -> None:
    """Memberships go; open points go to the chair first (never lost); the group's record
    keeps what was decided without the link to the account."""
    from . import services

    for membership in Membership.objects.filter(user=user).exclude(status=Membership.Status.LEFT):
        services._hand_points_to_chair(membership, by=None)
    Membership.objects.filter(user=user).delete()
    Seat.objects.filter(delegate=user).update(delegate=None)
    Seat.objects.filter(substitute=user).update(substitute=None)
    for meeting in Meeting.objects.filter(attendees=user):
        meeting.attendees.remove(user)
    AgendaItem.objects.filter(proposed_by=user).update(proposed_by=None)
    Minutes.objects.filter(edited_by=user).update(edited_by=None)
    Minutes.objects.filter(approved_by=user).update(approved_by=None)
    FollowUpPoint.objects.filter(owner_user=user).update(owner_user=None)
    FollowUpPoint.objects.filter(done_by=user).update(done_by=None)
    FollowUpPoint.objects.filter(created_by=user).update(created_by=None)
    Meeting.objects.filter(created_by=user).update(created_by=None)
    MeetingDocument.objects.filter(uploaded_by=user).update(uploaded_by=None)
    Announcement.objects.filter(sent_by=user).update(sent_by=None)
