from django.http import HttpResponse
from django.views.decorators.http import require_GET

from .models import Municipality


@require_GET
def theme_css(request):
    """The municipality's brand colours as CSS custom properties (set in the admin)."""
    m = Municipality.current()
    css = (
        ":root{"
        f"--colour-primary:{m.colour_primary};"
        f"--colour-primary-dark:{m.colour_primary_dark};"
        f"--colour-accent:{m.colour_accent};"
        "}"
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
