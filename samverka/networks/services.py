"""Every change to standing groups: joining and leaving, appointed seats, meetings from agenda
to approved minutes, follow-up points and announcements. Each function takes the acting user
as `by=`, runs in one transaction, asks rules.py (`require_perm`), raises ActionError for what
the domain forbids, records an audit event and renews the page stamp of `networks` on commit
when a public page shows what changed.

An open meeting is an activity: `plan_meeting` creates it through the activities' services,
so its registration, capacity, reminders and calendar are the activities' own."""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samverka.accounts.ages import require_guardian
from samverka.activities import services as activity_services
from samverka.activities.models import Activity
from samverka.communication.notifications import notify
from samverka.communication.services import email_message, queue_email, queue_message, queue_messages, sms_message
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.core.text import unique_slug
from samverka.needs import services as need_services

from .models import (
    AgendaItem,
    Announcement,
    Decision,
    FollowUpPoint,
    Group,
    Meeting,
    MeetingDocument,
    Membership,
    Minutes,
    Seat,
)

GROUP_M2M = ("areas", "districts", "sdg_goals")
RESERVED_SLUGS = {"moten", "punkter"}
# Kinds whose minutes are public once approved (a council's, the cooperation body's).
PUBLIC_MINUTES = {Group.Kind.COUNCIL, Group.Kind.COOPERATION_BODY, Group.Kind.ASSOCIATION_COUNCIL}


class MinutesConflict(ActionError):
    """Someone else saved the minutes after this editor opened them: nothing is overwritten."""

    def __init__(self, current: Minutes, mine: str, *, by=None):
        self.by_me = by is not None and current.edited_by_id is not None and current.edited_by_id == by.pk
        if self.by_me:
            message = _("You saved the minutes in another window while you were writing here. This text is "
                        "kept below; compare it with the saved one, then save again.")
        else:
            message = _("%(name)s saved the minutes while you were writing. Your text is kept below; "
                        "compare it with theirs, then save again.") % {
                "name": current.edited_by.display_name if current.edited_by_id else _("Someone")}
        super().__init__(message)
        self.current = current
        self.difference = list(difflib.unified_diff(current.text.splitlines(), mine.splitlines(),
                                                    fromfile=_("Saved"), tofile=_("Yours"), lineterm="", n=1))


def _changed() -> None:
    versions.renew("networks")


def _forget_roles(user) -> None:
    if user is not None and hasattr(user, "_group_roles"):
        del user._group_roles


# ---------------------------------------------------------------- groups and members


@transaction.atomic
def create_group(*, by, data: dict[str, Any]) -> Group:
    require_perm(by, "networks.create_for", data.get("actor") or data.get("office"))
    fields = {k: v for k, v in data.items() if k not in GROUP_M2M}
    if "minutes_rule" not in fields and fields.get("kind") in PUBLIC_MINUTES:
        fields["minutes_rule"] = Group.MinutesRule.PUBLIC
    if fields.get("kind") in (Group.Kind.COUNCIL,) and "join_rule" not in fields:
        fields["join_rule"] = Group.JoinRule.APPOINTED
    slug = unique_slug(Group.objects, fields["name"], fallback="grupp", reserved=RESERVED_SLUGS)
    group = Group.objects.create(slug=slug, **fields)
    for name in GROUP_M2M:
        if name in data:
            getattr(group, name).set(data[name])
    audit.record(by=by, action="group.create", target=group, changes={"name": group.name, "kind": group.kind})
    _changed()
    return group


@transaction.atomic
def add_member(*, by, group: Group, user, role: str = Membership.Role.MEMBER, actor=None) -> Membership:
    """Those who lead the group add a person directly (the chair, the secretary, an observer)."""
    require_perm(by, "networks.manage_group", group)
    membership, _created = Membership.objects.update_or_create(
        group=group, user=user,
        defaults={"role": role, "status": Membership.Status.ACTIVE, "actor": actor, "left_at": None})
    audit.record(by=by, action="group.role", target=membership, changes={"user": user.display_name, "role": role})
    _forget_roles(user)
    _changed()
    return membership


@transaction.atomic
def change_role(*, by, membership: Membership, role: str) -> Membership:
    """The chair (or who runs the group) gives a member another role: secretary, minutes checker,
    chair, substitute, observer. A group does not lose its last chair this way."""
    membership = Membership.objects.select_for_update(of=("self",)).select_related("group", "user").get(pk=membership.pk)
    require_perm(by, "networks.manage_group", membership.group)
    if role not in Membership.Role.values:
        raise ActionError(_("Choose a role."))
    if membership.status != Membership.Status.ACTIVE:
        raise ActionError(_("This person is not a member of the group."))
    if membership.role == role:
        return membership
    if membership.role == Membership.Role.CHAIR and not Membership.objects.filter(
            group=membership.group, role=Membership.Role.CHAIR, status=Membership.Status.ACTIVE).exclude(
            pk=membership.pk).exists():
        raise ActionError(_("%(name)s is the group's only chair. Make someone else chair first.")
                          % {"name": membership.user.display_name})
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(by=by, action="group.role", target=membership,
                 changes={"user": membership.user.display_name, "role": [before, role]})
    _forget_roles(membership.user)
    _forget_roles(by)
    return membership


