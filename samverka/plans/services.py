"""Every change to the inventory and the action plans. Each function takes the acting user as
`by=` (None is the platform itself: the daily computation), runs in one transaction, asks
rules.py whether `by` may do it (PermissionDenied if not), raises `ActionError` when a rule of
the domain stops it, records an audit event, and renews the app's version stamp on commit (the
public pages show what changed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.core.text import unique_slug

from . import sources
from .models import Action, ActionPlan, Goal, Indicator, IndicatorValue, Inventory

PLAN_M2M = ("sdg_goals",)
PLAN_FIELDS = ("office", "title", "first_year", "last_year", "summary", "sdg_goals")
GOAL_M2M = ("sdg_goals", "sdg_targets")
ACTION_M2M = ("sdg_goals", "needs", "activities", "grant_programmes", "partnerships", "processes", "ideas",
              "programmes", "groups")
RESERVED_SLUGS = {"ny", "samverkansomraden", "mina"}


class FieldProblem(ActionError):
    """A rule stops the change because of one field; the view shows it next to that field."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field


def _renew() -> None:
    transaction.on_commit(lambda: versions.renew("plans"))


def _split(data: dict[str, Any], m2m) -> tuple[dict, dict]:
    return ({k: v for k, v in data.items() if k not in m2m}, {k: v for k, v in data.items() if k in m2m})


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


# ---------------------------------------------------------------- the inventory


@transaction.atomic
def save_inventory(*, by, office, area, description: str, contact=None, row: Inventory | None = None) -> Inventory:
    """Record (or change) how the office can cooperate with civil society in an area."""
    require_perm(by, "plans.change_inventory", office)
    if row is not None:
        row = Inventory.objects.select_for_update().get(pk=row.pk)
        require_perm(by, "plans.change_inventory", row)
    taken = Inventory.objects.filter(office=office, area=area).exclude(pk=getattr(row, "pk", None))
    if taken.exists():
        raise FieldProblem("area", _("%(office)s already has a row for %(area)s. Change that row instead.")
                           % {"office": office.label, "area": area.label})
    fields = {"office": office, "area": area, "description": description, "contact": contact}
    if row is None:
        row = Inventory.objects.create(**fields)
        changes = {"office": office.label, "area": area.label, "description": description}
    else:
        changes = audit.diff(row, fields)
        for name, value in fields.items():
            setattr(row, name, value)
        row.save()
    audit.record(by=by, action="inventory.save", target=row, changes=changes)
    _renew()
    return row


@transaction.atomic
def delete_inventory(*, by, row: Inventory) -> None:
    require_perm(by, "plans.change_inventory", row)
    audit.record(by=by, action="inventory.delete", target=row.office,
                 changes={"area": row.area.label, "description": row.description})
    row.delete()
    _renew()


# ---------------------------------------------------------------- plans


def check_plan(fields: dict[str, Any], current: ActionPlan | None = None) -> None:
    first = fields.get("first_year", getattr(current, "first_year", None))
    last = fields.get("last_year", getattr(current, "last_year", None))
    if first and last and last < first:
        raise FieldProblem("last_year", _("The last year cannot come before the first year."))


@transaction.atomic
def create_plan(*, by, data: dict[str, Any]) -> ActionPlan:
    fields, related = _split(data, PLAN_M2M)
    require_perm(by, "plans.add_plan_for", fields.get("office"))
    check_plan(fields)
    plan = ActionPlan.objects.create(
        slug=unique_slug(ActionPlan.objects, f"{fields['title']} {fields['first_year']}", fallback="handlingsplan",
                         reserved=RESERVED_SLUGS), **fields)
    for name, value in related.items():
        getattr(plan, name).set(value)
    audit.record(by=by, action="plan.create", target=plan,
                 changes={"title": plan.title, "office": plan.office.label,
                          "years": f"{plan.first_year}–{plan.last_year}"})
    _renew()
    return plan


@transaction.atomic
def update_plan(*, by, plan: ActionPlan, data: dict[str, Any]) -> ActionPlan:
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    require_perm(by, "plans.change_plan", plan)
    fields, related = _split(data, PLAN_M2M)
    if "office" in fields and fields["office"].pk != plan.office_id:
        require_perm(by, "plans.add_plan_for", fields["office"])
    check_plan(fields, plan)
    changes = audit.diff(plan, fields)
    for name, value in fields.items():
        setattr(plan, name, value)
    if changes:
        plan.save(update_fields=[*changes, "updated_at"])
    if audit.set_related(plan, related, changes) or changes:
        audit.record(by=by, action="plan.change", target=plan, changes=changes)
        _renew()
    return plan


