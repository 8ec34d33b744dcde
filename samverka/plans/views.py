"""The inventory and action plan pages: fetch (access helper) → check (rules) → one service →
respond."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page
from samverka.dialogue.services_feedback import DEFAULT_DAYS
from samverka.municipality.models import Office

from . import selectors, services
from .forms import (
    ActionForm,
    FollowForm,
    ForwardItemForm,
    GoalForm,
    IndicatorForm,
    InventoryForm,
    MoveForm,
    PlanForm,
    RequestForm,
    StatusForm,
    ValueForm,
    WithdrawForm,
)
from .models import Action, ActionPlan, Follow, ForwardItem, Indicator, Inventory

CHANGE = "plans.change_plan"
# The apps whose data a plan's public page shows (the linked work's titles).
SHOWN = ("plans", "needs", "activities", "grants", "partnerships", "dialogue", "ideas", "matching", "networks")


def _plan(request, slug, perm=None) -> ActionPlan:
    return get_for_user(ActionPlan.objects.visible_to(request.user).select_related("office"), request.user,
                        perm=perm, slug=slug)


def _problem(form, error: ActionError) -> None:
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, str(error))


def _form_page(request, form, *, title, submit, back, plan=None, lead="", token=False, template="plans/form.html",
               extra=None):
    return render(request, template, {"form": form, "title": title, "submit": submit, "back": back, "plan": plan,
                                      "lead": lead, "token": token, **(extra or {})})


# ---------------------------------------------------------------- public pages


@require_GET
@cache_public_page("plans")
def index(request):
    plans = list(selectors.plans_for_list(request.user))
    return render(request, "plans/index.html", {
        "published": [p for p in plans if p.status == ActionPlan.Status.PUBLISHED],
        "drafts": [p for p in plans if p.status == ActionPlan.Status.DRAFT],
        "archived": [p for p in plans if p.status == ActionPlan.Status.ARCHIVED],
        "can_add": request.user.has_perm("plans.add_plan")})


@require_GET
@cache_public_page("plans")
def inventory(request):
    offices = selectors.inventory_by_office()
    mine = []
    if request.user.is_authenticated:
        mine = list(Office.objects.acted_for_by(request.user))
    return render(request, "plans/inventory.html", {"offices": offices, "mine": mine})


@require_GET
@cache_public_page(*SHOWN)
def detail(request, slug):
    plan = _plan(request, slug)
    can_change = request.user.has_perm(CHANGE, plan)
    return render(request, "plans/detail.html", {
        "plan": plan, "can_change": can_change, "sdg_goals": list(plan.sdg_goals.all()),
        "statuses": Action.Status.choices,
        **selectors.page(plan, public=not can_change)})


# ---------------------------------------------------------------- the inventory


def _office(request, slug) -> Office:
    office = get_object_or_404(Office, slug=slug)
    if not request.user.has_perm("plans.change_inventory", office):
        raise PermissionDenied
    return office


@login_required
@require_http_methods(["GET", "POST"])
def inventory_office(request, office):
    """The office's rows of the inventory, each with its own edit and remove, and a form to add one."""
    office = _office(request, office)
    back = reverse("plans:inventory_office", kwargs={"office": office.slug})
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = InventoryForm(request.POST, office=office)
        if form.is_valid():
            try:
                url = once(request, lambda: (services.save_inventory(by=request.user, office=office, **form.cleaned_data),
                                             back)[1])
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, _("The area is added to the inventory."))
                return redirect(url)
    else:
        form = InventoryForm(office=office)
    rows = list(office.inventory.select_related("area", "contact").order_by("area__position", "area__name"))
    return render(request, "plans/inventory_office.html", {"office": office, "rows": rows, "form": form})


def _row(request, pk) -> Inventory:
    row = get_object_or_404(Inventory.objects.select_related("office", "area"), pk=pk)
    if not request.user.has_perm("plans.change_inventory", row):
        raise PermissionDenied
    return row