@transaction.atomic
def join_group(*, by, group: Group, message: str = "") -> Membership:
    """Open groups take the person at once; groups by request wait for the chair; appointed
    councils are joined only through a seat. A child's account joins (or asks to) once its guardian
    has confirmed it."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    if group.is_appointed:
        raise ActionError(_("The seats of this group are appointed by its committee. Ask your association "
                            "how its delegate is chosen."))
    require_perm(by, "networks.join_group", group)
    require_guardian(by)
    existing = Membership.objects.select_for_update().filter(group=group, user=by).first()
    if existing is not None and existing.status != Membership.Status.LEFT:
        raise ActionError(_("You are already a member.") if existing.status == Membership.Status.ACTIVE
                          else _("You have already asked to join. The chair answers your request."))
    status = Membership.Status.ACTIVE if group.join_rule == Group.JoinRule.OPEN else Membership.Status.REQUESTED
    if existing is None:
        existing = Membership(group=group, user=by)
    existing.role, existing.status, existing.message = Membership.Role.MEMBER, status, message
    existing.joined_at, existing.left_at = timezone.now(), None
    existing.save()
    audit.record(by=by, action="group.join" if status == Membership.Status.ACTIVE else "group.request",
                 target=existing, changes={"group": group.name})
    _forget_roles(by)
    if status == Membership.Status.REQUESTED:
        for chair in Membership.objects.filter(group=group, role=Membership.Role.CHAIR,
                                               status=Membership.Status.ACTIVE).select_related("user"):
            queue_email(to=chair.user.email, template="networks/email/join_request",
                        context={"group": group, "membership": existing},
                        key=f"group-request-{existing.pk}-{existing.joined_at.isoformat()}")
    _changed()
    return existing


@transaction.atomic
def accept_member(*, by, membership: Membership) -> Membership:
    membership = Membership.objects.select_for_update(of=("self",)).select_related("group", "user").get(pk=membership.pk)
    require_perm(by, "networks.manage_group", membership.group)
    if membership.status != Membership.Status.REQUESTED:
        raise ActionError(_("This request is already answered."))
    membership.status, membership.joined_at = Membership.Status.ACTIVE, timezone.now()
    membership.save(update_fields=["status", "joined_at"])
    audit.record(by=by, action="group.accept", target=membership, changes={"user": membership.user.display_name})
    queue_email(to=membership.user.email, template="networks/email/welcome",
                context={"group": membership.group, "user": membership.user}, key=f"group-welcome-{membership.pk}")
    _changed()
    return membership


@transaction.atomic
def decline_request(*, by, membership: Membership) -> Membership:
    """The chair declines a request to join. Only a pending request is declined: a stale
    "Decline" on someone accepted meanwhile leaves the member as they are."""
    membership = Membership.objects.select_for_update(of=("self",)).select_related("group", "user").get(pk=membership.pk)
    require_perm(by, "networks.manage_group", membership.group)
    if membership.status != Membership.Status.REQUESTED:
        raise ActionError(_("This request is already answered."))
    membership.status, membership.left_at = Membership.Status.LEFT, timezone.now()
    membership.save(update_fields=["status", "left_at"])
    audit.record(by=by, action="group.decline", target=membership, changes={"user": membership.user.display_name})
    _changed()
    return membership


@transaction.atomic
def withdraw_request(*, by, group: Group) -> Membership:
    """The person who asked to join takes their request back before the chair answers it."""
    membership = Membership.objects.select_for_update().filter(group=group, user=by).first()
    if membership is None or membership.status != Membership.Status.REQUESTED:
        raise ActionError(_("You have no request to join this group waiting for an answer."))
    membership.status, membership.left_at = Membership.Status.LEFT, timezone.now()
    membership.save(update_fields=["status", "left_at"])
    audit.record(by=by, action="group.withdraw", target=membership, changes={"group": group.name})
    _changed()
    return membership


def _hand_points_to_chair(membership: Membership, *, by) -> int:
    """The open points of someone who leaves go to the chair, or to the office or actor that
    runs the group when there is no other chair: never lost."""
    group = membership.group
    points = list(FollowUpPoint.objects.select_for_update().filter(group=group, owner_user_id=membership.user_id,
                                                                   status=FollowUpPoint.Status.OPEN))
    if not points:
        return 0
    chair = (Membership.objects.filter(group=group, role=Membership.Role.CHAIR, status=Membership.Status.ACTIVE)
             .exclude(user_id=membership.user_id).select_related("user").first())
    for point in points:
        if chair is not None:
            point.owner_user = chair.user
        else:
            point.owner_user, point.owner_office, point.owner_actor = None, group.office, group.actor
        point.save(update_fields=["owner_user", "owner_office", "owner_actor"])
        audit.record(by=by, action="point.reassign", target=point,
                     changes={"from": membership.user.display_name, "to": point.owner_name})
    return len(points)


@transaction.atomic
def remove_member(*, by, membership: Membership) -> int:
    """End a membership (the chair removes someone, or they leave). Returns how many open
    follow-up points went to the chair."""
    membership = Membership.objects.select_for_update(of=("self",)).select_related("group", "user").get(pk=membership.pk)
    leaving = by is not None and by.pk == membership.user_id
    if not leaving:
        require_perm(by, "networks.manage_group", membership.group)
    if membership.status == Membership.Status.LEFT:
        raise ActionError(_("This person is no longer a member."))
    if membership.status == Membership.Status.REQUESTED:
        raise ActionError(_("This person has asked to join and is not a member yet: accept or decline the request."))
    moved = _hand_points_to_chair(membership, by=by)
    membership.status, membership.left_at = Membership.Status.LEFT, timezone.now()
    membership.save(update_fields=["status", "left_at"])
    audit.record(by=by, action="group.leave" if leaving else "group.remove", target=membership,
                 changes={"user": membership.user.display_name, "points_to_chair": moved})
    _forget_roles(membership.user)
    _changed()
    return moved


@transaction.atomic
def appoint_seat(*, by, group: Group, actor, delegate, substitute=None, term_starts: date, term_ends: date,
                 seat: Seat | None = None) -> Seat:
    """The committee's officials appoint an actor's delegate and substitute for a term. One
    person holds at most one seat (as delegate or substitute) in one council."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    require_perm(by, "networks.appoint_seats", group)
    if not group.is_appointed:
        raise ActionError(_("Only groups with appointed seats have seats."))
    if term_ends < term_starts:
        raise ActionError(_("The term must end after it starts."))
    if delegate is not None and substitute is not None and delegate.pk == substitute.pk:
        raise ActionError(_("The delegate and the substitute must be two people."))
    others = Seat.objects.filter(group=group).exclude(pk=seat.pk if seat else None)
    for person in (delegate, substitute):
        if person is not None and others.filter(Q(delegate=person) | Q(substitute=person)).exists():
            raise ActionError(_("%(name)s already holds another seat in this council. One person holds "
                                "one seat.") % {"name": person.display_name})
    before = {}
    if seat is None:
        seat = Seat(group=group)
    else:
        seat = Seat.objects.select_for_update().get(pk=seat.pk, group=group)
        before = {"delegate": seat.delegate_id, "substitute": seat.substitute_id}
    seat.actor, seat.delegate, seat.substitute = actor, delegate, substitute
    seat.term_starts, seat.term_ends = term_starts, term_ends
    seat.save()
    for old_id in {v for v in before.values() if v} - {getattr(delegate, "pk", None), getattr(substitute, "pk", None)}:
        # The one who gave up the seat leaves the council; their open points go to the chair.
        for old in Membership.objects.select_for_update().filter(group=group, user_id=old_id,
                                                                 status=Membership.Status.ACTIVE).select_related("group", "user"):
            _hand_points_to_chair(old, by=by)
            old.status, old.left_at = Membership.Status.LEFT, timezone.now()
            old.save(update_fields=["status", "left_at"])
            _forget_roles(old.user)
    for person, role in ((delegate, Membership.Role.MEMBER), (substitute, Membership.Role.SUBSTITUTE)):
        if person is not None:
            Membership.objects.update_or_create(group=group, user=person, defaults={
                "role": role, "status": Membership.Status.ACTIVE, "actor": actor, "left_at": None})
            _forget_roles(person)
    audit.record(by=by, action="group.seat", target=seat, changes={
        "actor": actor.name, "delegate": delegate.display_name if delegate else "",
        "substitute": substitute.display_name if substitute else "",
        "term": f"{term_starts.isoformat()}–{term_ends.isoformat()}"})
    _changed()
    return seat


