from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.phone import display_phone
from samverka.core.ratelimit import too_many_requests

from . import services
from .ages import waits_for_guardian
from .forms import AboutMeForm, PhoneCodeForm, PhoneForm, ProfileForm
from .models import PhoneCode

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


@login_required
@require_http_methods(["GET", "POST"])
def phone(request):
    """The person's mobile number: add it, prove it is theirs with the code sent by SMS,
    change or remove it. Only a verified number gets SMS (a group's announcements)."""
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    phone_form = PhoneForm(request.POST if action == "send" else None)
    code_form = PhoneCodeForm(request.POST if action == "confirm" else None)
    status = 200
    if action in ("send", "resend"):
        if done := already_done(request):
            return redirect(done)
        number = user.phone if action == "resend" else None
        if action == "resend" and not number:
            return redirect("accounts:phone")
        if action == "send" and phone_form.is_valid():
            number = phone_form.cleaned_data["phone"]
        if number:
            refused = _send_code(request, number)
            if not refused:
                messages.success(request, _("We have sent a code by SMS to %(number)s.") % {
                    "number": display_phone(number)})
                return redirect("accounts:phone")
            if action == "send":
                phone_form.add_error("phone", refused)
            else:
                messages.error(request, refused)
                return redirect("accounts:phone")
        status = 400
    elif action == "confirm":
        if code_form.is_valid():
            try:
                services.confirm_phone(by=user, code=code_form.cleaned_data["code"])
            except ActionError as error:
                code_form.add_error("code", str(error))
            else:
                messages.success(request, _("Your number is verified. You can now choose SMS for your groups' "
                                            "announcements."))
                return redirect("accounts:phone")
        status = 400
    elif action == "remove":
        services.remove_phone(by=user)
        messages.success(request, _("Your number is removed. Your groups' announcements come by e-mail."))
        return redirect("accounts:phone")
    elif action is not None:
        messages.error(request, _("Nothing was changed: choose what to do with your number."))
        return redirect("accounts:phone")
    sent = PhoneCode.objects.filter(user=user).first()
    return render(request, "accounts/phone.html", {
        "phone_form": phone_form, "code_form": code_form,
        "waiting": bool(user.phone and not user.has_verified_phone and sent and sent.is_waiting),
        "minutes": services.PHONE_CODE_MINUTES}, status=status)


def _send_code(request, number: str) -> str:
    """Send the code once per form (a double click sends one code, not two that void each
    other); the refusal, if any, as text. The refusal is caught inside, so what the caps
    recorded is kept."""
    refused = []

    def send() -> str:
        try:
            services.send_phone_code(by=request.user, number=number)
        except ActionError as error:
            refused.append(str(error))
        return reverse("accounts:phone")

    once(request, send)
    return refused[0] if refused else ""
