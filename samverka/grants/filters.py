"""The filters of the public decisions: committee, year, programme, area."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from samverka.activities.filters import SafeModelChoiceFilter
from samverka.core.forms import Select
from samverka.municipality.models import Area, Committee

from .models import Decision, GrantProgramme


class DecisionFilter(django_filters.FilterSet):
    committee = SafeModelChoiceFilter(label=_("Committee"), queryset=Committee.objects.all(), to_field_name="slug",
                                      field_name="application__programme__committee", empty_label=_("All committees"), widget=Select)
    year = django_filters.NumberFilter(label=_("Year"), method="filter_year")
    programme = SafeModelChoiceFilter(label=_("Programme"), queryset=GrantProgramme.objects.all(),
                                      to_field_name="slug", field_name="application__programme",
                                      empty_label=_("All programmes"), widget=Select)
    area = SafeModelChoiceFilter(label=_("Area"), queryset=Area.objects.all(), to_field_name="slug",
                                 field_name="application__actor__areas", empty_label=_("All areas"), widget=Select)

    class Meta:
        model = Decision
        fields: list[str] = []

    def filter_year(self, queryset, name, value: int):
        """The year of the committee meeting; a year no decision can have finds nothing."""
        if value is None:
            return queryset
        if value != int(value) or not 2000 <= value <= 2100:
            return queryset.none()
        return queryset.filter(meeting_date__year=int(value))