ENDED = {Group.Lifecycle.CLOSED, Group.Lifecycle.ANCHORED, Group.Lifecycle.HANDED_OVER}
RUNNING = {Group.Lifecycle.FORMING, Group.Lifecycle.ACTIVE}


def open_points_of_others(group: Group) -> list[FollowUpPoint]:
    """The group's open points owned by someone else than the office or actor that runs it."""
    points = FollowUpPoint.objects.open().filter(group=group)
    if group.office_id:
        points = points.exclude(owner_office_id=group.office_id)
    if group.actor_id:
        points = points.exclude(owner_actor_id=group.actor_id)
    return list(points.select_related("owner_user", "owner_office", "owner_actor").order_by("due_on", "pk"))


def planned_meetings(group: Group) -> list[Meeting]:
    """The group's meetings still to come and not cancelled."""
    return list(group.meetings.filter(start__gt=timezone.now(), cancelled_at__isnull=True).order_by("start", "pk"))


def running_working_groups(group: Group) -> list[Group]:
    """Working groups formed from this group that are still forming or active."""
    return list(group.working_groups.filter(lifecycle__in=RUNNING).order_by("name"))


@transaction.atomic
def set_stage(*, by, group: Group, lifecycle: str, hand_over: bool = False, cancel_meetings: bool = False) -> int:
    """Move the group to another stage of its life. Ending it (closed, anchored in an office's
    work, handed to an association) with open follow-up points is refused, unless `hand_over`:
    then the points go, one by one and in the audit history, to the office or actor that runs
    the group. Ending it with planned meetings is refused too, unless `cancel_meetings`: then
    each is cancelled (an open one's activity through the activities' service, which tells
    those registered; invited members are told by e-mail). Working groups formed from it keep
    their own stage (the page warns). Returns how many points were handed over."""
    group = Group.objects.select_for_update(of=("self",)).select_related("office", "actor").get(pk=group.pk)
    require_perm(by, "networks.manage_group", group)
    if lifecycle not in Group.Lifecycle.values:
        raise ActionError(_("Choose the group's stage."))
    if lifecycle == group.lifecycle:
        return 0
    moved = 0
    cancelled = 0
    if lifecycle in ENDED:
        points = open_points_of_others(group)
        if points and not hand_over:
            raise ActionError(_("The group has open follow-up points: %(points)s. Mark them done, or hand them "
                                "to %(runner)s.") % {"points": "; ".join(p.title for p in points),
                                                    "runner": group.runner_name})
        meetings = planned_meetings(group)
        if meetings and not cancel_meetings:
            raise ActionError(_("The group has planned meetings: %(meetings)s. Cancel them to end the group.") % {
                "meetings": "; ".join(f"{m.title} ({date_format(timezone.localtime(m.start), 'j F Y')})"
                                      for m in meetings)})
        for point in FollowUpPoint.objects.select_for_update().filter(pk__in=[p.pk for p in points]):
            before = point.owner_name
            point.owner_user, point.owner_office, point.owner_actor = None, group.office, group.actor
            point.save(update_fields=["owner_user", "owner_office", "owner_actor"])
            audit.record(by=by, action="point.reassign", target=point, changes={"from": before, "to": group.runner_name})
            moved += 1
        for meeting in Meeting.objects.select_for_update(of=("self",)).select_related("activity").filter(
                pk__in=[m.pk for m in meetings]):
            _cancel_meeting(meeting, group=group, by=by)
            cancelled += 1
    before = group.lifecycle
    group.lifecycle = lifecycle
    group.save(update_fields=["lifecycle", "updated_at"])
    audit.record(by=by, action="group.stage", target=group, changes={"stage": [before, lifecycle],
                                                                   "points_handed_over": moved,
                                                                   "meetings_cancelled": cancelled})
    _changed()
    return moved


