from django.contrib import admin

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


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    form = MunicipalityForm
    list_display = ["name", "require_two_factor_for_officials"]

    def has_add_permission(self, request):
        return not Municipality.objects.exists()


class OfficeMembershipInline(admin.TabularInline):
    model = OfficeMembership
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "committee", "email"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OfficeMembershipInline]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(District, Area, TargetGroup)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "name_ar", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "position"]
    list_editable = ["position"]


class SdgTargetInline(admin.TabularInline):
    model = SdgTarget
    extra = 0


@admin.register(SdgGoal)
class SdgGoalAdmin(admin.ModelAdmin):
    list_display = ["number", "title_sv", "title_en"]
    inlines = [SdgTargetInline]
