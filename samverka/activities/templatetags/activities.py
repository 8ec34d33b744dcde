"""Template helpers for activities. `{% load activities %}` gives:

- `{% upcoming_activities actor %}`: an actor's coming activities (for the actor page);
- `{% featured_activities %}`: what the municipality features today (for the home page).
"""

from django import template
from django.core.cache import cache
from django.utils import timezone

from .. import ical, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def query_without(context, *names):
    """The current query string without some parameters (and without the page)."""
    params = context["request"].GET.copy()
    for name in (*names, "page"):
        params.pop(name, None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("activities/_upcoming_for_actor.html")
def upcoming_activities(actor, limit=5):
    # Kept for a minute under the calendar's version (every change through the services
    # renews it), so the actor page does not rebuild this query on every view.
    key = f"upcoming-for-actor:{actor.pk}:{limit}:{ical.version()}:{timezone.now():%Y%m%d%H%M}"
    activities = cache.get(key)
    if activities is None:
        activities = selectors.upcoming_for_actor(actor, limit=limit)
        cache.set(key, activities, 60)
    return {"actor": actor, "activities": activities}


@register.inclusion_tag("activities/_featured.html")
def featured_activities(limit=3):
    return {"activities": selectors.featured_now(limit=limit)}
