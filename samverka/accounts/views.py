from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from samverka.core.ratelimit import too_many_requests

from . import services
from .ages import waits_for_guardian
from .forms import AboutMeForm, ProfileForm

LINK_RATE = "30/h"
RATE_WINDOW = 60 * 60


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, initial={"first_name": request.user.first_name,
                                                      "last_name": request.user.last_name})
    if request.method == "POST" and form.is_valid():
        services.update_profile(by=request.user, **form.cleaned_data)
        messages.success(request, _("Your details are saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def about_me(request):
    """Age and target groups: optional, explained, removable."""
    user = request.user
    if request.method == "POST" and "resend" in request.POST:
        consent = getattr(user, "guardian_consent", None)
        if consent is not None and not consent.is_confirmed:
            services.ask_guardian(by=user, user=user, guardian_name=consent.guardian_name,
                                  guardian_email=consent.guardian_email)
            messages.success(request, _("We have sent the link to %(name)s again (at most once a day).")
                             % {"name": consent.guardian_name})
        return redirect("accounts:about_me")
    form = AboutMeForm(request.POST or None, user=user,
                       initial={"birth_date": user.birth_date, "target_groups": list(user.target_groups.all())})
    if request.method == "POST" and form.is_valid():
        services.update_about_me(by=user, **form.cleaned_data)
        messages.success(request, _("Your details are saved."))
        return redirect("accounts:about_me")
    return render(request, "accounts/about_me.html", {
        "form": form, "waits_for_guardian": waits_for_guardian(user),
        "consent": getattr(user, "guardian_consent", None)})


@require_http_methods(["GET", "POST"])
def guardian(request, token):
    """The page behind the link a guardian gets: who asked, and a button to confirm."""
    consent = services.consent_for_token(token)
    if consent is None:
        return render(request, "accounts/guardian.html", {"consent": None}, status=404)
    if request.method == "POST":
        if is_ratelimited(request, group="accounts.guardian", key="ip", rate=LINK_RATE, method="POST",
                          increment=True):
            return too_many_requests(request, retry_after=RATE_WINDOW)
        services.confirm_guardian(by=request.user, consent=consent)
        messages.success(request, _("Thank you! %(name)s can now take part.") % {"name": consent.user.first_name})
        return redirect("accounts:guardian", token=token)
    return render(request, "accounts/guardian.html", {"consent": consent, "child": consent.user})
