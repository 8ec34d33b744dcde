"""The filters of the list of needs. A value that makes no sense is ignored and shown as
an error next to its field, never a server error."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from samverka.activities.filters import SafeModelChoiceFilter
from samverka.core.filters import SearchFilter
from samverka.municipality.models import Area, District
from samverka.volunteers.models import HelpKind

from .models import Need

OPEN, CLOSED, ALL = "", "closed", "all"


def _label(obj):
    return obj.label


class NeedFilter(django_filters.FilterSet):
    q = SearchFilter(method="filter_q")
    status = django_filters.ChoiceFilter(
        label=_("Show"), method="filter_status", empty_label=_("Open needs"),
        choices=[(CLOSED, _("Closed needs and what came of them")), (ALL, _("All needs"))])
    kind = django_filters.ChoiceFilter(label=_("Kind of help"), choices=Need.Kind.choices, empty_label=_("All kinds"))
    help_kind = SafeModelChoiceFilter(label=_("Practical help"), queryset=HelpKind.objects.all(),
                                      to_field_name="slug", method="filter_help_kind", empty_label=_("Any"))
    area = SafeModelChoiceFilter(label=_("Area"), queryset=Area.objects.all(), to_field_name="slug",
                                 method="filter_area", empty_label=_("All areas"))
    district = SafeModelChoiceFilter(label=_("Part of the municipality"), queryset=District.objects.all(),
                                     to_field_name="slug", field_name="district",
                                     empty_label=_("The whole municipality"))

    class Meta:
        model = Need
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("help_kind", "area", "district"):
            self.form.fields[name].label_from_instance = _label

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_status(self, queryset, name, value):
        return queryset  # applied in `filter_queryset`, so that the empty choice means "open"

    # `value: str` describes the query parameter (a slug) to the OpenAPI schema; the method gets the row.
    def filter_help_kind(self, queryset, name, value: str):
        return queryset.filter(pk__in=Need.help_kinds.through.objects.filter(helpkind=value).values("need_id"))

    def filter_area(self, queryset, name, value: str):
        return queryset.filter(pk__in=Need.areas.through.objects.filter(area=value).values("need_id"))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        status = self.form.cleaned_data.get("status") or OPEN
        if status == OPEN:
            return queryset.open()
        if status == CLOSED:
            return queryset.finished().order_by("-closed_at", "-closes_on", "-pk")
        return queryset

    @property
    def showing_closed(self) -> bool:
        return self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("status") == CLOSED
