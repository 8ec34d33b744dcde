"""The API for activities, their dates and meeting places. Anyone reads what the pages
show; organisers write their activities, proposers and officials meeting places. Every
write goes through the same services as the pages."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets

from samverka.actors.models import Actor
from samverka.core.serializers import JsonTypes
from samverka.municipality.models import Area, District, Language, Office, SdgGoal, TargetGroup

from . import services
from .filters import ActivityFilter, MeetingPlaceFilter, OccurrenceFilter
from .forms import ActivityForm
from .models import Activity, MeetingPlace, Occurrence

DATE_FILTERS = ("when", "from_date", "to_date")


def _slugs(model, field="slug"):
    return serializers.SlugRelatedField(slug_field=field, many=True, queryset=model.objects.all(), required=False)


class ActivitySerializer(JsonTypes, serializers.ModelSerializer):
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

    def validate(self, attrs):
        """The page's form validates, so the API accepts exactly what the page does and
        refuses the rest with the same messages (under the API's field names)."""
        attrs.pop("time_zone", None)
        instance = self.instance
        if instance is not None:
            for name in ("actor", "office"):
                if name in attrs and attrs.pop(name) != getattr(instance, name):
                    raise serializers.ValidationError({name: _("The organiser of an activity cannot be changed.")})
        elif bool(attrs.get("actor")) == bool(attrs.get("office")):
            raise serializers.ValidationError({"actor": _("Give either an actor or an office as the organiser.")})
        form = ActivityForm(data=_form_data(attrs, instance), user=self.context["request"].user,
                            instance=Activity.objects.get(pk=instance.pk) if instance else None)  # a copy to clean
        if not form.is_valid():
            errors: dict[str, list[str]] = {}
            for name, messages in form.errors.items():
                errors.setdefault(FORM_TO_API.get(name, name), []).extend(str(m) for m in messages)
            raise serializers.ValidationError(errors)
        return form.activity_data()


# The form asks for a date and times where the API takes `start` and `end`, and for one
# organiser where the API takes an actor or an office: where each form field's errors go.
FORM_TO_API = {"organiser": "actor", "date": "start", "start_time": "start", "end_time": "end", "end_date": "end",
               "repeat": "rrule", "repeat_until": "rrule", "rule": "rrule", "exceptions": "exdates",
               "__all__": "non_field_errors"}


def _form_data(attrs: dict, instance: Activity | None) -> dict:
    """The activity form's input for what the API was sent, on top of what is stored."""
    def current(name):
        if name in attrs:
            return attrs[name]
        if instance is None:  # what a new activity gets when the field is left out
            field = Activity._meta.get_field(name)
            return field.get_default() if field.has_default() else None
        value = getattr(instance, name)
        return [v.pk for v in value.all()] if hasattr(value, "all") else value

    data = {name: current(name) for name in ActivityForm.Meta.fields if name != "image"}
    for name in ("place", "district"):
        data[name] = getattr(data[name], "pk", data[name])
    for name in ("areas", "target_groups", "languages", "sdg_goals"):
        data[name] = [getattr(v, "pk", v) for v in data[name] or []]
    for name in ("capacity", "registration_deadline", "status"):
        data[name] = current(name)
    data["registration_deadline"] = (timezone.localtime(data["registration_deadline"]).strftime("%Y-%m-%d %H:%M")
                                     if data["registration_deadline"] else "")
    start, end = current("start"), current("end")
    if start is not None and end is not None:
        start, end = timezone.localtime(start), timezone.localtime(end)
        data.update({"date": start.date(), "start_time": start.time(), "end_time": end.time(),
                     "end_date": end.date() if end.date() != start.date() else None})
    rule = current("rrule") or ""
    data.update({"repeat": "custom" if rule else "none", "rule": rule,
                 "exceptions": "\n".join(str(d) for d in current("exdates") or [])})
    if instance is None:
        organiser = attrs.get("actor") or attrs.get("office")
        data["organiser"] = f"{'actor' if attrs.get('actor') else 'office'}:{organiser.pk}"
    return {name: value for name, value in data.items() if value is not None}


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
        with transaction.atomic():
            serializer.instance = services.create_activity(by=self.request.user, data=dict(serializer.validated_data))

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


class MeetingPlaceSerializer(JsonTypes, serializers.ModelSerializer):
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
        if owner is not None and owner.pk != getattr(self.instance, "owner_id", None) \
                and not user.has_perm("activities.name_place_owner", owner):
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
