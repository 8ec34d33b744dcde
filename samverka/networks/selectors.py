"""Reads for the groups' pages: each costs a fixed number of queries, however many members,
meetings and points a group has. Lists that a page shows on every request come as plain rows
(dicts) with what they show worked out here, once, instead of in the template for each row."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from .models import AgendaItem, Decision, FollowUpPoint, Group, Meeting, Membership, Minutes, Seat

COMING = 10


def _address(name: str) -> Callable[[int], str]:
    """The addresses of one kind of page (`name` takes a `pk`) from one reverse(): a list shows
    dozens of them, and only the number changes."""
    head, tail = reverse(name, kwargs={"pk": 0}).rsplit("/0/", 1)
    return lambda pk: f"{head}/{pk}/{tail}"


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
    """The owner's whole list, overdue first, 50 to a page (an owner of hundreds of points), as
    cards (`point_cards`)."""
    # The meeting too: the rules find a point's group through it (rules._group).
    points = (FollowUpPoint.objects.owned_by(user).select_related("group", "meeting", "owner_user", "owner_office",
                                                                  "owner_actor", "need").overdue_first())
    page = Paginator(points, POINTS_PER_PAGE).get_page(page_number)
    page.object_list = point_cards(page.object_list, user)
    return page


def point_cards(points: Iterable[FollowUpPoint], user, *, group: Group | None = None, today=None) -> list[dict]:
    """The cards of networks/_points.html from points (with their owner and need loaded, and
    their group unless they are all of `group`, which the page has read): what each card
    shows, worked out here instead of in the template for every card. `url` and `done_url`
    (empty unless the point is open and `user` may mark it done, `networks.change_point`),
    `title`, `group` (its name), `owner` (the owner's name), `due` ("due 3 March 2027" in the
    page's language), `overdue`, `open` and `need_url`."""
    today = today or timezone.localdate()
    point_url, done_url = _address("networks:point"), _address("networks:point_done")
    # `networks.change_point` is `owns_point | leads | is_administrator`: who leads the group
    # (`networks.manage_group`, `leads | is_administrator`) may change every point of it, asked
    # once; anyone else is asked for each point.
    leads_all = group is not None and user.has_perm("networks.manage_group", group)
    cards = []
    for point in points:
        if group is not None:
            point.group = group  # for the rules too: not read again for every point
        is_open = point.status == FollowUpPoint.Status.OPEN
        cards.append({
            "pk": point.pk, "url": point_url(point.pk), "title": point.title, "group": point.group.name,
            "owner": point.owner_name, "open": is_open, "overdue": is_open and point.due_on < today,
            # The words of the template this replaces ({% blocktranslate %}due {{ due }}{% endblocktranslate %}).
            "due": gettext("due %(due)s") % {"due": date_format(point.due_on, "j F Y")},
            "need_url": point.need.get_absolute_url() if point.need_id else "",
            "done_url": done_url(point.pk) if is_open and (leads_all or user.has_perm("networks.change_point", point))
            else "",
        })
    return cards


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


def coming_meetings(group: Group, *, open_only: bool, limit: int = COMING) -> list[dict]:
    """The next meetings as rows: `url`, `title`, `start`, `place`, `is_open` and, for an open
    meeting in the calendar, `activity_url`."""
    qs = group.meetings.filter(end__gte=timezone.now(), cancelled_at__isnull=True)
    if open_only:
        qs = qs.filter(is_open=True)
    url = _address("networks:meeting")
    activity = reverse("activities:detail", kwargs={"slug": "-"}).removesuffix("-/")  # a slug needs no quoting
    return [{"url": url(row["pk"]), "title": row["title"], "start": row["start"], "place": row["place"],
             "is_open": row["is_open"], "activity_url": f"{activity}{row['activity__slug']}/" if row["activity__slug"] else ""}
            for row in qs.order_by("start").values("pk", "title", "start", "place", "is_open", "activity__slug")[:limit]]


def past_meetings(group: Group, *, limit: int = 20) -> list[dict]:
    """The latest meetings held, newest first, as rows: `url`, `title`, `start`."""
    url = _address("networks:meeting")
    return [{"url": url(pk), "title": title, "start": start} for pk, title, start in
            group.meetings.filter(end__lt=timezone.now(), cancelled_at__isnull=True).order_by("-start")
            .values_list("pk", "title", "start")[:limit]]


def published_minutes(group: Group, *, limit: int = 20) -> list[dict]:
    """The latest approved version of each meeting's minutes, newest meeting first, when the
    group's rule makes them public: rows of the meeting's `url`, `title` and `start` and the
    version's `number`."""
    if not group.minutes_are_public:
        return []
    approved = (Minutes.objects.filter(meeting__group=group, status=Minutes.Status.APPROVED)
                .order_by("-meeting__start", "-number").values_list("meeting_id", "meeting__title", "meeting__start",
                                                                    "number"))
    url = _address("networks:meeting")
    seen, found = set(), []
    for meeting_id, title, start, number in approved[: limit * 3]:
        if meeting_id not in seen:
            seen.add(meeting_id)
            found.append({"url": url(meeting_id), "title": title, "start": start, "number": number})
    return found[:limit]


def members(group: Group) -> dict:
    rows = list(Membership.objects.filter(group=group).exclude(status=Membership.Status.LEFT)
                .select_related("user", "actor").order_by("role", "user__first_name", "user__last_name"))
    return {"active": [m for m in rows if m.status == Membership.Status.ACTIVE],
            "requests": [m for m in rows if m.status == Membership.Status.REQUESTED]}


def announcement_reach(group: Group) -> dict:
    """Whom an announcement would reach, as send_announcement sends it: the active members
    who have not stopped the group's announcements, by SMS those who chose it and have a
    verified number, by e-mail the others (every account has an address)."""
    members = Membership.objects.filter(group=group).told()
    total, sms = members.count(), members.with_sms().filter(by_sms=True).count()
    return {"members": total, "sms": sms, "email": total - sms,
            "stopped": Membership.objects.filter(group=group, status=Membership.Status.ACTIVE,
                                                 announcements=False).count()}


def seats(group: Group) -> list[Seat]:
    # In the order of Seat.Meta, without joining the group again to sort by it.
    return list(Seat.objects.filter(group=group).select_related("actor", "delegate", "substitute")
                .order_by("actor__name", "pk"))


def seats_held_by(group: Group, user) -> list[Seat]:
    """The seats of `group` whose delegate or substitute `user` is, in the order of `seats`,
    with their actor's name: those among which `networks.act_for_seat` chooses (an item "in
    the name of" a seat), without reading every seat of a council with its people."""
    return list(Seat.objects.filter(group=group).filter(Q(delegate=user) | Q(substitute=user))
                .select_related("actor").only("group", "delegate", "substitute", "term_starts", "term_ends",
                                              "actor__name").order_by("actor__name", "pk"))


# What `point_cards` and the rules of a point (`owns_point`) read of a point of the page's group.
POINT_CARD = ("group", "title", "status", "due_on", "owner_user__first_name", "owner_user__last_name",
              "owner_user__email", "owner_office__name", "owner_office__name_en", "owner_office__name_ar",
              "owner_actor__name", "need__slug")


# What the agenda shows of an item (networks/meeting.html, _standing_item.html) and what the
# chair's "approve the minutes of <date>" asks of the earlier meeting (`views._approval_at`).
AGENDA_ITEM = ("meeting", "standing", "minutes_of", "title", "description", "seat", "created_at",
               "seat__actor__name", "minutes_of__start", "minutes_of__group")


def meeting_page(meeting: Meeting, user) -> dict:
    """What a meeting's page shows; `points` as cards for `user` (`point_cards`)."""
    # Decisions in the order of Decision.Meta within one version of the minutes, without the
    # joins to the minutes and the meeting that sorting by them would take.
    versions = list(meeting.minutes.order_by("-number").select_related("approved_at_meeting")
                    .prefetch_related(Prefetch("decisions", queryset=Decision.objects.order_by("position", "pk"))))
    current = versions[0] if versions else None
    approved = next((m for m in versions if m.is_approved), None)
    agenda = list(meeting.agenda.select_related("seat__actor", "minutes_of").only(*AGENDA_ITEM))
    points = (meeting.points.select_related("owner_user", "owner_office", "owner_actor", "need").only(*POINT_CARD)
              .order_by("due_on", "pk"))
    return {
        "agenda": agenda,
        "points_due": points_due(meeting) if any(i.standing == AgendaItem.Standing.POINTS_DUE for i in agenda) else [],
        "documents": list(meeting.documents.all()),
        "current": current, "approved": approved, "versions": versions,
        "points": point_cards(points, user, group=meeting.group),
        "attendees": list(meeting.attendees.order_by("first_name", "last_name").only("first_name", "last_name",
                                                                                    "email")),
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
