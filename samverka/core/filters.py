"""Filters shared by the lists that people search (the directory, the calendar, needs,
meeting places), their exports and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

SEARCH_MAX_LENGTH = 200


class SearchFilter(django_filters.CharFilter):
    """A free-text search box. Its length is limited: a longer query is shown as an error
    next to the field (and refused by the API) instead of reaching the database, where a
    very long pattern fails."""

    def __init__(self, *args, max_length: int = SEARCH_MAX_LENGTH, **kwargs):
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("error_messages", {
            "max_length": _("Search with at most %(limit_value)d characters (you wrote %(show_value)d)."),
        })
        super().__init__(*args, max_length=max_length, **kwargs)
