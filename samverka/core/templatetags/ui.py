"""Template helpers shared by every page (loaded as builtins)."""

from django import template
from django.utils.html import format_html

from samverka.core.once import FIELD, new_token
from samverka.core.phone import display_phone

register = template.Library()


@register.simple_tag
def submission_token():
    """A one-time token so that a form sent twice is acted on once."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """The current query string with some parameters changed (None removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def crumbs(*parts):
    """`{% crumbs "Label" url "Label" url … as crumbs %}`: the trail for
    components/breadcrumbs.html, as (label, url) pairs (the last url is empty: this page)."""
    return list(zip(parts[::2], parts[1::2], strict=False))


@register.filter
def field_type(bound_field) -> str:
    return bound_field.field.widget.__class__.__name__.lower()


@register.filter
def phone(value) -> str:
    """A stored (E.164) phone number as people read it: 070-123 45 67, 08-124 570 00."""
    return display_phone(value or "")
