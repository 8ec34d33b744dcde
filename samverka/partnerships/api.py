"""The API for partnerships: open data, read-only, the public partnerships with the list's
filters (office, area, goal, kind, status): the challenge, the parties, what each contributes,
the period, goals and milestones. Documents and drafts stay off the API.

Registered by samverka/api/urls.py as `partnerships` (basename `partnership`)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from .filters import PartnershipFilter
from .models import Contribution, Goal, Milestone, Partnership, Party


class ContributionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contribution
        fields = ["kind", "amount", "unit", "description", "counted_in", "starts_on", "ends_on"]


class PartySerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    office = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    contributions = ContributionSerializer(many=True, read_only=True)

    class Meta:
        model = Party
        fields = ["name", "actor", "office", "role", "ended_on", "contributions"]


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["text", "measure"]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "follow_up_on", "done_on", "done_note"]


class PartnershipSerializer(serializers.ModelSerializer):
    page = serializers.SerializerMethodField()
    office = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    committee = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    areas = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    districts = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sdg_goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    parties = PartySerializer(many=True, read_only=True)
    goals = GoalSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Partnership
        fields = ["slug", "page", "kind", "title", "summary", "challenge", "why_partnership", "office", "committee",
                  "case_number", "decided_on", "starts_on", "ends_on", "status", "areas", "districts", "sdg_goals",
                  "parties", "goals", "milestones"]
        read_only_fields = fields

    def get_page(self, partnership) -> str:
        return settings.SITE_URL + partnership.get_absolute_url()


class PartnershipViewSet(viewsets.ReadOnlyModelViewSet):
    """Public partnerships (IOP and cooperation agreements) that are active or ended."""

    serializer_class = PartnershipSerializer
    lookup_field = "slug"
    filterset_class = PartnershipFilter

    def get_queryset(self):
        parties = Party.objects.select_related("actor", "office").prefetch_related(
            Prefetch("contributions", queryset=Contribution.objects.order_by("pk")))
        return (Partnership.objects.public().select_related("office", "committee")
                .prefetch_related("areas", "districts", "sdg_goals", "goals", "milestones",
                                  Prefetch("parties", queryset=parties)))
