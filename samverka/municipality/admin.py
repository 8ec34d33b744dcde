from django.contrib import admin

from samverka.core.admin import RefusalAdmin

from . import services
from .forms import MunicipalityForm
from .models import (
    Area,
    Committee,
    District,
    Language,
    Municipality,
    Office,
    OfficeMembership,
    SdgGoal,
    SdgTarget,
    TargetGroup,
)


class ConfigurationAdmin(RefusalAdmin):
    """Saves and deletes go through the municipality's services (the rule is checked, the
    change is in the history, pages showing the configuration are rebuilt)."""

    def save_model(self, request, obj, form, change):
        services.save_configuration(by=request.user, obj=obj)

    def delete_model(self, request, obj):
        services.delete_configuration(by=request.user, objs=obj)

    def delete_queryset(self, request, queryset):
        services.delete_configuration(by=request.user, objs=queryset)


@admin.register(Municipality)
class MunicipalityAdmin(ConfigurationAdmin):
    form = MunicipalityForm
    list_display = ["name", "require_two_factor_for_officials"]

    def has_add_permission(self, request):
        return not Municipality.objects.exists()


class OfficeMembershipInline(admin.TabularInline):
    model = OfficeMembership
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Office)
class OfficeAdmin(ConfigurationAdmin):
    list_display = ["name", "committee", "email"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OfficeMembershipInline]

    def save_formset(self, request, form, formset, change):
        """The office's officials: added, changed or removed through the services, so the
        history shows who made whom an official."""
        if formset.model is not OfficeMembership:
            return super().save_formset(request, form, formset, change)
        for membership in formset.save(commit=False):  # new and changed rows
            services.save_official(by=request.user, membership=membership)
        for membership in formset.deleted_objects:
            services.remove_official(by=request.user, membership=membership)


@admin.register(Committee)
class CommitteeAdmin(ConfigurationAdmin):
    list_display = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(District, Area, TargetGroup)
class VocabularyAdmin(ConfigurationAdmin):
    list_display = ["name", "name_en", "name_ar", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Language)
class LanguageAdmin(ConfigurationAdmin):
    list_display = ["name", "name_en", "code", "position"]
    list_editable = ["position"]


class SdgTargetInline(admin.TabularInline):
    model = SdgTarget
    extra = 0


@admin.register(SdgGoal)
class SdgGoalAdmin(ConfigurationAdmin):
    list_display = ["number", "title_sv", "title_en"]
    inlines = [SdgTargetInline]
