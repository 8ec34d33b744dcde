import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.filters import SearchFilter
from samverka.core.forms import Select
from samverka.municipality.models import Area, District, Language, SdgGoal, TargetGroup

from .models import Actor


class CheckboxFilter(django_filters.BooleanFilter):
    """A filter that is on or off (a checkbox), not yes/no/unknown."""

    field_class = forms.BooleanField


def _label(obj):
    return obj.label


class ActorFilter(django_filters.FilterSet):
    """The directory's filters; the same set serves the pages, the API and the exports."""

    q = SearchFilter(method="filter_q")
    kind = django_filters.ChoiceFilter(widget=Select, label=_("Kind of actor"), choices=Actor.Kind.choices, empty_label=_("All kinds"))
    area = django_filters.ModelChoiceFilter(widget=Select, label=_("Area"), field_name="areas", to_field_name="slug",
                                            queryset=Area.objects.all(), empty_label=_("All areas"))
    target_group = django_filters.ModelChoiceFilter(widget=Select, label=_("Target group"), field_name="target_groups",
                                                    to_field_name="slug", queryset=TargetGroup.objects.all(),
                                                    empty_label=_("All target groups"))
    district = django_filters.ModelChoiceFilter(widget=Select, label=_("Part of the municipality"), field_name="districts",
                                                to_field_name="slug", queryset=District.objects.all(),
                                                empty_label=_("The whole municipality"))
    language = django_filters.ModelChoiceFilter(widget=Select, label=_("Language"), field_name="languages", to_field_name="code",
                                                queryset=Language.objects.all(), empty_label=_("All languages"))
    sdg = django_filters.ModelChoiceFilter(widget=Select, label=_("Agenda 2030 goal"), field_name="sdg_goals",
                                           queryset=SdgGoal.objects.all(), empty_label=_("All goals"))
    verified = CheckboxFilter(label=_("Only verified associations"), method="filter_verified",
                              widget=forms.CheckboxInput)

    class Meta:
        model = Actor
        fields = ["q", "kind", "area", "target_group", "district", "language", "sdg", "verified"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("area", "target_group", "district", "language"):
            self.form.fields[name].label_from_instance = _label

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_verified(self, queryset, name, value):
        if value:
            return queryset.filter(verified_at__isnull=False)
        return queryset
