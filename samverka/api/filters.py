"""How the API applies each list's filters: the same filter sets as the pages, held to what
the API's description says of each parameter."""

import re

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext as _
from django_filters import (
    BooleanFilter,
    ChoiceFilter,
    DateFilter,
    DateTimeFilter,
    ModelChoiceFilter,
    NumberFilter,
    utils,
)
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

BOOLEANS = ("true", "false")
WHOLE_NUMBER = re.compile(r"\d+")  # the keys are positive: the description says minimum 0 (api/schema.py)
LARGEST = 2**63 - 1  # and at most int64's largest


def _description_type(filter_) -> str:
    """The type the API's description gives a filter's parameter."""
    if isinstance(filter_, BooleanFilter):
        return "boolean"
    if isinstance(filter_, ModelChoiceFilter):
        return "string" if filter_.extra.get("to_field_name") else "integer"
    if isinstance(filter_, ChoiceFilter):
        return "enum"
    if isinstance(filter_, DateFilter | DateTimeFilter | NumberFilter):
        return "date or number"
    return "string"


def largest_key(filter_) -> int:
    """The largest key the description allows: the key column's own limit where the database
    gives one (a small integer on PostgreSQL: 32 767), else int64's."""
    queryset = getattr(filter_, "queryset", None)
    if queryset is None:  # (never `or`: a QuerySet's truth asks the database)
        queryset = filter_.extra.get("queryset")
    field = getattr(getattr(queryset, "model", None), "_meta", None)
    limits = [v.limit_value for v in (field.pk.validators if field else []) if isinstance(v, MaxValueValidator)]
    return min([LARGEST, *limits])


def _kind_error(filter_, value: str) -> str | None:
    """Why `value` is not of the kind the description gives `filter_`, or None."""
    kind = _description_type(filter_)
    if "\x00" in value:  # the description forbids it (as Django's text fields do)
        return _("Null characters are not allowed.")
    if value == "" and kind != "string":
        return _("Give a value, or leave the parameter out.")
    if kind == "boolean" and value not in BOOLEANS:
        return _("Write true or false.")
    if kind == "integer" and not WHOLE_NUMBER.fullmatch(value):
        return _("Write a whole number.")
    if kind == "integer" and int(value) > largest_key(filter_):
        return _("The number is too large.")
    if kind == "date or number" and value.lstrip("-").isdigit():  # a number (a date has dashes inside)
        if value.startswith("-"):
            return _("Write a number of 0 or more.")
        if int(value) > LARGEST:
            return _("The number is too large.")
    return None


class FilterBackend(DjangoFilterBackend):
    """A value of the wrong kind (a date that is no date, a yes-or-no that is neither) is
    refused with 400, as the description says; the pages' forms are more forgiving. A word
    of a vocabulary that does not exist (`?area=no-such-area`) is a question without
    answers: an empty list, as the description promises any string there, and as a
    vocabulary may lose a word between two calls."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        wrong_kind = {}
        for name, filter_ in filterset.filters.items():
            for value in request.query_params.getlist(name):
                if error := _kind_error(filter_, value):
                    wrong_kind[name] = [error]
        if wrong_kind:
            raise ValidationError(wrong_kind)
        if filterset.is_valid():
            return filterset.qs
        errors = filterset.form.errors.as_data()
        if all(isinstance(filterset.form.fields[name], forms.ModelChoiceField)
               and all(error.code == "invalid_choice" for error in field_errors)
               for name, field_errors in errors.items()):
            return queryset.none()
        raise utils.translate_validation(filterset.errors)
