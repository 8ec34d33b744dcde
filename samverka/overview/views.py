"""The overview page: who may see it is a rule; what it shows is read from precomputed rows."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from samverka.core.pagecache import cache_public_page
from samverka.municipality.models import SdgGoal
from samverka.news.selectors import publication_moment

from . import selectors, selectors_goals
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


# ---------------------------------------------------------------- the Agenda 2030 goal pages (public)

GOAL_APPS = ("actors", "activities", "needs", "dialogue", "ideas", "networks", "partnerships", "plans", "grants",
             "matching", "news")


def _today(request) -> str:
    """The day (what is current), and the time the next scheduled news post is due: it
    renews no stamp when its time comes, but shows on the goal pages then."""
    return f"{timezone.localdate().isoformat()}|{publication_moment()}"


@require_GET
@cache_public_page(*GOAL_APPS, moment=_today)
def goals(request):
    return render(request, "overview/goals.html", {"goals": selectors_goals.goals()})


@require_GET
@cache_public_page(*GOAL_APPS, moment=_today)
def goal(request, number):
    return render(request, "overview/goal.html", selectors_goals.goal_page(get_object_or_404(SdgGoal, number=number)))
