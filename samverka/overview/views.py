"""The overview page: who may see it is a rule; what it shows is read from precomputed rows."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors
from .forms import OverviewFilter


@login_required
@require_GET
def index(request):
    if not request.user.has_perm("overview.view_overview"):
        raise PermissionDenied
    years = selectors.years()
    form = OverviewFilter(request.GET, years=years)
    context = selectors.overview(**form.chosen(), page=request.GET.get("page", 1))
    return render(request, "overview/index.html", {**context, "form": form})