def _cancel_meeting(meeting: Meeting, *, group: Group, by) -> None:
    meeting.cancelled_at = timezone.now()
    meeting.save(update_fields=["cancelled_at"])
    if meeting.activity_id:
        # The group's own activity, cancelled by the platform in its name (the group's rule was
        # checked by the caller); the activities tell those registered.
        activity_services.cancel_activity(by=None, activity=meeting.activity)
    told = 0
    if meeting.invited_at:
        members = list(_told_members(group))
        for membership in members:
            queue_email(to=membership.user.email, template="networks/email/meeting_cancelled",
                        context={"meeting": meeting, "group": group, "user": membership.user},
                        key=f"meeting-cancelled-{meeting.pk}-{membership.pk}")
            told += 1
        notify([m.user_id for m in members], gettext_noop("The meeting “%(title)s” of %(group)s is cancelled."),
               group.get_absolute_url(), params={"title": meeting.title, "group": group.name},
               key=f"meeting-cancelled-{meeting.pk}")
    audit.record(by=by, action="meeting.cancel", target=meeting, changes={
        "title": meeting.title, "start": meeting.start.isoformat(), "told": told})


SMS_LENGTH = 306  # characters of an announcement by SMS: two messages' worth


def announcement_sms(announcement: Announcement) -> str:
    """The short text of an announcement by SMS: the group, the subject, as much of the
    message as fits, and the address of the announcement's page (all of it, and the way to
    the group's page, where the member stops them)."""
    url = f"{settings.SITE_URL}{announcement.get_absolute_url()}"
    head = f"{announcement.group.name}: {announcement.subject}"
    tail = _("Read all of it: %(url)s") % {"url": url}
    room = SMS_LENGTH - len(head) - len(tail) - 2
    text = " ".join(announcement.body.split())
    if len(text) > room:  # cut at a word, with three dots (the ellipsis sign would make it a longer kind of SMS)
        text = text[:max(room - 3, 0)].rsplit(" ", 1)[0].rstrip(",.;:") + "..." if room > 20 else ""
    return "\n".join(part for part in (head, text, tail) if part)


@transaction.atomic
def send_announcement(*, by, group: Group, subject: str, body: str) -> Announcement:
    """An announcement to every member who has not stopped the group's announcements: by SMS
    to those who chose it and have a verified number, by e-mail to the others (a member whose
    number is no longer verified gets the e-mail, never nothing). One message per member; the
    announcement is kept, for its page."""
    require_perm(by, "networks.announce", group)
    announcement = Announcement.objects.create(group=group, subject=subject, body=body, sent_by=by)
    members = list(Membership.objects.filter(group=group).told().with_sms().select_related("user").order_by("pk"))
    sms_text = announcement_sms(announcement)
    url = announcement.get_absolute_url()
    outbox, by_sms = [], 0
    for membership in members:
        user, key = membership.user, f"group-announcement-{announcement.pk}-{membership.pk}"
        if membership.by_sms:
            outbox.append(sms_message(to=user.phone, body=sms_text, key=key))
            by_sms += 1
        elif user.email:
            outbox.append(email_message(to=user.email, template="networks/email/announcement", key=key, context={
                "group": group, "subject": subject, "body": body, "user": user, "url": url}))
    queue_messages(outbox)
    notify([m.user_id for m in members], gettext_noop("%(group)s: %(subject)s"), url,
           params={"group": group.name, "subject": subject[:200]}, key=f"group-announcement-{announcement.pk}")
    audit.record(by=by, action="group.announce", target=group,
                 changes={"subject": subject, "to": len(members), "sms": by_sms})
    return announcement


