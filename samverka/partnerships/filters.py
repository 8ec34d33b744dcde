"""The filters of the list of partnerships: office, area, Agenda 2030 goal, kind and status.
A value that makes no sense is ignored and shown as an error next to its field. The fields
are `core.forms.Select` (Django's markup without two template includes per option)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from samverka.activities.filters import SafeModelChoiceFilter
from samverka.core.forms import Select
from samverka.municipality.models import Area, Office, SdgGoal

from .models import Partnership


def _label(obj):
    return obj.label


class PartnershipFilter(django_filters.FilterSet):
    office = SafeModelChoiceFilter(label=_("Office"), queryset=Office.objects.all(), to_field_name="slug",
                                   field_name="office", empty_label=_("All offices"), widget=Select)
    area = SafeModelChoiceFilter(label=_("Area"), queryset=Area.objects.all(), to_field_name="slug",
                                 method="filter_area", empty_label=_("All areas"), widget=Select)
    # Named by its field, not a method: the API's description then knows it is a goal's number.
    goal = SafeModelChoiceFilter(label=_("Agenda 2030 goal"), queryset=SdgGoal.objects.all(), numeric=True,
                                 field_name="sdg_goals", empty_label=_("All goals"), widget=Select)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Partnership.Kind.choices, empty_label=_("All kinds"),
                                  widget=Select)
    status = django_filters.ChoiceFilter(label=_("Status"), empty_label=_("Active and ended"), widget=Select,
                                         choices=[(Partnership.Status.ACTIVE, _("Active")),
                                                  (Partnership.Status.ENDED, _("Ended"))])

    class Meta:
        model = Partnership
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("office", "area"):
            self.form.fields[name].label_from_instance = _label

    # `value: str` describes the query parameter (a slug) to the OpenAPI schema; the method gets the row.
    def filter_area(self, queryset, name, value: str):
        return queryset.filter(pk__in=Partnership.areas.through.objects.filter(area=value).values("partnership_id"))