@login_required
@require_http_methods(["GET", "POST"])
def edit_inventory(request, pk):
    row = _row(request, pk)
    back = reverse("plans:inventory_office", kwargs={"office": row.office.slug})
    if request.method == "POST":
        form = InventoryForm(request.POST, instance=Inventory.objects.get(pk=row.pk), office=row.office)
        if form.is_valid():
            try:
                services.save_inventory(by=request.user, office=row.office, row=row, **form.cleaned_data)
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, _("The changes are saved."))
                return redirect(back)
    else:
        form = InventoryForm(instance=row, office=row.office)
    return _form_page(request, form, title=_("Change an area of cooperation"), submit=_("Save the changes"),
                      back=back, lead=row.office.label)


@login_required
@require_POST
def delete_inventory(request, pk):
    row = _row(request, pk)
    services.delete_inventory(by=request.user, row=row)
    messages.success(request, _("The area is removed from the inventory."))
    return redirect("plans:inventory_office", office=row.office.slug)


# ---------------------------------------------------------------- plans


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not request.user.has_perm("plans.add_plan"):
        raise PermissionDenied
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = PlanForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                url = once(request, lambda: services.create_plan(by=request.user,
                                                                 data=form.plan_data()).get_absolute_url())
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, _("The plan is saved as a draft. Add its goals, indicators and actions."))
                return redirect(url)
    else:
        form = PlanForm(user=request.user)
    return _form_page(request, form, title=_("New action plan"), submit=_("Save the plan"),
                      back=reverse("plans:index"), token=True, template="plans/plan_form.html",
                      lead=_("A new plan is a draft, seen only by the office, until you publish it."))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    plan = _plan(request, slug, perm=CHANGE)
    if request.method == "POST":
        form = PlanForm(request.POST, instance=ActionPlan.objects.get(pk=plan.pk), user=request.user)
        if form.is_valid():
            try:
                services.update_plan(by=request.user, plan=plan, data=form.plan_data())
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, _("The changes are saved."))
                return redirect(plan)
    else:
        form = PlanForm(instance=plan, user=request.user)
    return _form_page(request, form, title=_("Change the plan"), submit=_("Save the changes"),
                      back=plan.get_absolute_url(), plan=plan, template="plans/plan_form.html")


@login_required
@require_POST
def publish(request, slug):
    plan = _plan(request, slug, perm=CHANGE)
    try:
        services.publish_plan(by=request.user, plan=plan)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The plan is published: everyone can read it now."))
    return redirect(plan)


@login_required
@require_POST
def archive(request, slug):
    plan = _plan(request, slug, perm=CHANGE)
    services.archive_plan(by=request.user, plan=plan)
    messages.success(request, _("The plan is archived. It is no longer in the public list."))
    return redirect(plan)


# ---------------------------------------------------------------- goals and indicators


def _add_or_edit(request, plan, *, form, save, title, submit, creating, done, template="plans/form.html"):
    """The shared flow of the pages that add (once per submission) or change a part of a plan."""
    if request.method == "POST":
        if creating and (url := already_done(request)):
            return redirect(url)
        if form.is_valid():
            try:
                if creating:
                    url = once(request, lambda: (save(), plan.get_absolute_url())[1])
                else:
                    save()
                    url = plan.get_absolute_url()
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, done)
                return redirect(url)
    return _form_page(request, form, title=title, submit=submit, back=plan.get_absolute_url(), plan=plan,
                      token=creating, template=template)


def _data(request):
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def add_goal(request, slug):
    plan = _plan(request, slug, perm=CHANGE)
    form = GoalForm(_data(request), plan=plan)
    return _add_or_edit(request, plan, form=form, creating=True, title=_("Add a goal"), submit=_("Add the goal"),
                        save=lambda: services.save_goal(by=request.user, plan=plan, data=form.goal_data()),
                        done=_("The goal is added. Add how it is measured: its indicators."))


