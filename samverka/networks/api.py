"""The API for standing groups: open data, read-only, the public groups (networks, councils,
pupils' councils, the cooperation body…) with what their public page shows: name, kind, who
runs it, purpose, how one joins, the associations taking part and the coming open meetings.
Never the members, their roles or messages, the delegates of seats, closed meetings, minutes
or follow-up points: a group's API shows no person.

Registered by samverka/api/urls.py as `groups` (basename `group`)."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from samverka.activities.filters import SafeModelChoiceFilter
from samverka.actors.models import Actor
from samverka.municipality.models import Area, Office, SdgGoal

from .models import Group, Meeting, Membership, Seat

COMING = 10  # open meetings per group, the nearest first (as the group's page)


class GroupFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Group.Kind.choices,
                                       empty_label=_("All kinds"))
    office = SafeModelChoiceFilter(label=_("Office"), queryset=Office.objects.all(), to_field_name="slug",
                                   field_name="office", empty_label=_("All offices"))
    area = SafeModelChoiceFilter(label=_("Area"), queryset=Area.objects.all(), to_field_name="slug",
                                 method="filter_area", empty_label=_("All areas"))
    # Named by its field, not a method: the API's description then knows it is a goal's number.
    goal = SafeModelChoiceFilter(label=_("Agenda 2030 goal"), queryset=SdgGoal.objects.all(), numeric=True,
                                 field_name="sdg_goals", empty_label=_("All goals"))
    lifecycle = django_filters.ChoiceFilter(label=_("Stage"), choices=Group.Lifecycle.choices,
                                            empty_label=_("All"))

    class Meta:
        model = Group
        fields: list[str] = []

    # `value: str` describes the query parameter (a slug) to the OpenAPI schema; the method gets the row.
    def filter_area(self, queryset, name, value: str):
        return queryset.filter(pk__in=Group.areas.through.objects.filter(area=value).values("group_id"))


class ActorTakingPartSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["slug", "name"]
        read_only_fields = fields


class OpenMeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["title", "start", "end", "place"]
        read_only_fields = fields


class GroupSerializer(serializers.ModelSerializer):
    page = serializers.SerializerMethodField()
    office = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    committee = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    parent = serializers.SerializerMethodField()
    areas = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    districts = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sdg_goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    taking_part = serializers.SerializerMethodField()
    coming_open_meetings = serializers.SerializerMethodField()

    class Meta:
        model = Group
        fields = ["slug", "page", "name", "kind", "office", "actor", "committee", "parent", "purpose", "join_rule",
                  "lifecycle", "areas", "districts", "sdg_goals", "taking_part", "coming_open_meetings"]
        read_only_fields = fields

    def get_page(self, group) -> str:
        return settings.SITE_URL + group.get_absolute_url()

    def get_parent(self, group) -> str | None:
        """The slug of the group it was formed from, when that group is public too."""
        return group.parent.slug if group.parent_id and group.parent.is_public else None

    @extend_schema_field(ActorTakingPartSerializer(many=True))
    def get_taking_part(self, group) -> list[dict]:
        """The active associations holding seats or represented by members, by name."""
        actors = {seat.actor.pk: seat.actor for seat in group.seats_taking_part}
        actors.update({m.actor.pk: m.actor for m in group.members_for_actors})
        shown = sorted((a for a in actors.values() if a.status == Actor.Status.ACTIVE), key=lambda a: (a.name, a.pk))
        return ActorTakingPartSerializer(shown, many=True).data

    @extend_schema_field(OpenMeetingSerializer(many=True))
    def get_coming_open_meetings(self, group) -> list[dict]:
        return OpenMeetingSerializer(group.coming_open[:COMING], many=True).data


class GroupViewSet(viewsets.ReadOnlyModelViewSet):
    """The public groups, by name."""

    serializer_class = GroupSerializer
    filterset_class = GroupFilter
    lookup_field = "slug"

    def get_queryset(self):
        actor_fields = ("group", "actor", "actor__slug", "actor__name", "actor__status")
        seats = Seat.objects.select_related("actor").only(*actor_fields)
        members = (Membership.objects.filter(status=Membership.Status.ACTIVE, actor__isnull=False)
                   .select_related("actor").only(*actor_fields))
        coming = (Meeting.objects.filter(is_open=True, cancelled_at__isnull=True, end__gte=timezone.now())
                  .only("group", "title", "start", "end", "place").order_by("start", "pk"))
        return (Group.objects.public().select_related("office", "actor", "committee", "parent")
                .prefetch_related("areas", "districts", "sdg_goals",
                                  Prefetch("seats", queryset=seats, to_attr="seats_taking_part"),
                                  Prefetch("memberships", queryset=members, to_attr="members_for_actors"),
                                  Prefetch("meetings", queryset=coming, to_attr="coming_open"))
                .order_by("name", "pk"))
