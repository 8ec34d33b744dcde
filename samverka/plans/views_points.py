"""A group's follow-up point turned into an action of an office's plan: fetch the point (the
networks' visibility), check the rule, call one service, go to the plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.networks.models import FollowUpPoint, Group

from . import services
from .forms_points import PointActionForm


@login_required
@require_http_methods(["GET", "POST"])
def from_point(request, pk):
    points = FollowUpPoint.objects.select_related("group", "meeting")
    if not request.user.is_superuser:
        points = points.filter(group__in=Group.objects.visible_to(request.user))
    point = get_for_user(points, request.user, perm="plans.turn_point", pk=pk)
    initial = {"title": point.title[:250], "description": point.description, "ends_on": point.due_on}
    form = PointActionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            plan = form.cleaned_data["plan"]
            try:
                url = once(request, lambda: services.action_from_point(
                    by=request.user, point=point, plan=plan, data=form.action_data()).plan.get_absolute_url())
            except ActionError as error:
                field = getattr(error, "field", None)
                form.add_error(field if field in form.fields else None, str(error))
            else:
                messages.success(request, _("The action is added to %(plan)s and linked to the point.")
                                 % {"plan": plan.title})
                return redirect(url)
    return render(request, "plans/from_point.html", {"form": form, "point": point,
                                                     "actions": list(point.plan_actions.select_related("plan"))},
                  status=400 if form.errors else 200)
