"""How the API applies each list's filters (the same filter sets as the pages)."""

from django import forms
from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend


class FilterBackend(DjangoFilterBackend):
    """A value of the wrong kind (a date that is no date) is refused with 400, as the
    description says. A word of a vocabulary that does not exist (`?area=no-such-area`)
    is a question without answers: an empty list, as the description promises any string
    there, and as a vocabulary may lose a word between two calls."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if filterset.is_valid():
            return filterset.qs
        errors = filterset.form.errors.as_data()
        if all(isinstance(filterset.form.fields[name], forms.ModelChoiceField)
               and all(error.code == "invalid_choice" for error in field_errors)
               for name, field_errors in errors.items()):
            return queryset.none()
        raise utils.translate_validation(filterset.errors)