@transaction.atomic
def set_announcements(*, by, group: Group, receive: bool) -> Membership:
    require_perm(by, "networks.unsubscribe", group)
    membership = Membership.objects.select_for_update().get(group=group, user=by, status=Membership.Status.ACTIVE)
    membership.announcements = receive
    membership.save(update_fields=["announcements"])
    audit.record(by=by, action="group.unsubscribe", target=membership, changes={"announcements": receive})
    return membership


@transaction.atomic
def set_announcement_channel(*, by, group: Group, channel: str) -> Membership:
    """The member chooses e-mail or SMS for the group's announcements (their own membership
    only). SMS needs a verified number: without one, ActionError says where to verify it."""
    require_perm(by, "networks.unsubscribe", group)
    if channel not in Membership.Channel.values:
        raise ActionError(_("Choose e-mail or SMS."))
    if channel == Membership.Channel.SMS and not by.has_verified_phone:
        raise ActionError(_("Verify your mobile number first, under Your mobile number on My pages."))
    membership = Membership.objects.select_for_update().get(group=group, user=by, status=Membership.Status.ACTIVE)
    if membership.channel != channel:
        audit.record(by=by, action="group.channel", target=membership,
                     changes={"channel": [membership.channel, channel]})
        membership.channel = channel
        membership.save(update_fields=["channel"])
    return membership


# ---------------------------------------------------------------- meetings


def _told_members(group: Group) -> list[Membership]:
    """The members who get the group's e-mails (invitations, moves, announcements)."""
    return list(Membership.objects.filter(group=group).told().exclude(user__email="").select_related("user"))


def _invite(meeting: Meeting) -> int:
    members = _told_members(meeting.group)
    for membership in members:
        queue_email(to=membership.user.email, template="networks/email/invitation",
                    context={"meeting": meeting, "group": meeting.group, "user": membership.user},
                    key=f"meeting-invitation-{meeting.pk}-{membership.pk}")
    meeting.invited_at = timezone.now()
    meeting.save(update_fields=["invited_at"])
    return len(members)


@transaction.atomic
def plan_meeting(*, by, group: Group, data: dict[str, Any], invite: bool = False) -> Meeting:
    """A meeting of the group. An open one is also an activity of the group's office or actor,
    in the calendar with the activities' registration (`capacity` places, or drop-in without).
    With `invite`, the members get an invitation by e-mail."""
    require_perm(by, "networks.plan_meeting", group)
    capacity = data.pop("capacity", None)
    meeting = Meeting(group=group, created_by=by if getattr(by, "is_authenticated", False) else None, **data)
    if meeting.end <= meeting.start:
        raise ActionError(_("The meeting must end after it starts."))
    if meeting.is_open:
        # The rule of this group (networks.plan_meeting) was checked above; the activity is
        # the group's own, made by the platform in its name.
        activity = activity_services.create_activity(by=None, data={
            "office": group.office, "actor": group.actor, "title": meeting.title,
            "summary": (_("An open meeting of %(group)s.") % {"group": group.name})[:200],
            "description": group.purpose[:5000], "start": meeting.start, "end": meeting.end,
            "address": meeting.place, "status": Activity.Status.PUBLISHED,
            "registration_mode": Activity.Mode.REQUIRED if capacity else Activity.Mode.DROP_IN,
            "capacity": capacity})
        meeting.activity = activity
        meeting.occurrence = activity.occurrences.order_by("start").first()
    meeting.save()
    standing = _add_standing_items(meeting) + _add_approval_item(meeting, by=by)
    invited = _invite(meeting) if invite else 0
    audit.record(by=by, action="meeting.plan", target=meeting, changes={
        "title": meeting.title, "start": meeting.start.isoformat(), "open": meeting.is_open, "invited": invited,
        "standing_items": standing})
    _changed()
    return meeting


S = AgendaItem.Standing
# The items every meeting of these kinds starts with (part 6 of issue 20): the overview's
# figures since the group's previous meeting (the overview's page for the meeting), what goes
# between the cooperation body and the steering group, and the follow-up points due.
STANDING_AGENDA = {
    Group.Kind.COOPERATION_BODY: [S.FIGURES, S.REPORTS, S.PROPOSALS, S.POINTS_DUE],
    Group.Kind.STEERING_GROUP: [S.FIGURES, S.BODY_REPORTS, S.BODY_PROPOSALS, S.POINTS_DUE],
}


