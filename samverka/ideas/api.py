"""The API for the idea lab's gallery: open data, read-only, the ideas whose authors chose to
show them (once a coach has looked at them, `Idea.objects.public()`), with what the public page
shows: the idea in the author's words, its step, areas, parts of the municipality and goals.
Never who sent it (name, account, e-mail address), its private link, its coach or the
coaches' notes and support.

Registered by samverka/api/urls.py as `ideas` (basename `idea`)."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from samverka.activities.filters import SafeModelChoiceFilter
from samverka.municipality.models import Area, District, SdgGoal

from .models import Idea, Step


class IdeaFilter(django_filters.FilterSet):
    area = SafeModelChoiceFilter(label=_("Area"), queryset=Area.objects.all(), to_field_name="slug",
                                 method="filter_area", empty_label=_("All areas"))
    district = SafeModelChoiceFilter(label=_("Part of the municipality"), queryset=District.objects.all(),
                                     to_field_name="slug", method="filter_district",
                                     empty_label=_("The whole municipality"))
    # Named by its field, not a method: the API's description then knows it is a goal's number.
    goal = SafeModelChoiceFilter(label=_("Agenda 2030 goal"), queryset=SdgGoal.objects.all(), numeric=True,
                                 field_name="sdg_goals", empty_label=_("All goals"))
    step = django_filters.ChoiceFilter(label=_("Step"), choices=Step.choices, empty_label=_("All"))

    class Meta:
        model = Idea
        fields: list[str] = []

    # `value: str` describes the query parameter (a slug) to the OpenAPI schema; the method gets the row.
    def filter_area(self, queryset, name, value: str):
        return queryset.filter(pk__in=Idea.areas.through.objects.filter(area=value).values("idea_id"))

    def filter_district(self, queryset, name, value: str):
        return queryset.filter(pk__in=Idea.districts.through.objects.filter(district=value).values("idea_id"))


class IdeaSerializer(serializers.ModelSerializer):
    page = serializers.SerializerMethodField()
    finished = serializers.BooleanField(source="is_finished", read_only=True)
    areas = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    districts = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sdg_goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Idea
        fields = ["id", "page", "title", "what", "for_whom", "place", "help_wanted", "step", "step_since",
                  "finished", "areas", "districts", "sdg_goals"]
        read_only_fields = fields

    def get_page(self, idea) -> str:
        return settings.SITE_URL + idea.get_absolute_url()


class IdeaViewSet(viewsets.ReadOnlyModelViewSet):
    """The ideas of the gallery, those that moved most recently first."""

    serializer_class = IdeaSerializer
    filterset_class = IdeaFilter

    def get_queryset(self):
        return (Idea.objects.public().prefetch_related("areas", "districts", "sdg_goals")
                .only("pk", "title", "what", "for_whom", "place", "help_wanted", "step", "step_since")
                .order_by("-step_since", "-pk"))
