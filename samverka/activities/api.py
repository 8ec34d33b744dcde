"""The API for activities, their dates and meeting places. Anyone reads what the pages
show; organisers write their activities, proposers and officials meeting places. Every
write goes through the same services as the pages."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from samverka.actors.models import Actor
from samverka.municipality.models import Area, District, Language, Office, SdgGoal, TargetGroup

from . import recurrence, services
from .filters import ActivityFilter, MeetingPlaceFilter, OccurrenceFilter
from .forms import MAX_DURATION
from .models import Activity, MeetingPlace, Occurrence
from .rules import may_organise_for

DATE_FILTERS = ("when", "from_date", "to_date")


def _slugs(model, field="slug"):
    return serializers.SlugRelatedField(slug_field=field, many=True, queryset=model.objects.all(), required=False)


class ActivitySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:activity-detail", lookup_field="slug")
    page = serializers.SerializerMethodField()
    actor = serializers.SlugRelatedField(slug_field="slug", queryset=Actor.objects.all(), required=False, allow_null=True)
    office = serializers.SlugRelatedField(slug_field="slug", queryset=Office.objects.all(), required=False, allow_null=True)
    place = serializers.SlugRelatedField(slug_field="slug", queryset=MeetingPlace.objects.approved(), required=False,
                                         allow_null=True)
    district = serializers.SlugRelatedField(slug_field="slug", queryset=District.objects.all(), required=False,
                                            allow_null=True)
    areas = _slugs(Area)
    target_groups = _slugs(TargetGroup)
    languages = _slugs(Language, "code")
    sdg_goals = serializers.PrimaryKeyRelatedField(many=True, queryset=SdgGoal.objects.all(), required=False)
    exdates = serializers.ListField(child=serializers.DateField(), required=False, max_length=400)
    status = serializers.ChoiceField(choices=[Activity.Status.DRAFT, Activity.Status.PUBLISHED], required=False)
    time_zone = serializers.CharField(write_only=True, required=False, max_length=64,
                                      help_text="All times are Europe/Stockholm; only that value is accepted.")
    image = serializers.ImageField(read_only=True)

    class Meta:
        model = Activity
        fields = [
            "url", "page", "slug", "actor", "office", "title", "summary", "description", "start", "end", "time_zone",
            "rrule", "exdates", "place", "address", "district", "areas", "target_groups", "languages", "sdg_goals",
            "cost", "is_free", "step_free_entry", "hearing_loop", "accessible_toilet", "accessibility_notes",
            "image", "image_alt", "registration_mode", "capacity", "registration_deadline", "status", "updated_at",
        ]
        read_only_fields = ["slug", "updated_at"]

    def get_page(self, activity) -> str:
        from django.conf import settings

        return settings.SITE_URL + activity.get_absolute_url()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["status"] = instance.status  # cancelled is shown, though it is not written here
        return data

    def validate_time_zone(self, value):
        if value != "Europe/Stockholm":
            raise serializers.ValidationError(_("All times are Swedish time. Leave time_zone out or write Europe/Stockholm."))
        return value

    def validate_capacity(self, value):
        if value is not None and value <= 0:
            raise serializers.ValidationError(_("Write at least 1 place, or leave it empty if there is no limit."))
        return value

    def validate(self, attrs):
        attrs.pop("time_zone", None)
        instance = self.instance
        errors: dict[str, str] = {}

        def current(name):
            return attrs[name] if name in attrs else getattr(instance, name, None)

        if instance is not None:
            for name in ("actor", "office"):
                if name in attrs and attrs[name] != getattr(instance, name):
                    errors[name] = _("The organiser of an activity cannot be changed.")
                attrs.pop(name, None)
        elif bool(attrs.get("actor")) == bool(attrs.get("office")):
            errors["actor"] = _("Give either an actor or an office as the organiser.")

        start, end = current("start"), current("end")
        if start is None or end is None:
            errors["start"] = _("Give the start and the end.")
        elif end <= start:
            errors["end"] = _("The end must be after the start. Check the times and the dates.")
        elif end - start > MAX_DURATION:
            errors["end"] = _("An activity can last at most 31 days. For a longer one, let it repeat.")
        elif (instance is None or start != instance.start) and start < timezone.now():
            errors["start"] = _("The date and time have passed. Choose a time later than now.")
        elif "rrule" in attrs or "start" in attrs:
            try:
                attrs["rrule"] = rule = recurrence.normalise(current("rrule") or "")
                recurrence.check(rule=rule, start=start)
            except recurrence.RecurrenceError as error:
                errors["rrule"] = str(error)
        if "exdates" in attrs:
            attrs["exdates"] = sorted({d.isoformat() for d in attrs["exdates"]})
        if not current("place") and not (current("address") or "").strip():
            errors["address"] = _("Choose a meeting place or write an address.")
        if current("registration_mode") != Activity.Mode.REQUIRED:
            attrs["capacity"] = None
            attrs["registration_deadline"] = None
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class ActivityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Activities. Anyone reads the published ones; an actor's representatives and an
    office's officials add and change their own (drafts are seen only by them)."""

    serializer_class = ActivitySerializer
    lookup_field = "slug"
    filterset_class = ActivityFilter
    write_perms = {"create": "activities.add_activity", "update": "activities.change_activity",
                   "partial_update": "activities.change_activity"}

    def get_queryset(self):
        return (Activity.objects.visible_to(self.request.user)
                .select_related("actor", "office", "place", "district")
                .prefetch_related("areas", "target_groups", "languages", "sdg_goals").order_by("start", "pk"))

    def perform_create(self, serializer):
        data = serializer.validated_data
        if not may_organise_for(self.request.user, actor=data.get("actor"), office=data.get("office")):
            raise PermissionDenied(_("You cannot publish activities for this organiser."))
        with transaction.atomic():
            serializer.instance = services.create_activity(by=self.request.user, data=dict(data))

    def perform_update(self, serializer):
        with transaction.atomic():
            services.update_activity(by=self.request.user, activity=serializer.instance,
                                     data=dict(serializer.validated_data))


