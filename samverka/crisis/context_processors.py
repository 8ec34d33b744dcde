from .services import active_crisis


def crisis(request):
    """The crisis under way, if any, for the banner on every page (from the cache)."""
    return {"active_crisis": active_crisis()}