@login_required
@require_http_methods(["GET", "POST"])
def edit_goal(request, slug, pk):
    plan = _plan(request, slug, perm=CHANGE)
    goal = get_object_or_404(plan.goals.all(), pk=pk)
    form = GoalForm(_data(request), instance=goal, plan=plan)
    return _add_or_edit(request, plan, form=form, creating=False, title=_("Change the goal"),
                        submit=_("Save the changes"), done=_("The changes are saved."),
                        save=lambda: services.save_goal(by=request.user, plan=plan, goal=goal, data=form.goal_data()))


@login_required
@require_http_methods(["GET", "POST"])
def add_indicator(request, slug, pk):
    plan = _plan(request, slug, perm=CHANGE)
    goal = get_object_or_404(plan.goals.all(), pk=pk)
    form = IndicatorForm(_data(request))
    return _add_or_edit(request, plan, form=form, creating=True, title=_("Add an indicator"),
                        submit=_("Add the indicator"), done=_("The indicator is added."),
                        save=lambda: services.save_indicator(by=request.user, goal=goal, data=form.indicator_data()))


@login_required
@require_http_methods(["GET", "POST"])
def edit_indicator(request, slug, pk):
    plan = _plan(request, slug, perm=CHANGE)
    indicator = get_object_or_404(Indicator.objects.filter(goal__plan=plan).select_related("goal"), pk=pk)
    form = IndicatorForm(_data(request), instance=Indicator.objects.get(pk=indicator.pk))
    return _add_or_edit(request, plan, form=form, creating=False, title=_("Change the indicator"),
                        submit=_("Save the changes"), done=_("The changes are saved."),
                        save=lambda: services.save_indicator(by=request.user, goal=indicator.goal, indicator=indicator,
                                                             data=form.indicator_data()))


@login_required
@require_http_methods(["GET", "POST"])
def values(request, slug, pk):
    """An indicator's values: the form for a new one (a hand-entered indicator) and every value
    ever entered, with who entered it and when."""
    plan = _plan(request, slug, perm=CHANGE)
    indicator = get_object_or_404(Indicator.objects.filter(goal__plan=plan).select_related("goal"), pk=pk)
    here = reverse("plans:values", kwargs={"slug": plan.slug, "pk": indicator.pk})
    form = None if indicator.computed else ValueForm(_data(request), indicator=indicator)
    if request.method == "POST":
        if indicator.computed:
            messages.error(request, _("The values of this indicator are computed from the platform's data every "
                                      "day; they cannot be typed."))
            return redirect(here)
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            try:
                url = once(request, lambda: (services.add_value(by=request.user, indicator=indicator,
                                                                **form.cleaned_data), here)[1])
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, _("The value is saved."))
                return redirect(url)
    return render(request, "plans/values.html", {"plan": plan, "indicator": indicator, "form": form,
                                                 "history": selectors.history(indicator)})


# ---------------------------------------------------------------- actions


@login_required
@require_http_methods(["GET", "POST"])
def add_action(request, slug):
    plan = _plan(request, slug, perm=CHANGE)
    form = ActionForm(_data(request), plan=plan, user=request.user)
    return _add_or_edit(request, plan, form=form, creating=True, title=_("Add an action"),
                        submit=_("Add the action"), done=_("The action is added."), template="plans/action_form.html",
                        save=lambda: services.save_action(by=request.user, plan=plan, data=form.action_data()))


@login_required
@require_http_methods(["GET", "POST"])
def edit_action(request, slug, pk):
    plan = _plan(request, slug, perm=CHANGE)
    action = get_object_or_404(Action.objects.filter(plan=plan), pk=pk)
    form = ActionForm(_data(request), instance=action, plan=plan, user=request.user)
    return _add_or_edit(request, plan, form=form, creating=False, title=_("Change the action"),
                        submit=_("Save the changes"), done=_("The changes are saved."),
                        template="plans/action_form.html",
                        save=lambda: services.save_action(by=request.user, plan=plan, action=action,
                                                          data=form.action_data()))


