"""Who may do what in a standing group. Who may *see* a group is
`Group.objects.visible_to(user)`; what is inside a closed group (members, attendance, agenda,
unpublished minutes) is `networks.view_inside`: its members, the office or actor that runs it,
the officials of its appointing committee and administrators.

`obj` is the group unless the name says otherwise (a meeting, a seat, a point)."""

import rules

from samverka.accounts.rules import is_administrator
from samverka.actors.rules import acts_for, acts_for_owner

from .models import Group, Membership, group_roles


def _group(obj):
    if isinstance(obj, Group):
        return obj
    if hasattr(obj, "meeting") and not hasattr(obj, "group"):  # a meeting's document
        return obj.meeting.group
    return getattr(obj, "group", None)


@rules.predicate
def is_member(user, obj) -> bool:
    group = _group(obj)
    return group is not None and group.pk in group_roles(user)


@rules.predicate
def is_chair(user, obj) -> bool:
    group = _group(obj)
    return group is not None and group_roles(user).get(group.pk) == Membership.Role.CHAIR


@rules.predicate
def is_secretary(user, obj) -> bool:
    group = _group(obj)
    return group is not None and group_roles(user).get(group.pk) == Membership.Role.SECRETARY


@rules.predicate
def is_adjuster(user, obj) -> bool:
    """Checks (justerar) the minutes next to the chair."""
    group = _group(obj)
    return group is not None and group_roles(user).get(group.pk) == Membership.Role.ADJUSTER


@rules.predicate
def runs_group(user, obj) -> bool:
    """Acts for the office or actor that runs the group."""
    group = _group(obj)
    return group is not None and acts_for_owner(user, group)


@rules.predicate
def appoints(user, obj) -> bool:
    """An official of an office under the group's appointing committee (a council's seats)."""
    group = _group(obj)
    if group is None or not group.committee_id or not user.is_authenticated or not user.is_active:
        return False
    from samverka.municipality.models import Office

    return Office.objects.filter(committee_id=group.committee_id, pk__in=user.office_ids).exists()


@rules.predicate
def may_join(user, group) -> bool:
    return (user.is_authenticated and user.is_active and group is not None
            and group.join_rule in (Group.JoinRule.OPEN, Group.JoinRule.REQUEST)
            and group.lifecycle in (Group.Lifecycle.FORMING, Group.Lifecycle.ACTIVE))


@rules.predicate
def holds_seat(user, seat) -> bool:
    """The seat's delegate or substitute, during its term: a delegate acts only for their own seat."""
    return (seat is not None and user.is_authenticated and seat.is_current
            and user.pk in (seat.delegate_id, seat.substitute_id))


@rules.predicate
def owns_point(user, point) -> bool:
    if point is None or not user.is_authenticated or not user.is_active:
        return False
    if point.owner_user_id:
        return point.owner_user_id == user.pk
    return acts_for(user, point.owner_office or point.owner_actor)


@rules.predicate
def is_uploader(user, document) -> bool:
    return document is not None and user.is_authenticated and document.uploaded_by_id == user.pk


@rules.predicate
def is_running(user, obj) -> bool:
    """The group is forming or active (not closed, anchored or handed over) and, for a meeting,
    the meeting is not cancelled: only then are meetings planned, announcements sent, items proposed."""
    group = _group(obj)
    return (group is not None and group.lifecycle in (Group.Lifecycle.FORMING, Group.Lifecycle.ACTIVE)
            and getattr(obj, "cancelled_at", None) is None)


@rules.predicate
def is_not_cancelled(user, meeting) -> bool:
    return meeting is not None and getattr(meeting, "cancelled_at", None) is None


# The chair of the group (of a meeting, a seat, a point), or who runs it.
leads = is_chair | runs_group

# `obj` is the office or actor that is to run a new group.
rules.add_perm("networks.create_for", acts_for | is_administrator)
rules.add_perm("networks.view_inside", is_member | runs_group | appoints | is_administrator)
rules.add_perm("networks.join_group", may_join)
rules.add_perm("networks.manage_group", leads | is_administrator)
rules.add_perm("networks.appoint_seats", appoints | runs_group | is_administrator)
rules.add_perm("networks.act_for_seat", holds_seat)
rules.add_perm("networks.announce", (leads | is_secretary | is_administrator) & is_running)
rules.add_perm("networks.unsubscribe", is_member)
# `obj` is a meeting.
rules.add_perm("networks.plan_meeting", (leads | is_secretary | is_administrator) & is_running)
rules.add_perm("networks.propose_item", is_member & is_running)
# After the deadline (or once the meeting has started) only the chair adds items.
rules.add_perm("networks.add_late_item", is_chair & is_running)
rules.add_perm("networks.record_attendance", (leads | is_secretary) & is_not_cancelled)
rules.add_perm("networks.add_document", is_member | runs_group)
rules.add_perm("networks.edit_minutes", is_secretary | is_chair)
rules.add_perm("networks.approve_minutes", is_chair | is_adjuster)
rules.add_perm("networks.add_point", is_secretary | leads)
# `obj` is a meeting document: who uploaded it, or who leads the group and its secretary.
rules.add_perm("networks.remove_document", is_uploader | leads | is_secretary | is_administrator)
# `obj` is a point.
rules.add_perm("networks.change_point", owns_point | leads | is_administrator)
