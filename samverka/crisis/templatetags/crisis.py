from django import template

from samverka.core.phone import display_phone

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """A stored (E.164) phone number as people write it."""
    return display_phone(value)
