from .models import Municipality


def municipality(request):
    """What every page needs: the municipality's name and colours."""
    return {"municipality": Municipality.of_request(request)}