@login_required
@require_POST
def action_status(request, slug, pk):
    plan = _plan(request, slug, perm=CHANGE)
    action = get_object_or_404(Action.objects.filter(plan=plan), pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.set_action_status(by=request.user, action=action, status=form.cleaned_data["status"])
        messages.success(request, _("The status is saved."))
    else:
        messages.error(request, _("Choose a status from the list."))
    return redirect(plan)


# ---------------------------------------------------------------- the forward look: coming decisions

CHANGE_ITEM = "plans.change_forward_item"
# What the forward look shows: the coming decisions, the dialogues they link to and the
# plan meetings of the groups.
FORWARD_SHOWN = ("plans", "dialogue", "networks")
# The filter keys of the forward look, and the kind of follow each names.
FOLLOW_KINDS = {"namnd": "committee", "forvaltning": "office", "omrade": "area", "mal": "sdg_goal"}


@require_GET
@cache_public_page(*FORWARD_SHOWN)
def forward_look(request):
    page = selectors.forward_look(request.user, request.GET)
    followable = [(FOLLOW_KINDS[key], target) for key, target in page["chosen"].items()]
    following = {}
    if request.user.is_authenticated and followable:
        rows = Follow.objects.filter(user=request.user).filter(
            Q(committee__in=[t for k, t in followable if k == "committee"])
            | Q(office__in=[t for k, t in followable if k == "office"])
            | Q(area__in=[t for k, t in followable if k == "area"])
            | Q(sdg_goal__in=[t for k, t in followable if k == "sdg_goal"]))
        following = {(row.kind, getattr(row, f"{row.kind}_id")): row for row in rows}
    follow_targets = [{"kind": kind, "target": target, "row": following.get((kind, target.pk))}
                      for kind, target in followable]
    return render(request, "plans/forward_look.html", {
        **page, "follow_targets": follow_targets, "can_add": request.user.has_perm("plans.add_forward_item")})


def _item(request, pk, perm=None) -> ForwardItem:
    return get_for_user(ForwardItem.objects.visible_to(request.user).select_related(
        "office", "committee", "group", "contact"), request.user, perm=perm, pk=pk)


@require_GET
@cache_public_page(*FORWARD_SHOWN)
def forward_item(request, pk):
    item = _item(request, pk)
    return render(request, "plans/forward_item.html", {
        "item": item, "can_change": request.user.has_perm(CHANGE_ITEM, item),
        "can_ask": request.user.has_perm("plans.ask_to_take_part", item),
        **selectors.forward_item_page(item, request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def add_forward_item(request):
    if not request.user.has_perm("plans.add_forward_item"):
        raise PermissionDenied
    form = ForwardItemForm(_data(request), user=request.user)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            try:
                url = once(request, lambda: services.create_forward_item(
                    by=request.user, data=form.item_data()).get_absolute_url())
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, _("The coming decision is saved as a draft. Publish it when it is ready."))
                return redirect(url)
    return _form_page(request, form, title=_("New coming decision"), submit=_("Save the draft"),
                      back=reverse("plans:forward_look"), token=True,
                      lead=_("What the committee is to decide, when, and how civil society can take part before "
                             "the matter is set."))


@login_required
@require_http_methods(["GET", "POST"])
def edit_forward_item(request, pk):
    item = _item(request, pk, perm=CHANGE_ITEM)
    form = ForwardItemForm(_data(request), instance=ForwardItem.objects.get(pk=item.pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_forward_item(by=request.user, item=item, data=form.item_data())
        except ActionError as error:
            _problem(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(item)
    return _form_page(request, form, title=_("Change the coming decision"), submit=_("Save the changes"),
                      back=item.get_absolute_url(), lead=item.title)


@login_required
@require_POST
def publish_forward_item(request, pk):
    item = _item(request, pk, perm=CHANGE_ITEM)
    services.publish_forward_item(by=request.user, item=item)
    messages.success(request, _("The coming decision is published, and those who follow it are told."))
    return redirect(item)


@login_required
@require_POST
def decide_forward_item(request, pk):
    item = _item(request, pk, perm=CHANGE_ITEM)
    try:
        services.mark_decided(by=request.user, item=item)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The coming decision is marked as decided."))
    return redirect(item)


def _status_change(request, item, *, form, save, title, submit, done):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ActionError as error:
            _problem(form, error)
        else:
            messages.success(request, done)
            return redirect(item)
    return _form_page(request, form, title=title, submit=submit, back=item.get_absolute_url(), lead=item.title)


@login_required
@require_http_methods(["GET", "POST"])
def move_forward_item(request, pk):
    item = _item(request, pk, perm=CHANGE_ITEM)
    form = MoveForm(_data(request), initial={"year": item.year, "quarter": item.quarter})
    return _status_change(request, item, form=form, title=_("Move to another date"), submit=_("Move it"),
                          done=_("The new date is saved, and those who follow it are told."),
                          save=lambda data: services.move_forward_item(by=request.user, item=item, **data))


@login_required
@require_http_methods(["GET", "POST"])
def withdraw_forward_item(request, pk):
    item = _item(request, pk, perm=CHANGE_ITEM)
    form = WithdrawForm(_data(request))
    return _status_change(request, item, form=form, title=_("Withdraw the coming decision"),
                          submit=_("Withdraw it"), done=_("It is withdrawn, and those who follow it are told."),
                          save=lambda data: services.withdraw_forward_item(by=request.user, item=item, **data))


@login_required
@require_http_methods(["GET", "POST"])
def ask_to_take_part(request, pk):
    item = _item(request, pk)
    if not request.user.has_perm("plans.ask_to_take_part", item):
        raise PermissionDenied
    form = RequestForm(_data(request), user=request.user)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            try:
                url = once(request, lambda: (services.ask_to_take_part(
                    by=request.user, item=item, **form.cleaned_data), item.get_absolute_url())[1])
            except ActionError as error:
                _problem(form, error)
            else:
                messages.success(request, _("Your request is sent. The office answers you by %(date)s at the "
                                            "latest.") % {"date": formats.date_format(
                                                timezone.localdate() + timedelta(days=DEFAULT_DAYS), "j F Y")})
                return redirect(url)
    return _form_page(request, form, title=_("Ask to take part"), submit=_("Send the request"),
                      back=item.get_absolute_url(), token=True, lead=item.title)


@login_required
@require_http_methods(["GET", "POST"])
def follow(request):
    """The "Follow" buttons post here; the address opened in the browser shows what one follows."""
    if request.method == "GET":
        return redirect("plans:my_follows")
    form = FollowForm(request.POST)
    back = _safe_back(request)
    if not form.is_valid():
        messages.error(request, _("There is nothing like that to follow."))
        return redirect(back)
    data = form.cleaned_data
    try:
        services.follow(by=request.user, kind=data["kind"], email=data["email"],
                        target=services.follow_target(data["kind"], data["target"]))
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You follow it now: you are told when something comes up."))
    return redirect(back)


@login_required
@require_POST
def unfollow(request, pk):
    row = get_object_or_404(Follow.objects.filter(user=request.user), pk=pk)
    services.unfollow(by=request.user, row=row)
    messages.success(request, _("You no longer follow it."))
    return redirect(_safe_back(request))


@login_required
@require_GET
def my_follows(request):
    rows = list(Follow.objects.filter(user=request.user).select_related(
        "committee", "office", "area", "sdg_goal", "item").order_by("created_at", "pk"))
    return render(request, "plans/follows.html", {"rows": rows})


def _safe_back(request) -> str:
    back = request.POST.get("next") or ""
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                                require_https=request.is_secure()):
        return back
    return reverse("plans:forward_look")
