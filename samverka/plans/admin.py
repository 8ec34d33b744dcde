"""The administrator's view of the inventory and the action plans. Changes go through the
services, as on the officials' own pages: the rules are checked and every change is in the
history. Goals, indicators, values and actions are changed on the plan's own pages and read here."""

from django.contrib import admin

from samverka.core.admin import ServiceAdmin, changed_data, copy_saved, refuse
from samverka.core.errors import ActionError

from . import services
from .models import Action, ActionPlan, Goal, Inventory


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class GoalInline(ReadOnlyInline):
    model = Goal
    fields = ["title", "area"]


class ActionInline(ReadOnlyInline):
    model = Action
    fields = ["title", "goal", "owner", "starts_on", "ends_on", "status"]


@admin.register(ActionPlan)
class ActionPlanAdmin(ServiceAdmin):
    list_display = ["title", "office", "first_year", "last_year", "status"]
    list_filter = ["status", "office"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["sdg_goals"]
    fields = ["office", "title", "first_year", "last_year", "summary", "sdg_goals", "status", "slug",
              "published_at", "created_at", "updated_at"]
    readonly_fields = ["status", "slug", "published_at", "created_at", "updated_at"]
    inlines = [GoalInline, ActionInline]

    def save_model(self, request, obj, form, change):
        data = {k: v for k, v in form.cleaned_data.items() if k in services.PLAN_FIELDS}
        try:
            if not change:
                plan = services.create_plan(by=request.user, data=data)
            else:
                plan = ActionPlan.objects.get(pk=obj.pk)
                if changed := {k: v for k, v in changed_data(form).items() if k in services.PLAN_FIELDS}:
                    plan = services.update_plan(by=request.user, plan=plan, data=changed)
        except ActionError as error:
            refuse(request, error)
            if not change:
                return
            plan = ActionPlan.objects.get(pk=obj.pk)
        copy_saved(plan, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Inventory)
class InventoryAdmin(ServiceAdmin):
    list_display = ["office", "area", "contact", "updated_at"]
    list_filter = ["office", "area"]
    fields = ["office", "area", "description", "contact"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            row = services.save_inventory(by=request.user, office=data["office"], area=data["area"],
                                          description=data["description"], contact=data.get("contact"),
                                          row=Inventory.objects.get(pk=obj.pk) if change else None)
        except ActionError as error:
            refuse(request, error)
            return
        copy_saved(row, obj)

    def delete_model(self, request, obj):
        services.delete_inventory(by=request.user, row=obj)

    def delete_queryset(self, request, queryset):
        for row in queryset:
            services.delete_inventory(by=request.user, row=row)
