"""Template helpers for grants. `{% load grants %}` gives `{% award_announcement %}`: the
latest award the committees gave (for the home page), or nothing."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("grants/_award_announcement.html")
def award_announcement():
    return {"award": selectors.award_announcement()}
