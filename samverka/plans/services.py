"""Every change to the inventory and the action plans. Each function takes the acting user as
`by=` (None is the platform itself: the daily computation), runs in one transaction, asks
rules.py whether `by` may do it (PermissionDenied if not), raises `ActionError` when a rule of
the domain stops it, records an audit event, and renews the app's version stamp on commit (the
public pages show what changed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.core.text import unique_slug
from samverka.municipality.models import Area, Office, SdgGoal

from . import sources
from .models import (
    Action,
    ActionPlan,
    Follow,
    ForwardItem,
    Goal,
    Indicator,
    IndicatorValue,
    Inventory,
    ParticipationRequest,
)

PLAN_M2M = ("sdg_goals",)
PLAN_FIELDS = ("office", "title", "first_year", "last_year", "summary", "sdg_goals")
GOAL_M2M = ("sdg_goals", "sdg_targets")
ACTION_M2M = ("sdg_goals", "needs", "activities", "grant_programmes", "partnerships", "processes", "ideas",
              "programmes", "groups")
RESERVED_SLUGS = {"ny", "samverkansomraden", "mina", "kommande-beslut"}


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


# ---------------------------------------------------------------- the forward look: coming decisions

ITEM_M2M = ("areas", "sdg_goals")


def _renew_forward(process_ids=()) -> None:
    """The forward look is the plans app's page; a dialogue's page shows "came from", so a change
    of the linked dialogue renews the dialogue stamp too."""
    _renew()
    if any(process_ids):
        transaction.on_commit(lambda: versions.renew("dialogue"))


def _check_item(fields: dict[str, Any]) -> None:
    office, committee = fields.get("office"), fields.get("committee")
    quarter = fields.get("quarter")
    if quarter is not None and quarter not in ForwardItem.Quarter.values:
        raise FieldProblem("quarter", _("Choose a quarter from the list."))
    process = fields.get("process")
    if process is not None and office is not None and process.office_id != office.pk:
        raise FieldProblem("process", _("Choose a dialogue of %(office)s.") % {"office": office.label})
    if committee is None:
        raise FieldProblem("committee", _("Choose the committee that decides."))


@transaction.atomic
def create_forward_item(*, by, data: dict[str, Any]) -> ForwardItem:
    """A coming decision, saved as a draft: only the office sees it until it is published."""
    fields, related = _split(data, ITEM_M2M)
    require_perm(by, "plans.add_forward_item_for", fields.get("office"))
    _check_item(fields)
    item = ForwardItem.objects.create(**fields)
    for name, value in related.items():
        getattr(item, name).set(value)
    audit.record(by=by, action="forward.create", target=item,
                 changes={"title": item.title, "committee": item.committee.label, "term": item.term})
    _renew_forward([item.process_id])
    return item


@transaction.atomic
def update_forward_item(*, by, item: ForwardItem, data: dict[str, Any]) -> ForwardItem:
    item = ForwardItem.objects.select_for_update().get(pk=item.pk)
    require_perm(by, "plans.change_forward_item", item)
    fields, related = _split(data, ITEM_M2M)
    if "office" in fields and fields["office"].pk != item.office_id:
        require_perm(by, "plans.add_forward_item_for", fields["office"])
    _check_item({"office": item.office, "committee": item.committee, **fields})
    if item.is_published and (fields.get("year", item.year), fields.get("quarter", item.quarter)) != \
            (item.year, item.quarter):
        raise FieldProblem("year", _("A published coming decision gets a new date with “Move”, so that those who "
                                     "follow it are told why."))
    before_process = item.process_id
    changes = audit.diff(item, fields)
    for name, value in fields.items():
        setattr(item, name, value)
    if changes:
        item.save(update_fields=[*changes, "updated_at"])
    if audit.set_related(item, related, changes) or changes:
        audit.record(by=by, action="forward.change", target=item, changes=changes)
        _renew_forward([before_process, item.process_id] if "process" in changes else [])
    return item


def _people(follows) -> tuple[list[int], list]:
    """The ids to tell in the bell, and the accounts that also want an e-mail (each once)."""
    from samverka.accounts.models import User

    rows = list(follows.filter(user__is_active=True).values_list("user_id", "email"))
    ids = sorted({pk for pk, _email in rows})
    by_mail = sorted({pk for pk, email in rows if email})
    mailed = list(User.objects.filter(pk__in=by_mail).exclude(email="").order_by("pk")) if by_mail else []
    return ids, mailed


def _tell_followers(item: ForwardItem, *, what: str, key: str, text: str, exclude=()) -> int:
    from samverka.communication.notifications import notify
    from samverka.communication.services import queue_email

    ids, mailed = _people(Follow.objects.of_item(item).exclude(user__in=[pk for pk in exclude if pk]))
    told = notify(ids, text, item.get_absolute_url(), key=key, params={"title": item.title})
    for person in mailed:
        queue_email(to=person.email, template=f"plans/email/forward_{what}",
                    context={"item": item, "user": person}, key=f"{key}-{person.pk}")
    return told


@transaction.atomic
def publish_forward_item(*, by, item: ForwardItem) -> ForwardItem:
    """Publish a coming decision; whoever follows its committee, office, areas or goals is told
    once (a second publish tells nobody again)."""
    item = ForwardItem.objects.select_for_update().get(pk=item.pk)
    require_perm(by, "plans.change_forward_item", item)
    if item.is_published:
        return item
    item.published_at = timezone.now()
    item.save(update_fields=["published_at", "updated_at"])
    _tell_followers(item, what="new", key=f"plans-forward-new-{item.pk}",
                    text=gettext_noop("A new coming decision: “%(title)s”."), exclude=[getattr(by, "pk", None)])
    audit.record(by=by, action="forward.publish", target=item, changes={"term": item.term})
    _renew_forward([item.process_id])
    return item


@transaction.atomic
def move_forward_item(*, by, item: ForwardItem, year: int, quarter: int, reason: str) -> ForwardItem:
    """A new date for a coming decision, with the reason; followers are told once per move."""
    item = ForwardItem.objects.select_for_update().get(pk=item.pk)
    require_perm(by, "plans.change_forward_item", item)
    reason = (reason or "").strip()
    if not item.is_coming:
        raise ActionError(_("Only a coming decision can be moved; this one is %(status)s.")
                          % {"status": item.get_status_display().lower()})
    if not reason:
        raise FieldProblem("reason", _("Write why it is moved: those who follow it are told."))
    if quarter not in ForwardItem.Quarter.values:
        raise FieldProblem("quarter", _("Choose a quarter from the list."))
    if (year, quarter) == (item.year, item.quarter):
        raise FieldProblem("year", _("That is the date it already has. Choose another quarter or year."))
    before = item.term
    item.moved_from_year, item.moved_from_quarter = item.year, item.quarter
    item.year, item.quarter, item.reason, item.status = year, quarter, reason, ForwardItem.Status.MOVED
    item.save(update_fields=["moved_from_year", "moved_from_quarter", "year", "quarter", "reason", "status",
                             "updated_at"])
    if item.is_published:
        _tell_followers(item, what="moved", key=f"plans-forward-moved-{item.pk}-{year}-{quarter}",
                        text=gettext_noop("“%(title)s” is moved to another date."),
                        exclude=[getattr(by, "pk", None)])
    audit.record(by=by, action="forward.move", target=item, changes={"term": [before, item.term], "reason": reason})
    _renew_forward([item.process_id])
    return item


@transaction.atomic
def withdraw_forward_item(*, by, item: ForwardItem, reason: str) -> ForwardItem:
    item = ForwardItem.objects.select_for_update().get(pk=item.pk)
    require_perm(by, "plans.change_forward_item", item)
    reason = (reason or "").strip()
    if item.status == ForwardItem.Status.WITHDRAWN:
        return item
    if item.status == ForwardItem.Status.DECIDED:
        raise ActionError(_("The decision is already taken, so it cannot be withdrawn."))
    if not reason:
        raise FieldProblem("reason", _("Write why it is withdrawn: those who follow it are told."))
    item.status, item.reason = ForwardItem.Status.WITHDRAWN, reason
    item.save(update_fields=["status", "reason", "updated_at"])
    if item.is_published:
        _tell_followers(item, what="withdrawn", key=f"plans-forward-withdrawn-{item.pk}",
                        text=gettext_noop("“%(title)s” is withdrawn."), exclude=[getattr(by, "pk", None)])
    audit.record(by=by, action="forward.withdraw", target=item, changes={"reason": reason})
    _renew_forward([item.process_id])
    return item


@transaction.atomic
def mark_decided(*, by, item: ForwardItem) -> ForwardItem:
    item = ForwardItem.objects.select_for_update().get(pk=item.pk)
    require_perm(by, "plans.change_forward_item", item)
    if item.status == ForwardItem.Status.DECIDED:
        return item
    if item.status == ForwardItem.Status.WITHDRAWN:
        raise ActionError(_("A withdrawn item cannot be decided. Add a new coming decision instead."))
    item.status = ForwardItem.Status.DECIDED
    item.save(update_fields=["status", "updated_at"])
    audit.record(by=by, action="forward.decide", target=item, changes={"status": item.status})
    _renew_forward([item.process_id])
    return item


# ---------------------------------------------------------------- following


def follow_target(kind: str, pk: int):
    """The committee, office, area, goal or published coming decision a follow names, or None."""
    from samverka.municipality.models import Committee

    models_by_kind = {"committee": Committee.objects.all(), "office": Office.objects.all(),
                      "area": Area.objects.all(), "sdg_goal": SdgGoal.objects.all(),
                      "item": ForwardItem.objects.published()}
    queryset = models_by_kind.get(kind)
    return queryset.filter(pk=pk).first() if queryset is not None else None


@transaction.atomic
def follow(*, by, kind: str, target, email: bool = False) -> Follow:
    """Follow a committee, office, area, goal or coming decision: one row per person and target
    (following again only changes the e-mail choice)."""
    require_perm(by, "plans.follow")
    if kind not in Follow.TARGETS or target is None:
        raise ActionError(_("There is nothing like that to follow."))
    row, created = Follow.objects.get_or_create(user=by, **{kind: target}, defaults={"email": email})
    if not created and row.email != email:
        row.email = email
        row.save(update_fields=["email"])
    if created:
        audit.record(by=by, action="forward.follow", target=by, changes={kind: str(target), "email": email})
    return row


@transaction.atomic
def unfollow(*, by, row: Follow) -> None:
    if row.user_id != getattr(by, "pk", None):
        raise PermissionDenied
    audit.record(by=by, action="forward.unfollow", target=by, changes={row.kind: str(row.target)})
    row.delete()


# ---------------------------------------------------------------- requests to take part


@transaction.atomic
def ask_to_take_part(*, by, item: ForwardItem, text: str, actor=None) -> ParticipationRequest:
    """An actor (through its representative) or a resident asks to take part in a coming
    decision. The office's answer is a feedback item of the dialogue app, owned by the item's
    responsible official, due like any other."""
    from samverka.actors.rules import acts_for
    from samverka.dialogue import services_feedback

    item = ForwardItem.objects.select_for_update(of=("self",)).select_related("office", "contact").get(pk=item.pk)
    require_perm(by, "plans.ask_to_take_part", item)
    text = (text or "").strip()
    if not text:
        raise FieldProblem("text", _("Write how you want to take part."))
    if actor is not None and not acts_for(by, actor):
        raise FieldProblem("actor", _("You can ask only for an association you represent."))
    if ParticipationRequest.objects.filter(item=item, user=by, actor=actor).exists():
        raise ActionError(_("You have already asked to take part in this. The office answers you here."))
    who = actor.name if actor is not None else by.display_name
    contact = item.contact if item.contact and item.contact.is_active and \
        item.office_id in item.contact.office_ids else None
    feedback = services_feedback.open_item(
        by=by, title=_("Request to take part: %(title)s") % {"title": item.title},
        said=f"{who}: {text}", office=item.office, owner=contact)
    request = ParticipationRequest.objects.create(item=item, user=by, actor=actor, text=text,
                                                  feedback_item=feedback)
    if contact is not None and contact.email:
        from samverka.communication.services import queue_email

        queue_email(to=contact.email, template="plans/email/forward_request",
                    context={"item": item, "request": request, "user": contact},
                    key=f"plans-forward-request-{request.pk}")
    audit.record(by=by, action="forward.request", target=item,
                 changes={"actor": actor.name if actor else None, "feedback_item": feedback.pk})
    _renew()
    return request


def request_answered(*, item, first_time: bool) -> None:
    """The dialogue app gave feedback on an item: when it answers a request to take part, the
    person who asked is told once, and the coming decision's page shows the answer."""
    request = ParticipationRequest.objects.filter(feedback_item=item).select_related("item", "user").first()
    if request is None:
        return
    _renew()
    person = request.user
    if not first_time or person is None or not person.is_active:
        return
    from samverka.communication.notifications import notify
    from samverka.communication.services import queue_email

    notify([person.pk], gettext_noop("The office answered your request to take part in “%(title)s”."),
           request.item.get_absolute_url(), key=f"plans-forward-answer-{request.pk}",
           params={"title": request.item.title})
    if person.email:
        queue_email(to=person.email, template="plans/email/forward_answer",
                    context={"item": request.item, "request": request, "feedback": item, "user": person},
                    key=f"plans-forward-answer-{request.pk}")
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
