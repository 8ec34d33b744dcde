import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samverka.communication.notifications import mark_read
from samverka.core.errors import ActionError
from samverka.core.pagecache import cache_public_page

from . import selectors, services
from .forms import DeleteAccountForm


@require_GET
def home(request):
    return render(request, "portal/home.html", selectors.home())


def _today(request) -> str:
    return timezone.localdate().isoformat()


@require_GET
@cache_public_page("activities", "needs", "dialogue", "networks", moment=_today)
def youth(request):
    """The young people's entrance: plain words, what is open to their age, short links."""
    return render(request, "portal/youth.html", selectors.youth())


@login_required
@require_GET
def dashboard(request):
    return render(request, "portal/dashboard.html", selectors.my_pages(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    """The bell's page: what the person follows, newest first; a button marks them read."""
    if request.method == "POST":
        mark_read(request.user)
        messages.success(request, _("Every notification is marked read."))
        return redirect("accounts:notifications")
    return render(request, "portal/notifications.html",
                  {"notifications": selectors.notifications(request.user)})


@login_required
@require_GET
def my_data(request):
    data = services.personal_data(user=request.user)
    if request.GET.get("download"):
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="samverka-{timezone.localdate():%Y-%m-%d}.json"'
        return response
    return render(request, "portal/my_data.html", {
        "data": data, "parts": selectors.readable(data),
        "addresses": sorted(e["email"] for e in data["email_addresses"] if e["verified"])})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(by=request.user)
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(request, _("Your account and your personal data are erased."))
            return redirect("home")
    return render(request, "portal/delete.html", {"form": form})
