import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samverka.actors.models import Actor
from samverka.actors.services import ActionError

from . import services
from .forms import DeleteAccountForm, ProfileForm


@login_required
@require_GET
def dashboard(request):
    memberships = request.user.actor_memberships.select_related("actor")
    to_verify = Actor.objects.none()
    if request.user.is_official or request.user.is_superuser:
        to_verify = Actor.objects.published().filter(kind=Actor.Kind.ASSOCIATION, verified_at__isnull=True)[:10]
    return render(request, "accounts/dashboard.html", {"memberships": memberships, "to_verify": to_verify})


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
@require_GET
def my_data(request):
    if request.GET.get("download"):
        data = services.personal_data(user=request.user)
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="samverka-{timezone.localdate():%Y-%m-%d}.json"'
        return response
    return render(request, "accounts/my_data.html", {"data": services.personal_data(user=request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(by=request.user)
        except ActionError as error:
            form.add_error(None, _("You are the only owner of %(actors)s. Make someone else owner first, or archive it.")
                           % {"actors": error})
        else:
            logout(request)
            messages.success(request, _("Your account and your personal data are erased."))
            return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