def _add_standing_items(meeting: Meeting) -> int:
    """The group's standing items on a new meeting's agenda (none for other kinds). The title
    keeps the words in the planner's language; pages show `get_standing_display` in the reader's."""
    kinds = STANDING_AGENDA.get(meeting.group.kind, [])
    now = timezone.now()
    AgendaItem.objects.bulk_create([AgendaItem(meeting=meeting, standing=kind, title=str(S(kind).label)[:200],
                                               created_at=now) for kind in kinds])
    return len(kinds)


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The group's latest meeting before this one that was not cancelled."""
    return (Meeting.objects.filter(group_id=meeting.group_id, start__lt=meeting.start, cancelled_at__isnull=True)
            .exclude(pk=meeting.pk).order_by("-start", "-pk").first())


def _approval_title(previous: Meeting) -> str:
    return _("Approve the minutes of %(date)s") % {"date": date_format(timezone.localtime(previous.start), "j F Y")}


def _add_approval_item(meeting: Meeting, *, by=None) -> int:
    """When the previous meeting's minutes are not approved yet, the new meeting gets the item
    "approve the minutes of <date>": the chair may approve them there."""
    previous = previous_meeting(meeting)
    if previous is None or previous.minutes.filter(status=Minutes.Status.APPROVED).exists():
        return 0
    AgendaItem.objects.create(meeting=meeting, standing=AgendaItem.Standing.APPROVE_MINUTES, minutes_of=previous,
                              title=_approval_title(previous)[:200],
                              proposed_by=by if getattr(by, "is_authenticated", False) else None)
    return 1


@transaction.atomic
def move_meeting(*, by, meeting: Meeting, start, end, place: str) -> Meeting:
    """A planned meeting gets a new time or place. An open meeting's activity moves with it (the
    activities tell those registered). When invitations went out, each member is told once: a
    second move within the same minute (a double submit, a quick correction) updates the
    message still waiting in the outbox instead of sending another."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("group", "activity").get(pk=meeting.pk)
    require_perm(by, "networks.plan_meeting", meeting)
    now = timezone.now()
    if meeting.has_started:
        raise ActionError(_("The meeting has started, so it cannot be moved."))
    if start <= now:
        raise ActionError(_("The new time has passed. Choose a time later than now."))
    if end <= start:
        raise ActionError(_("The end must be after the start."))
    before = {"start": meeting.start, "end": meeting.end, "place": meeting.place}
    if (start, end, place) == (meeting.start, meeting.end, meeting.place):
        return meeting
    meeting.start, meeting.end, meeting.place = start, end, place
    changed = ["start", "end", "place"]
    if meeting.agenda_deadline and meeting.agenda_deadline > start:
        meeting.agenda_deadline = None  # items are then taken until the new start
        changed.append("agenda_deadline")
    meeting.save(update_fields=changed)
    if meeting.activity_id:
        # The group's own activity, moved by the platform in its name (the rule was checked above).
        activity_services.update_activity(by=None, activity=meeting.activity,
                                          data={"start": start, "end": end, "address": place})
        meeting.occurrence = meeting.activity.occurrences.order_by("start").first()
        meeting.save(update_fields=["occurrence"])
    told = _tell_moved(meeting, before, now=now) if meeting.invited_at else 0
    audit.record(by=by, action="meeting.move", target=meeting, changes={
        "start": [before["start"], start], "end": [before["end"], end], "place": [before["place"], place],
        "told": told})
    _changed()
    return meeting


def _tell_moved(meeting: Meeting, before: dict, *, now) -> int:
    from samverka.communication.models import OutboxMessage
    from samverka.communication.services import email_message

    minute = timezone.localtime(now).strftime("%Y%m%d%H%M")
    members = _told_members(meeting.group)
    for membership in members:
        fields = email_message(to=membership.user.email, template="networks/email/meeting_moved",
                               context={"meeting": meeting, "group": meeting.group, "user": membership.user,
                                        "before": before},
                               key=f"meeting-moved-{meeting.pk}-{membership.pk}-{minute}")
        message = queue_message(**fields)
        if message.status == OutboxMessage.Status.PENDING and message.body_text != fields["body_text"]:
            # The same minute's message, not sent yet: it says the latest time.
            message.subject, message.body_text, message.body_html = (fields["subject"], fields["body_text"],
                                                                     fields["body_html"])
            message.save(update_fields=["subject", "body_text", "body_html"])
    return len(members)


@transaction.atomic
def propose_item(*, by, meeting: Meeting, title: str, description: str = "", seat: Seat | None = None) -> AgendaItem:
    """A member proposes an item before the chair's deadline; the chair may still add one after
    it (recorded as such in the audit history). A delegate may propose in the name of their own
    seat only."""
    require_perm(by, "networks.propose_item", meeting)
    if seat is not None:
        if seat.group_id != meeting.group_id:
            raise ActionError(_("That seat is not in this group."))
        require_perm(by, "networks.act_for_seat", seat)
    late = not meeting.takes_items
    if late and not (by is None or by.has_perm("networks.add_late_item", meeting)):
        raise ActionError(_("The last time to propose items for this meeting has passed. Ask the chair, "
                            "or propose it for the next meeting."))
    item = AgendaItem.objects.create(meeting=meeting, title=title, description=description, seat=seat,
                                     proposed_by=by)
    changes = {"title": title}
    if late and meeting.agenda_deadline:
        changes["deadline"] = meeting.agenda_deadline.isoformat()
    audit.record(by=by, action="meeting.propose_late" if late else "meeting.propose", target=item, changes=changes)
    return item


@transaction.atomic
def record_attendance(*, by, meeting: Meeting, present: list) -> None:
    require_perm(by, "networks.record_attendance", meeting)
    if not meeting.has_started:
        raise ActionError(_("Attendance is recorded from the start of the meeting."))
    members = set(Membership.objects.filter(group_id=meeting.group_id, status=Membership.Status.ACTIVE)
                  .values_list("user_id", flat=True))
    chosen = [user for user in present if user.pk in members]
    meeting.attendees.set(chosen)
    audit.record(by=by, action="meeting.attendance", target=meeting, changes={"present": len(chosen)})


def approvers(group: Group) -> list[Membership]:
    """Who may approve the group's minutes: its chairs and minutes checkers."""
    return list(Membership.objects.filter(group=group, status=Membership.Status.ACTIVE,
                                          role__in=[Membership.Role.CHAIR, Membership.Role.ADJUSTER])
                .select_related("user").order_by("role", "pk"))


