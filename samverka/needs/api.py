"""The API for needs: anyone reads what the needs pages show, with the list's filters (open
needs unless `status` asks for the closed ones or all). Read-only: needs are published,
answered and closed on the pages. Who answered, the contact person and the answers stay
off the API."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers, viewsets

from .filters import NeedFilter
from .models import Need


def _slug(*, many=False, field="slug"):
    if many:
        return serializers.SlugRelatedField(slug_field=field, many=True, read_only=True)
    return serializers.SlugRelatedField(slug_field=field, read_only=True, allow_null=True)  # null when not set


class NeedSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:need-detail", lookup_field="slug")
    page = serializers.SerializerMethodField()
    publisher = serializers.SerializerMethodField()
    actor = _slug()
    office = _slug()
    district = _slug()
    areas = _slug(many=True)
    help_kinds = _slug(many=True)
    sdg_goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    takes_answers = serializers.BooleanField(read_only=True,
                                             help_text="Open, and the last day to answer has not passed.")
    outcome = serializers.SerializerMethodField(help_text="What came of it; empty until the need is closed.")

    class Meta:
        model = Need
        fields = [
            "url", "page", "slug", "title", "summary", "description", "kind", "publisher", "actor", "office",
            "district", "place", "starts_on", "ends_on", "when_text", "people_needed", "requirements",
            "record_extract_required", "areas", "help_kinds", "sdg_goals", "closes_on", "status", "takes_answers",
            "outcome", "closed_at", "created_at", "updated_at",
        ]
        read_only_fields = fields

    def get_page(self, need) -> str:
        return settings.SITE_URL + need.get_absolute_url()

    def get_publisher(self, need) -> str:
        """The association's or the office's name, as the page shows it."""
        return need.actor.name if need.actor_id else need.office.label

    def get_outcome(self, need) -> str:
        return need.outcome if need.is_closed else ""


class NeedViewSet(viewsets.ReadOnlyModelViewSet):
    """Needs: what offices and associations ask for help with. The list has the needs
    page's filters and, like the page, shows the open needs unless `status` is `closed`
    (closed or past their last day, with what came of them) or `all`. A need's own address
    shows it whatever its status, as its page does."""

    serializer_class = NeedSerializer
    lookup_field = "slug"
    filterset_class = NeedFilter

    def get_queryset(self):
        return (Need.objects.select_related("office", "actor", "district")
                .prefetch_related("areas", "help_kinds", "sdg_goals"))

    def filter_queryset(self, queryset):
        if self.action == "retrieve":  # the list's filters (open only, by default) are not the page's
            return queryset
        return super().filter_queryset(queryset)