@transaction.atomic
def publish_plan(*, by, plan: ActionPlan) -> ActionPlan:
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    require_perm(by, "plans.change_plan", plan)
    if plan.status == ActionPlan.Status.PUBLISHED:
        return plan
    if not plan.goals.exists():
        raise ActionError(_("Add at least one goal before you publish the plan."))
    plan.status, plan.published_at = ActionPlan.Status.PUBLISHED, plan.published_at or timezone.now()
    plan.save(update_fields=["status", "published_at", "updated_at"])
    audit.record(by=by, action="plan.publish", target=plan, changes={"status": plan.status})
    _renew()
    return plan


@transaction.atomic
def archive_plan(*, by, plan: ActionPlan) -> ActionPlan:
    """An archived plan leaves the public list; the office and the administrators still read it."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    require_perm(by, "plans.change_plan", plan)
    if plan.status == ActionPlan.Status.ARCHIVED:
        return plan
    plan.status = ActionPlan.Status.ARCHIVED
    plan.save(update_fields=["status", "updated_at"])
    audit.record(by=by, action="plan.archive", target=plan, changes={"status": plan.status})
    _renew()
    return plan


# ---------------------------------------------------------------- goals and indicators


@transaction.atomic
def save_goal(*, by, plan: ActionPlan, data: dict[str, Any], goal: Goal | None = None) -> Goal:
    require_perm(by, "plans.change_plan", plan)
    fields, related = _split(data, GOAL_M2M)
    if goal is None:
        goal = Goal.objects.create(plan=plan, position=plan.goals.count(), **fields)
        changes = {"title": goal.title}
        for name, value in related.items():
            getattr(goal, name).set(value)
    else:
        goal = Goal.objects.select_for_update().get(pk=goal.pk, plan=plan)
        changes = audit.diff(goal, fields)
        for name, value in fields.items():
            setattr(goal, name, value)
        if changes:
            goal.save(update_fields=list(changes))
        audit.set_related(goal, related, changes)
    audit.record(by=by, action="goal.save", target=plan, changes={"goal": goal.title, **changes})
    _renew()
    return goal


def check_indicator(fields: dict[str, Any]) -> None:
    source, unit = fields.get("source"), fields.get("unit")
    if source in sources.UNITS and unit and unit != sources.UNITS[source]:
        raise FieldProblem("unit", _("“%(source)s” is counted in %(unit)s. Choose that unit.")
                           % {"source": Indicator.Source(source).label,
                              "unit": Indicator.Unit(sources.UNITS[source]).label})
    for name in ("baseline", "target"):
        value = fields.get(name)
        if value is not None and unit == Indicator.Unit.PERCENT and value > 100:
            raise FieldProblem(name, _("A share cannot be more than 100 per cent."))


@transaction.atomic
def save_indicator(*, by, goal: Goal, data: dict[str, Any], indicator: Indicator | None = None) -> Indicator:
    require_perm(by, "plans.change_plan", goal.plan)
    fields = dict(data)
    if fields.get("source") in sources.UNITS and not fields.get("unit"):
        fields["unit"] = sources.UNITS[fields["source"]]
    check_indicator(fields)
    if indicator is None:
        indicator = Indicator.objects.create(goal=goal, position=goal.indicators.count(), **fields)
        changes = {"name": indicator.name, "source": indicator.source}
    else:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk, goal__plan=goal.plan)
        changes = audit.diff(indicator, fields)
        for name, value in fields.items():
            setattr(indicator, name, value)
        if changes:
            indicator.save(update_fields=list(changes))
    audit.record(by=by, action="indicator.save", target=goal.plan, changes={"indicator": indicator.name, **changes})
    _renew()
    return indicator


@transaction.atomic
def add_value(*, by, indicator: Indicator, measured_on: date, value: Decimal, note: str = "") -> IndicatorValue:
    """A value typed by hand. Every value is kept: a correction of a date is a new row, and
    the latest row of a date is the one shown."""
    require_perm(by, "plans.change_plan", indicator)
    if indicator.computed:
        raise ActionError(_("The values of this indicator are computed from the platform's data every day; "
                            "they cannot be typed."))
    if measured_on > timezone.localdate():
        raise FieldProblem("measured_on", _("The date cannot be in the future."))
    if value < 0:
        raise FieldProblem("value", _("The value cannot be below zero."))
    if indicator.unit == Indicator.Unit.PERCENT and value > 100:
        raise FieldProblem("value", _("A share cannot be more than 100 per cent."))
    row = IndicatorValue.objects.create(indicator=indicator, measured_on=measured_on, value=value, note=note,
                                        entered_by=_user(by))
    audit.record(by=by, action="indicator.value", target=indicator.goal.plan,
                 changes={"indicator": indicator.name, "measured_on": measured_on.isoformat(),
                          "value": str(value), "note": note})
    _renew()
    return row


def record_computed(indicator: Indicator, day: date) -> IndicatorValue | None:
    """Write the computed indicator's value for `day`, once: a second run the same day finds
    the row (the partial unique constraint) and writes nothing. None when there is no data yet."""
    if IndicatorValue.objects.filter(indicator=indicator, measured_on=day, computed=True).exists():
        return None
    value = sources.compute(indicator, day)
    if value is None:
        return None
    try:
        with transaction.atomic():
            return IndicatorValue.objects.create(indicator=indicator, measured_on=day, value=value, computed=True)
    except IntegrityError:  # another run wrote it a moment ago
        return None


def compute_indicators(*, today: date | None = None) -> int:
    """The daily computation of every computed indicator of the plans not archived. Returns the
    number of values written."""
    day = today or timezone.localdate()
    indicators = (Indicator.objects.exclude(source=Indicator.Source.MANUAL)
                  .exclude(goal__plan__status=ActionPlan.Status.ARCHIVED).select_related("goal__plan"))
    written = sum(1 for indicator in indicators if record_computed(indicator, day) is not None)
    if written:
        versions.renew("plans")
    return written


# ---------------------------------------------------------------- actions


def may_own(user, plan: ActionPlan) -> bool:
    """An action's owner is an official of the plan's office or a process leader."""
    return bool(user and user.is_active and (plan.office_id in user.office_ids or user.is_process_leader))


@transaction.atomic
def save_action(*, by, plan: ActionPlan, data: dict[str, Any], action: Action | None = None) -> Action:
    require_perm(by, "plans.change_plan", plan)
    fields, related = _split(data, ACTION_M2M)
    owner = fields.get("owner")
    if owner is not None and not may_own(owner, plan):
        raise FieldProblem("owner", _("The responsible person must work at %(office)s or be the process leader.")
                           % {"office": plan.office.label})
    goal = fields.get("goal")
    if goal is not None and goal.plan_id != plan.pk:
        raise FieldProblem("goal", _("Choose a goal of this plan."))
    starts, ends = fields.get("starts_on"), fields.get("ends_on")
    if starts and ends and ends < starts:
        raise FieldProblem("ends_on", _("The action cannot end before it starts."))
    if action is None:
        action = Action.objects.create(plan=plan, position=plan.actions.count(), **fields)
        for name, value in related.items():
            getattr(action, name).set(value)
        changes = {"title": action.title, "status": action.status}
    else:
        action = Action.objects.select_for_update().get(pk=action.pk, plan=plan)
        changes = audit.diff(action, fields)
        for name, value in fields.items():
            setattr(action, name, value)
        if changes:
            action.save(update_fields=[*changes, "updated_at"])
        audit.set_related(action, related, changes)
    audit.record(by=by, action="action.save", target=plan, changes={"action": action.title, **changes})
    _renew()
    return action


@transaction.atomic
def set_action_status(*, by, action: Action, status: str) -> Action:
    action = Action.objects.select_for_update().select_related("plan").get(pk=action.pk)
    require_perm(by, "plans.change_plan", action.plan)
    if status not in Action.Status.values:
        raise ActionError(_("Choose a status from the list."))
    if action.status != status:
        before, action.status = action.status, status
        action.save(update_fields=["status", "updated_at"])
        audit.record(by=by, action="action.status", target=action.plan,
                     changes={"action": action.title, "status": [before, status]})
        _renew()
    return action


# ---------------------------------------------------------------- actions from follow-up points


@transaction.atomic
def action_from_point(*, by, point, plan: ActionPlan, data: dict[str, Any]) -> Action:
    """A group's follow-up point becomes an action of an office's plan (issue 20, part 3), made
    by `save_action` and linked to the point, which shows it (`point.plan_actions`). A point
    becomes at most one action of a plan; an archived plan takes no new actions."""
    require_perm(by, "plans.turn_point", point)
    plan = ActionPlan.objects.select_for_update().select_related("office").get(pk=plan.pk)
    require_perm(by, "plans.change_plan", plan)
    if plan.status == ActionPlan.Status.ARCHIVED:
        raise FieldProblem("plan", _("The plan is archived. Choose a plan that is in use."))
    earlier = plan.actions.filter(from_points=point).first()
    if earlier is not None:
        raise FieldProblem("plan", _("The point is already the action “%(action)s” of this plan.")
                           % {"action": earlier.title})
    action = save_action(by=by, plan=plan, data=data)
    action.from_points.add(point)
    audit.record(by=by, action="action.from_point", target=plan,
                 changes={"action": action.title, "point": point.title, "group": point.group.name})
    return action