@transaction.atomic
def add_document(*, by, meeting: Meeting, label: str, file) -> MeetingDocument:
    """A checked file (core.uploads) for the meeting, in the private storage."""
    require_perm(by, "networks.add_document", meeting)
    document = MeetingDocument.objects.create(meeting=meeting, label=label, file=file, uploaded_by=by)
    audit.record(by=by, action="meeting.document", target=meeting, changes={"label": label})
    return document


@transaction.atomic
def remove_document(*, by, document: MeetingDocument) -> None:
    require_perm(by, "networks.remove_document", document)
    storage, name = document.file.storage, document.file.name
    audit.record(by=by, action="meeting.remove_document", target=document.meeting, changes={"label": document.label})
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


def current_minutes(meeting: Meeting) -> Minutes | None:
    return meeting.minutes.order_by("-number").first()


@transaction.atomic
def save_minutes(*, by, meeting: Meeting, text: str, decisions: list[str], revision: int) -> Minutes:
    """Save the draft. `revision` is the one the editor opened; if someone saved since, nothing
    is written and MinutesConflict carries their text and the difference. Approved minutes are
    never changed: a correction starts a new version (`correct_minutes`)."""
    require_perm(by, "networks.edit_minutes", meeting)
    if not text.strip():
        raise ActionError(_("Write the minutes before you save them."))
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).order_by("-number").first()
    if minutes is None:
        try:
            with transaction.atomic():
                minutes = Minutes.objects.create(meeting=meeting, number=1)
        except IntegrityError:  # the first save racing another
            minutes = Minutes.objects.select_for_update().get(meeting=meeting, number=1)
    if minutes.is_approved:
        raise ActionError(_("These minutes are approved and locked. Start a correction to change them."))
    if minutes.revision != revision:
        raise MinutesConflict(minutes, text, by=by)
    minutes.text, minutes.edited_by, minutes.updated_at = text, by, timezone.now()
    minutes.revision += 1
    minutes.save(update_fields=["text", "edited_by", "updated_at", "revision"])
    minutes.decisions.all().delete()
    Decision.objects.bulk_create([Decision(minutes=minutes, text=d, position=i)
                                  for i, d in enumerate(decisions)])
    audit.record(by=by, action="minutes.save", target=minutes,
                 changes={"version": minutes.number, "revision": minutes.revision, "decisions": len(decisions)})
    return minutes


@transaction.atomic
def approve_minutes(*, by, meeting: Meeting, revision: int, at_meeting: Meeting | None = None) -> Minutes:
    """The chair (or the group's minutes checker) approves the version they read
    (`revision`); it is locked, and published when the group's rule says so. Minutes are
    approved only once the meeting has started, and not by the one who wrote them when the
    group has another chair or minutes checker to do it. With `at_meeting` they are approved
    at a later meeting of the group, once it has started, under its item "approve the minutes
    of <date>" (added to its agenda if it is not there), and recorded with that meeting."""
    require_perm(by, "networks.approve_minutes", meeting)
    if not meeting.has_started:
        raise ActionError(_("The meeting has not started yet. Minutes are approved after the meeting."))
    if at_meeting is not None:
        if at_meeting.group_id != meeting.group_id or at_meeting.start <= meeting.start:
            raise ActionError(_("Minutes are approved at a later meeting of the same group."))
        if at_meeting.cancelled_at is not None or not at_meeting.has_started:
            raise ActionError(_("The meeting of %(date)s has not started. Approve the minutes when it is held.")
                              % {"date": date_format(timezone.localtime(at_meeting.start), "j F Y")})
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).order_by("-number").first()
    if minutes is None or not minutes.text.strip():
        raise ActionError(_("There are no minutes to approve yet."))
    if minutes.is_approved:
        raise ActionError(_("These minutes are already approved."))
    if by is not None and minutes.edited_by_id == by.pk:
        others = [m.user.display_name for m in approvers(meeting.group) if m.user_id != by.pk]
        if others:
            raise ActionError(_("You wrote these minutes, so someone else approves them: %(names)s.")
                              % {"names": ", ".join(others)})
    if minutes.revision != revision:
        raise ActionError(_("The minutes changed after you opened them. Read them again before you approve."))
    minutes.status, minutes.approved_by, minutes.approved_at = Minutes.Status.APPROVED, by, timezone.now()
    minutes.approved_at_meeting = at_meeting
    minutes.save(update_fields=["status", "approved_by", "approved_at", "approved_at_meeting"])
    changes = {"version": minutes.number}
    if at_meeting is not None:
        AgendaItem.objects.get_or_create(meeting=at_meeting, minutes_of=meeting, defaults={
            "standing": AgendaItem.Standing.APPROVE_MINUTES, "title": _approval_title(meeting)[:200],
            "proposed_by": by if getattr(by, "is_authenticated", False) else None})
        changes["at_meeting"] = f"{at_meeting.title} ({timezone.localtime(at_meeting.start).date().isoformat()})"
    audit.record(by=by, action="minutes.approve", target=minutes, changes=changes)
    _changed()
    return minutes


