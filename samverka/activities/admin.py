"""The administrator's view of activities, places and featured activities. Every change
made here goes through the services, as on the activities' own pages: it is in the
history, the calendar's cached pages and feeds are renewed, participants are told."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from samverka.core.admin import DeletesThroughService, ServiceAdmin, changed_data, copy_saved, refuse
from samverka.core.errors import ActionError
from samverka.core.uploads import CheckedImageField

from . import recurrence, services
from .models import Activity, Feature, MeetingPlace


class ActivityAdminForm(forms.ModelForm):
    """The model's own checks, and the rule's, before the service stores anything."""

    class Meta:
        model = Activity
        fields = ["actor", "office", "title", "summary", "description", "start", "end", "rrule", "place", "address",
                  "district", "areas", "target_groups", "languages", "sdg_goals", "cost", "is_free", "image",
                  "image_alt", "registration_mode", "capacity", "registration_deadline", "status",
                  "step_free_entry", "hearing_loop", "accessible_toilet", "accessibility_notes"]
        field_classes = {"image": CheckedImageField}  # the same checks as the activity's own pages

    def clean(self):
        data = super().clean()
        start, end = data.get("start", self.instance.start), data.get("end", self.instance.end)
        if start and end and end <= start:
            self.add_error("end" if "end" in self.fields else None,
                           _("The end must be after the start. Check the times and the dates."))
        if "rrule" in self.fields and data.get("rrule") and start:
            try:
                data["rrule"] = recurrence.normalise(data["rrule"])
                recurrence.check(rule=data["rrule"], start=start)
            except recurrence.RecurrenceError as error:
                self.add_error("rrule", str(error))
        if ("actor" in self.fields or "office" in self.fields) and bool(data.get("actor")) == bool(data.get("office")):
            self.add_error("actor", _("Choose either an association or an office as the organiser."))
        return data


@admin.register(MeetingPlace)
class MeetingPlaceAdmin(DeletesThroughService, ServiceAdmin):
    list_display = ["name", "kind", "district", "status"]
    list_filter = ["kind", "status", "district"]
    search_fields = ["name", "address"]
    readonly_fields = ["slug", "status", "proposed_by", "reviewed_by", "reviewed_at", "review_note"]

    def save_model(self, request, obj, form, change):
        data = changed_data(form) if change else dict(form.cleaned_data)
        if change:
            place = services.update_place(by=request.user, place=MeetingPlace.objects.get(pk=obj.pk), data=data)
        else:
            place = services.propose_place(by=request.user, data=data)
        copy_saved(place, obj)

    def delete_through_service(self, request, obj):
        services.delete_place(by=request.user, place=obj)


@admin.register(Activity)
class ActivityAdmin(DeletesThroughService, ServiceAdmin):
    """Dates and rules are changed on the activity's own pages (which check them against
    the registrations); here they are set only when an activity is added."""

    form = ActivityAdminForm
    list_display = ["title", "actor", "office", "start", "status"]
    list_filter = ["status", "registration_mode"]
    search_fields = ["title"]
    raw_id_fields = ["actor", "place"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["slug", "exdates", "moved", "created_by"]
        return ["slug", "start", "end", "rrule", "exdates", "moved", "created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            activity = services.create_activity(by=request.user, data=dict(form.cleaned_data))
            copy_saved(activity, obj)
            return
        data = changed_data(form)
        status = data.pop("status", None)
        activity = Activity.objects.get(pk=obj.pk)
        if data:
            activity = services.update_activity(by=request.user, activity=activity, data=data)
        if status == Activity.Status.PUBLISHED:
            try:
                services.publish_activity(by=request.user, activity=activity)
            except ActionError as error:
                refuse(request, error)
        elif status == Activity.Status.CANCELLED:
            services.cancel_activity(by=request.user, activity=activity)
        elif status == Activity.Status.DRAFT:
            services.update_activity(by=request.user, activity=activity, data={"status": status})
        activity.refresh_from_db()
        copy_saved(activity, obj)

    def delete_through_service(self, request, obj):
        services.delete_activity(by=request.user, activity=obj)


class FeatureAdminForm(forms.ModelForm):
    class Meta:
        model = Feature
        fields = ["activity", "starts_on", "ends_on"]

    def clean_activity(self):
        activity = self.cleaned_data["activity"]
        if activity.status != Activity.Status.PUBLISHED:
            raise forms.ValidationError(_("Only a published activity can be featured."))
        return activity


@admin.register(Feature)
class FeatureAdmin(DeletesThroughService, admin.ModelAdmin):
    """Featuring is added or removed (through the services); a feature is not edited."""

    form = FeatureAdminForm
    list_display = ["activity", "starts_on", "ends_on", "created_by"]
    raw_id_fields = ["activity"]
    readonly_fields = ["created_by"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        feature = services.feature_activity(by=request.user, activity=data["activity"],
                                            starts_on=data["starts_on"], ends_on=data["ends_on"])
        copy_saved(feature, obj)

    def delete_through_service(self, request, obj):
        services.remove_feature(by=request.user, feature=obj)
