from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.accounts.ages import age_of, is_minor
from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once

from . import selectors, services
from .forms import AssignmentStatusForm, HoursForm, ProfileForm
from .models import Assignment, Volunteer


def _my_volunteer(user) -> Volunteer | None:
    return selectors.volunteer_of(user)


def _visible_assignments(user):
    return Assignment.objects.visible_to(user).select_related(
        "volunteer", "need", "need__office", "need__actor", "activity", "activity__office", "activity__actor")


@require_GET
def index(request):
    """My volunteering: the profile's status, assignments with their hours, and the
    volunteers on the needs and activities the person leads."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "volunteers/intro.html")
    volunteer = _my_volunteer(user)
    mine, hours = [], []
    if volunteer is not None:
        mine, hours = selectors.own_assignments(volunteer), selectors.recent_hours(volunteer)
    led = selectors.led_assignments(user)
    total = sum((a.total or 0) for a in mine)
    return render(request, "volunteers/index.html", {
        "volunteer": volunteer, "assignments": mine, "hours": hours, "led": led, "total": total})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    volunteer = _my_volunteer(request.user)
    if request.method == "POST":
        if volunteer is None and (done := already_done(request)):
            return redirect(done)
        instance = Volunteer.objects.get(pk=volunteer.pk) if volunteer else Volunteer(email=request.user.email)
        form = ProfileForm(request.POST, instance=instance, minor=is_minor(age_of(request.user)))
        if form.is_valid():
            def save() -> str:
                services.save_profile(by=request.user, data=form.profile_data())
                return _profile_saved(request, volunteer)

            try:
                url = once(request, save)
            except services.PhoneTaken as error:
                form.add_error("phone", str(error))
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                return redirect(url)
    else:
        initial = {} if volunteer else {"name": request.user.display_name, "consent_email": True,
                                        "phone": request.user.phone}
        form = ProfileForm(instance=volunteer, initial=initial, minor=is_minor(age_of(request.user)))
    return render(request, "volunteers/profile.html", {"form": form, "volunteer": volunteer})


def _profile_saved(request, before) -> str:
    if before is None:
        messages.success(request, _("Thank you! You are a volunteer. We suggest needs that match you."))
    else:
        messages.success(request, _("Your volunteer profile is saved."))
    return _url("volunteers:index")


def _url(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


@login_required
@require_http_methods(["GET", "POST"])
def status(request):
    """Pause, resume or leave (the buttons on "my volunteering"); a GET goes there."""
    if request.method == "GET":
        return redirect("volunteers:index")
    volunteer = _my_volunteer(request.user)
    if volunteer is None:
        messages.error(request, _("You have no volunteer profile yet."))
        return redirect("volunteers:profile")
    action = {"pause": services.pause, "resume": services.resume, "leave": services.leave}.get(request.POST.get("action"))
    if action is None:
        messages.error(request, _("Choose what to do."))
        return redirect("volunteers:index")
    try:
        action(by=request.user, volunteer=volunteer)
    except ActionError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, {
            services.pause: _("You are paused. We offer you nothing until you resume."),
            services.resume: _("Welcome back! You are active again."),
            services.leave: _("You have left. We offer you nothing more; what you did is kept. Thank you for your help!"),
        }[action])
    return redirect("volunteers:index")


def _assignment_context(request, assignment, hours_form=None, status_form=None):
    entries = list(assignment.hours.all())
    return {"assignment": assignment, "entries": entries, "total": sum(e.hours for e in entries),
            "hours_form": hours_form or HoursForm(initial={"date": timezone.localdate()}),
            "status_form": status_form or AssignmentStatusForm(initial={"status": assignment.status})}


@login_required
@require_GET
def assignment(request, pk):
    item = get_for_user(_visible_assignments(request.user), request.user, perm="volunteers.view_assignment", pk=pk)
    return render(request, "volunteers/assignment.html", _assignment_context(request, item))


@login_required
@require_POST
def log_hours(request, pk):
    item = get_for_user(_visible_assignments(request.user), request.user, perm="volunteers.log_hours", pk=pk)
    if done := already_done(request):
        return redirect(done)
    form = HoursForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            def save() -> str:
                services.log_hours(by=request.user, assignment=item, date=data["date"], hours=data["hours"],
                                   note=data["note"])
                return _url("volunteers:assignment", item.pk)

            url = once(request, save)
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your hours are logged. Thank you!"))
            return redirect(url)
    return render(request, "volunteers/assignment.html", _assignment_context(request, item, hours_form=form),
                  status=400)


@login_required
@require_POST
def assignment_status(request, pk):
    item = get_for_user(_visible_assignments(request.user), request.user, perm="volunteers.change_assignment", pk=pk)
    form = AssignmentStatusForm(request.POST)
    if form.is_valid():
        services.set_assignment_status(by=request.user, assignment=item, status=form.cleaned_data["status"])
        messages.success(request, _("The assignment's status is saved."))
        return redirect("volunteers:assignment", pk=item.pk)
    return render(request, "volunteers/assignment.html", _assignment_context(request, item, status_form=form),
                  status=400)


