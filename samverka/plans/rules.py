"""Who may do what with the inventory and the action plans. Who may *see* a plan is
`ActionPlan.objects.visible_to(user)`.

- The officials of an office record where their office can cooperate (the inventory) and keep
  its action plans: the plan, its goals, indicators, values and actions.
- Administrators may do all of it, for every office.

`obj` is the office for `plans.add_plan` and `plans.change_inventory`; the plan (or a goal,
indicator, value or action of it) for the others."""

import rules

from samverka.accounts.rules import is_administrator, is_official, is_process_leader
from samverka.municipality.models import Office


def _office_id(obj):
    """The office an object belongs to: an office, a plan, an inventory row or a part of a plan."""
    if obj is None:
        return None
    if isinstance(obj, Office):
        return obj.pk
    if hasattr(obj, "office_id"):
        return obj.office_id
    for name in ("plan", "goal", "indicator"):
        if hasattr(obj, f"{name}_id"):
            return _office_id(getattr(obj, name))
    return None


@rules.predicate
def of_the_office(user, obj) -> bool:
    """An official of the office the object belongs to."""
    office_id = _office_id(obj)
    return office_id is not None and user.is_authenticated and user.is_active and office_id in user.office_ids


rules.add_perm("plans.add_plan", is_official | is_administrator)
rules.add_perm("plans.add_plan_for", of_the_office | is_administrator)
rules.add_perm("plans.change_plan", of_the_office | is_administrator)
rules.add_perm("plans.change_inventory", of_the_office | is_administrator)
rules.add_perm("plans.edit_inventory", is_official | is_administrator)


# ---- the forward look: coming decisions
# The officials of the office keep its coming decisions; the process leaders and administrators
# keep every office's. Anyone logged in follows and asks to take part in a published one.


@rules.predicate
def is_active_user(user) -> bool:
    return user.is_authenticated and user.is_active


@rules.predicate
def is_open_for_requests(user, item) -> bool:
    return item is not None and item.is_published and item.is_coming


rules.add_perm("plans.add_forward_item", is_official | is_process_leader | is_administrator)
rules.add_perm("plans.add_forward_item_for", of_the_office | is_process_leader | is_administrator)
rules.add_perm("plans.change_forward_item", of_the_office | is_process_leader | is_administrator)
rules.add_perm("plans.follow", is_active_user)
rules.add_perm("plans.ask_to_take_part", is_active_user & is_open_for_requests)
# `obj` is a group's follow-up point: an official who sees inside the group, or owns the
# point, may turn it into an action of their office's plan (`plans.change_plan` on the plan).
@rules.predicate
def sees_point(user, point) -> bool:
    return point is not None and (user.has_perm("networks.view_inside", point.group)
                                  or user.has_perm("networks.change_point", point))


rules.add_perm("plans.turn_point", (is_official | is_administrator) & sees_point)
