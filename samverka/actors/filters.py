import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.filters import SearchFilter
from samverka.core.forms import Select
from samverka.municipality.models import Area, District, Language, SdgGoal, TargetGroup, in_language

from .models import Actor


class CheckboxFilter(django_filters.BooleanFilter):
    """A filter that is on or off (a checkbox), not yes/no/unknown."""

    field_class = forms.BooleanField


class VocabularyFilter(django_filters.ChoiceFilter):
    """One entry of a vocabulary (areas, districts, …) by its key, in a select. The options
    are read once per request as plain values (`rows`: a function giving (id, key, label)
    triples), with no model instance per option, and the chosen key filters by the id
    found among them, with no query to look it up."""

    def __init__(self, *args, rows, **kwargs):
        self.rows = rows
        kwargs.setdefault("error_messages", {"invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]})
        super().__init__(*args, choices=lambda: [(key, label) for _pk, key, label in rows()], **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            rows = self.rows()
            self.ids = {key: pk for pk, key, _label in rows}
            self.extra["choices"] = [(key, label) for _pk, key, label in rows]
        return super().field

    def filter(self, qs, value):
        return super().filter(qs, self.ids[value] if value else value)


def _named(model, key: str):
    """(id, key, label in the page's language) of a vocabulary with Swedish, English and
    Arabic names, in its order."""
    def rows():
        return [(pk, str(value), in_language(sv, en, ar))
                for pk, value, sv, en, ar in model.objects.values_list("pk", key, "name", "name_en", "name_ar")]
    return rows


def _goals():
    """(number, number, "3. Good health and well-being") for the Agenda 2030 goals."""
    return [(number, str(number), str(SdgGoal(number=number, title_sv=sv, title_en=en)))
            for number, sv, en in SdgGoal.objects.values_list("number", "title_sv", "title_en")]


class ActorFilter(django_filters.FilterSet):
    """The directory's filters; the same set serves the pages, the API and the exports."""

    q = SearchFilter(method="filter_q")
    kind = django_filters.ChoiceFilter(widget=Select, label=_("Kind of actor"), choices=Actor.Kind.choices, empty_label=_("All kinds"))
    area = VocabularyFilter(widget=Select, label=_("Area"), field_name="areas", rows=_named(Area, "slug"),
                            empty_label=_("All areas"))
    target_group = VocabularyFilter(widget=Select, label=_("Target group"), field_name="target_groups",
                                    rows=_named(TargetGroup, "slug"), empty_label=_("All target groups"))
    district = VocabularyFilter(widget=Select, label=_("Part of the municipality"), field_name="districts",
                                rows=_named(District, "slug"), empty_label=_("The whole municipality"))
    language = VocabularyFilter(widget=Select, label=_("Language"), field_name="languages", rows=_named(Language, "code"),
                                empty_label=_("All languages"))
    sdg = VocabularyFilter(widget=Select, label=_("Agenda 2030 goal"), field_name="sdg_goals", rows=_goals,
                           empty_label=_("All goals"))
    verified = CheckboxFilter(label=_("Only verified associations"), method="filter_verified",
                              widget=forms.CheckboxInput)

    class Meta:
        model = Actor
        fields = ["q", "kind", "area", "target_group", "district", "language", "sdg", "verified"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_verified(self, queryset, name, value):
        if value:
            return queryset.filter(verified_at__isnull=False)
        return queryset
