"""The API for the forward look (plans ahead): open data, read-only, the published coming
decisions and plans of the committees with the page's filters (committee, office, area,
goal, year): what, why, when, at which stage on the Council of Europe code's matrix, and how
civil society can take part. Drafts, the responsible official and the requests to take part
stay off the API; the group and the dialogue an item links to are named only when they are
public themselves.

Registered by samverka/api/urls.py as `forward-items` (basename `forwarditem`)."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from samverka.activities.filters import SafeModelChoiceFilter
from samverka.dialogue.models import Process
from samverka.municipality.models import Area, Committee, Office, SdgGoal

from .models import ForwardItem

YEARS = (2000, 2100)  # a year outside these finds nothing (as the grant decisions' year)


class ForwardItemFilter(django_filters.FilterSet):
    committee = SafeModelChoiceFilter(label=_("Committee"), queryset=Committee.objects.all(), to_field_name="slug",
                                      field_name="committee", empty_label=_("All committees"))
    office = SafeModelChoiceFilter(label=_("Office"), queryset=Office.objects.all(), to_field_name="slug",
                                   field_name="office", empty_label=_("All offices"))
    area = SafeModelChoiceFilter(label=_("Area"), queryset=Area.objects.all(), to_field_name="slug",
                                 method="filter_area", empty_label=_("All areas"))
    # Named by its field, not a method: the API's description then knows it is a goal's number.
    goal = SafeModelChoiceFilter(label=_("Agenda 2030 goal"), queryset=SdgGoal.objects.all(), numeric=True,
                                 field_name="sdg_goals", empty_label=_("All goals"))
    year = django_filters.NumberFilter(label=_("Year"), method="filter_year")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ForwardItem.Status.choices,
                                         empty_label=_("All"))

    class Meta:
        model = ForwardItem
        fields: list[str] = []

    # `value: str` describes the query parameter (a slug) to the OpenAPI schema; the method gets the row.
    def filter_area(self, queryset, name, value: str):
        return queryset.filter(pk__in=ForwardItem.areas.through.objects.filter(area=value).values("forwarditem_id"))

    def filter_year(self, queryset, name, value: int):
        if value is None:
            return queryset
        if value != int(value) or not YEARS[0] <= value <= YEARS[1]:
            return queryset.none()
        return queryset.filter(year=int(value))


class ForwardItemSerializer(serializers.ModelSerializer):
    page = serializers.SerializerMethodField()
    committee = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    office = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    term = serializers.CharField(read_only=True)
    areas = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sdg_goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    group = serializers.SerializerMethodField()
    process = serializers.SerializerMethodField()

    class Meta:
        model = ForwardItem
        fields = ["id", "page", "title", "why", "to_decide", "committee", "office", "year", "quarter", "term",
                  "level", "stage", "status", "reason", "moved_from_year", "moved_from_quarter", "areas",
                  "sdg_goals", "take_part", "group", "process", "published_at", "updated_at"]
        read_only_fields = fields

    def get_page(self, item) -> str:
        return settings.SITE_URL + item.get_absolute_url()

    def get_group(self, item) -> str | None:
        """The slug of the group whose meetings take the item up, when the group is public."""
        return item.group.slug if item.group_id and item.group.is_public else None

    def get_process(self, item) -> str | None:
        """The slug of the dialogue started from the item, once it is published."""
        return item.process.slug if item.process_id and item.process.status != Process.Status.DRAFT else None


class ForwardItemViewSet(viewsets.ReadOnlyModelViewSet):
    """The published coming decisions and plans, the nearest first (decided and withdrawn ones
    too: `status` tells which)."""

    serializer_class = ForwardItemSerializer
    filterset_class = ForwardItemFilter

    def get_queryset(self):
        return (ForwardItem.objects.published().select_related("committee", "office", "group", "process")
                .prefetch_related("areas", "sdg_goals").order_by("year", "quarter", "pk"))
