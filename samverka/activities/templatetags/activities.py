"""Template helpers for activities. `{% load activities %}` gives:

- `{% upcoming_activities actor %}`: an actor's coming activities (for the actor page);
- `{% featured_activities %}`: what the municipality features today (for the home page).
"""

from django import template

from .. import selectors

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
    return {"actor": actor, "activities": selectors.upcoming_for_actor(actor, limit=limit)}


@register.inclusion_tag("activities/_featured.html")
def featured_activities(limit=3):
    return {"activities": selectors.featured_now(limit=limit)}
