"""The actor page's links to what the actor takes part in higher up: partnerships, signed
compacts, networks and groups. The actors app may not import those apps
(docs/architecture.md), so the portal, which reads every app, hands the actor page a plain
list of sections and links; the actor page knows nothing of partnerships or groups."""

from django.utils.functional import SimpleLazyObject

from . import selectors


def actor_links(request) -> dict:
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name != "actors:detail":
        return {}
    # Lazy: the queries run only when the page shows the list (not for a 404).
    return {"actor_links": SimpleLazyObject(lambda: selectors.actor_links(match.kwargs["slug"], request.user))}


def idea_links(request) -> dict:
    """The ideas of the idea lab that led to the need, activity, grant programme or
    application the page shows (`selectors.IDEA_ORIGINS`)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in selectors.IDEA_ORIGINS:
        return {}
    return {"idea_links": SimpleLazyObject(
        lambda: selectors.idea_links(match.view_name, match.kwargs, request.user))}
