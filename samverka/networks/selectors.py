"""Reads for the groups' pages: each costs a fixed number of queries, however many members,
meetings and points a group has."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils import timezone

from .models import AgendaItem, FollowUpPoint, Group, Meeting, Membership, Minutes, Seat

COMING = 10


def _points(qs):
    return qs.select_related("group", "meeting", "owner_user", "owner_office", "owner_actor", "need", "programme")


def points_of(user, *, today=None, open_only: bool = False, limit: int | None = None):
    """The points a person answers for (their own, their offices' and actors'), overdue first."""
    points = FollowUpPoint.objects.owned_by(user)
    if open_only:
        points = points.open()
    points = _points(points).overdue_first(today)
    return list(points[:limit] if limit else points)


POINTS_PER_PAGE = 50


def points_page(user, page_number=None):
    """The owner's whole list, overdue first, 50 to a page (an owner of hundreds of points)."""
    points = _points(FollowUpPoint.objects.owned_by(user)).overdue_first()
    return Paginator(points, POINTS_PER_PAGE).get_page(page_number)


def points_of_group(group: Group, *, today=None):
    """The chair's list: every point of the group, overdue first."""
    return list(_points(FollowUpPoint.objects.filter(group=group)).overdue_first(today))


def overdue_count(user, *, today=None) -> int:
    return FollowUpPoint.objects.owned_by(user).overdue(today).count()


def taking_part(group: Group) -> list:
    """The actors taking part: those holding seats and those members represent (names only)."""
    from samverka.actors.models import Actor

    ids = set(Seat.objects.filter(group=group).values_list("actor_id", flat=True))
    ids |= set(Membership.objects.filter(group=group, status=Membership.Status.ACTIVE, actor__isnull=False)
               .values_list("actor_id", flat=True))
    return list(Actor.objects.filter(pk__in=ids).order_by("name").only("pk", "name", "slug", "status"))


def coming_meetings(group: Group, *, open_only: bool, limit: int = COMING) -> list[Meeting]:
    qs = group.meetings.filter(end__gte=timezone.now(), cancelled_at__isnull=True).select_related("activity",
                                                                                               "occurrence")
    if open_only:
        qs = qs.filter(is_open=True)
    return list(qs.order_by("start")[:limit])


def past_meetings(group: Group, *, limit: int = 20) -> list[Meeting]:
    return list(group.meetings.filter(end__lt=timezone.now(), cancelled_at__isnull=True).order_by("-start")[:limit])


def published_minutes(group: Group, *, limit: int = 20) -> list[Minutes]:
    """The latest approved version of each meeting's minutes, newest meeting first, when the
    group's rule makes them public."""
    if not group.minutes_are_public:
        return []
    approved = (Minutes.objects.filter(meeting__group=group, status=Minutes.Status.APPROVED)
                .select_related("meeting").prefetch_related("decisions").order_by("-meeting__start", "-number"))
    seen, found = set(), []
    for minutes in approved[: limit * 3]:
        if minutes.meeting_id not in seen:
            seen.add(minutes.meeting_id)
            found.append(minutes)
    return found[:limit]


def members(group: Group) -> dict:
    rows = list(Membership.objects.filter(group=group).exclude(status=Membership.Status.LEFT)
                .select_related("user", "actor").order_by("role", "user__first_name", "user__last_name"))
    return {"active": [m for m in rows if m.status == Membership.Status.ACTIVE],
            "requests": [m for m in rows if m.status == Membership.Status.REQUESTED]}


def seats(group: Group) -> list[Seat]:
    return list(Seat.objects.filter(group=group).select_related("actor", "delegate", "substitute"))


def meeting_page(meeting: Meeting) -> dict:
    versions = list(meeting.minutes.order_by("-number").select_related("edited_by", "approved_by",
                                                                       "approved_at_meeting")
                    .prefetch_related("decisions"))
    current = versions[0] if versions else None
    approved = next((m for m in versions if m.is_approved), None)
    agenda = list(meeting.agenda.select_related("proposed_by", "seat__actor", "minutes_of"))
    return {
        "agenda": agenda,
        "points_due": points_due(meeting) if any(i.standing == AgendaItem.Standing.POINTS_DUE for i in agenda) else [],
        "documents": list(meeting.documents.select_related("uploaded_by")),
        "current": current, "approved": approved, "versions": versions,
        "points": list(_points(meeting.points.all()).order_by("due_on", "pk")),
        "attendees": list(meeting.attendees.order_by("first_name", "last_name")),
    }


POINTS_DUE = 30


def points_due(meeting: Meeting, *, limit: int = POINTS_DUE) -> list[FollowUpPoint]:
    """The group's open points due by the day of the meeting, the most overdue first (the
    standing item "follow-up points due")."""
    due_by = timezone.localtime(meeting.start).date()
    return list(_points(FollowUpPoint.objects.open().filter(group_id=meeting.group_id, due_on__lte=due_by))
                .order_by("due_on", "pk")[:limit])


def public_groups():
    return (Group.objects.public().exclude(lifecycle=Group.Lifecycle.CLOSED)
            .select_related("office", "actor", "parent").prefetch_related(
                Prefetch("working_groups", queryset=Group.objects.public().only("pk", "name", "slug", "parent_id"))))


def my_groups(user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user).exclude(status=Membership.Status.LEFT)
                .select_related("group").order_by("group__name"))