@transaction.atomic
def correct_minutes(*, by, meeting: Meeting) -> Minutes:
    """A new draft version from the approved one; the approved version stays as it was."""
    require_perm(by, "networks.edit_minutes", meeting)
    approved = Minutes.objects.select_for_update().filter(meeting=meeting).order_by("-number").first()
    if approved is None or not approved.is_approved:
        raise ActionError(_("Only approved minutes are corrected; a draft is simply edited."))
    correction = Minutes.objects.create(meeting=meeting, number=approved.number + 1, text=approved.text, edited_by=by)
    Decision.objects.bulk_create([Decision(minutes=correction, text=d.text, position=d.position)
                                  for d in approved.decisions.all()])
    audit.record(by=by, action="minutes.correct", target=correction, changes={"version": correction.number})
    return correction


# ---------------------------------------------------------------- follow-up points


@transaction.atomic
def add_point(*, by, meeting: Meeting, title: str, due_on: date, owner, description: str = "") -> FollowUpPoint:
    """`owner` is a member of the group (a user), an office or an actor."""
    require_perm(by, "networks.add_point", meeting)
    point = FollowUpPoint(group_id=meeting.group_id, meeting=meeting, title=title, description=description,
                          due_on=due_on, created_by=by)
    _set_owner(point, owner)
    if point.owner_user_id and not Membership.objects.filter(group_id=meeting.group_id, user_id=point.owner_user_id,
                                                             status=Membership.Status.ACTIVE).exists():
        raise ActionError(_("A point's owner must be a member of the group, an office or an association."))
    point.save()
    audit.record(by=by, action="point.create", target=point,
                 changes={"title": title, "owner": point.owner_name, "due": due_on.isoformat()})
    return point


def _set_owner(point: FollowUpPoint, owner) -> None:
    from samverka.actors.models import Actor
    from samverka.municipality.models import Office

    point.owner_user = point.owner_office = point.owner_actor = None
    if isinstance(owner, Office):
        point.owner_office = owner
    elif isinstance(owner, Actor):
        point.owner_actor = owner
    elif owner is not None:
        point.owner_user = owner
    else:
        raise ActionError(_("Choose who owns the point."))


@transaction.atomic
def mark_done(*, by, point: FollowUpPoint) -> FollowUpPoint:
    point = FollowUpPoint.objects.select_for_update().get(pk=point.pk)
    require_perm(by, "networks.change_point", point)
    if not point.is_open:
        raise ActionError(_("The point is already done."))
    point.status, point.done_at, point.done_by = FollowUpPoint.Status.DONE, timezone.now(), by
    point.save(update_fields=["status", "done_at", "done_by"])
    audit.record(by=by, action="point.done", target=point,
                 changes={"due": point.due_on.isoformat(), "on_time": timezone.localdate() <= point.due_on})
    return point


@transaction.atomic
def reopen_point(*, by, point: FollowUpPoint) -> FollowUpPoint:
    """A point marked done too early is open again, with its due date as it was."""
    point = FollowUpPoint.objects.select_for_update().get(pk=point.pk)
    require_perm(by, "networks.change_point", point)
    if point.is_open:
        raise ActionError(_("The point is already open."))
    done_at = point.done_at
    point.status, point.done_at, point.done_by = FollowUpPoint.Status.OPEN, None, None
    point.save(update_fields=["status", "done_at", "done_by"])
    audit.record(by=by, action="point.reopen", target=point,
                 changes={"done_at": done_at.isoformat() if done_at else "", "due": point.due_on.isoformat()})
    return point


@transaction.atomic
def point_to_need(*, by, point: FollowUpPoint, data: dict[str, Any]):
    """Publish a need (through the needs' own service and rules) and keep the point linked to it."""
    point = FollowUpPoint.objects.select_for_update().get(pk=point.pk)
    require_perm(by, "networks.change_point", point)
    if point.need_id:
        raise ActionError(_("This point has already become a need."))
    need = need_services.create_need(by=by, data=data)
    point.need = need
    point.save(update_fields=["need"])
    audit.record(by=by, action="point.need", target=point, changes={"need": need.title})
    return need
