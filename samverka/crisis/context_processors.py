def crisis(request):
    """The crisis under way, if any, for the banner on every page (placeholder)."""
    return {"active_crisis": None}