class OccurrenceSerializer(serializers.ModelSerializer):
    activity = serializers.HyperlinkedRelatedField(view_name="api:activity-detail", lookup_field="slug",
                                                   read_only=True)
    title = serializers.CharField(source="activity.title", read_only=True)
    cancelled = serializers.SerializerMethodField()

    class Meta:
        model = Occurrence
        fields = ["id", "activity", "title", "start", "end", "cancelled"]

    @extend_schema_field(serializers.BooleanField())
    def get_cancelled(self, occurrence) -> bool:
        return occurrence.is_cancelled


class OccurrenceViewSet(viewsets.ReadOnlyModelViewSet):
    """The calendar: one row per date, soonest first. The filters are the calendar
    page's; without a date filter, the dates still ahead."""

    serializer_class = OccurrenceSerializer
    filterset_class = OccurrenceFilter

    def get_queryset(self):
        occurrences = Occurrence.objects.in_calendar().select_related("activity").order_by("start", "pk")
        if self.action == "list" and not any(self.request.query_params.get(name) for name in DATE_FILTERS):
            occurrences = occurrences.filter(end__gt=timezone.now())
        return occurrences


class MeetingPlaceSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:meetingplace-detail", lookup_field="slug")
    district = serializers.SlugRelatedField(slug_field="slug", queryset=District.objects.all(), required=False,
                                            allow_null=True)
    target_groups = _slugs(TargetGroup)
    owner = serializers.SlugRelatedField(slug_field="slug", queryset=Actor.objects.all(), required=False,
                                         allow_null=True)

    class Meta:
        model = MeetingPlace
        fields = [
            "url", "slug", "name", "kind", "address", "district", "opening_hours", "offers", "target_groups",
            "website", "owner", "step_free_entry", "hearing_loop", "accessible_toilet", "accessibility_notes",
            "status", "updated_at",
        ]
        read_only_fields = ["slug", "status", "updated_at"]

    def validate_owner(self, owner):
        user = self.context["request"].user
        if owner is not None and not (user.is_superuser or user.is_official) \
                and owner.pk != getattr(self.instance, "owner_id", None) and not may_organise_for(user, actor=owner):
            raise serializers.ValidationError(_("Choose an association you represent."))
        return owner


class MeetingPlaceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                          mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Meeting places. Anyone reads the approved ones; organisers propose, officials approve
    (on the place's page)."""

    serializer_class = MeetingPlaceSerializer
    lookup_field = "slug"
    filterset_class = MeetingPlaceFilter
    write_perms = {"create": "activities.add_meetingplace", "update": "activities.change_meetingplace",
                   "partial_update": "activities.change_meetingplace"}

    def get_queryset(self):
        return (MeetingPlace.objects.visible_to(self.request.user).select_related("district", "owner")
                .prefetch_related("target_groups").order_by("sort_name", "pk"))

    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.instance = services.propose_place(by=self.request.user, data=dict(serializer.validated_data))

    def perform_update(self, serializer):
        with transaction.atomic():
            services.update_place(by=self.request.user, place=serializer.instance, data=dict(serializer.validated_data))
