from django.contrib import admin

from .models import Activity, Feature, MeetingPlace


@admin.register(MeetingPlace)
class MeetingPlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "district", "status"]
    list_filter = ["kind", "status", "district"]
    search_fields = ["name", "address"]
    readonly_fields = ["proposed_by", "reviewed_by", "reviewed_at"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    """Changes made here skip the services (no occurrences regenerated, nobody told):
    use the activity's own pages for that. Kept for looking things up."""

    list_display = ["title", "actor", "office", "start", "status"]
    list_filter = ["status", "registration_mode"]
    search_fields = ["title"]
    readonly_fields = ["start", "end", "rrule", "exdates", "created_by"]
    raw_id_fields = ["actor", "place"]


@admin.register(Feature)
class FeatureAdmin(admin.ModelAdmin):
    list_display = ["activity", "starts_on", "ends_on", "created_by"]
    raw_id_fields = ["activity"]
