from django.contrib import admin

from . import services
from .models import Assignment, HelpKind, HoursLog, Volunteer


@admin.register(HelpKind)
class HelpKindAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        services.save_help_kind(by=request.user, kind=obj)

    def delete_model(self, request, obj):
        services.delete_help_kinds(by=request.user, kinds=obj)

    def delete_queryset(self, request, queryset):
        services.delete_help_kinds(by=request.user, kinds=queryset)


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    fields = ["need", "activity", "role", "status", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["need", "activity"]


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "phone", "status", "confirmed_at", "created_at"]
    list_filter = ["status", "districts", "help_kinds"]
    search_fields = ["name", "email", "phone"]
    raw_id_fields = ["user"]
    filter_horizontal = ["districts", "languages", "help_kinds", "areas"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [AssignmentInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "need", "activity", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["volunteer__name", "need__title", "activity__title"]
    raw_id_fields = ["volunteer", "need", "activity", "created_by"]


@admin.register(HoursLog)
class HoursLogAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "assignment", "date", "hours"]
    date_hierarchy = "date"
    search_fields = ["volunteer__name", "note"]
    raw_id_fields = ["volunteer", "assignment"]
