"""The API for the knowledge bank: open data, read-only, the published guides in every
language they are written in, with the page's search (`q`, Swedish-aware, best match first)
and filters (topic, for whom, office). Drafts, their versions, who wrote them and the
association a draft is entrusted to stay off the API.

Registered by samverka/api/urls.py as `guides` (basename `guide`)."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from .models import LANGUAGES, Audience, Guide, Topic

SEARCH_LENGTH = 200  # as the search form's field


class GuideFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=SEARCH_LENGTH)
    topic = django_filters.ChoiceFilter(label=_("Topic"), choices=Topic.choices, empty_label=_("All topics"))
    audience = django_filters.ChoiceFilter(label=_("For whom"), choices=Audience.choices, empty_label=_("All"))
    office = django_filters.CharFilter(label=_("Office"), field_name="office__slug")

    class Meta:
        model = Guide
        fields: list[str] = []

    def filter_q(self, queryset, name, value: str):
        return queryset.search(value) if value.strip() else queryset


class GuideSerializer(serializers.ModelSerializer):
    page = serializers.SerializerMethodField()
    office = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Guide
        fields = ["slug", "page", "topic", "audience", "office",
                  *(f"{name}_{lang}" for lang in LANGUAGES for name in ("title", "summary", "body")),
                  "version", "published_at", "updated_at"]
        read_only_fields = fields

    def get_page(self, guide) -> str:
        return settings.SITE_URL + guide.get_absolute_url()


class GuideViewSet(viewsets.ReadOnlyModelViewSet):
    """The published guides, by title (with `q`: the best match first). `body_*` is the text as
    written: paragraphs, `## ` headings and `- ` lists."""

    serializer_class = GuideSerializer
    filterset_class = GuideFilter
    lookup_field = "slug"

    def get_queryset(self):
        return Guide.objects.published().select_related("office").order_by("sort_title", "pk")
