"""Grant programmes and decision rights in the admin, saved through the services (the rule,
the audit event and the public page's stamp are not skipped)."""

from django.contrib import admin

from samverka.core.admin import RefusalAdmin, copy_saved, refuse
from samverka.core.errors import ActionError

from . import services
from .forms import ProgrammeForm
from .models import Criterion, DecisionRight, GrantProgramme


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["name", "weight"]
    extra = 0


@admin.register(GrantProgramme)
class GrantProgrammeAdmin(RefusalAdmin):
    form = ProgrammeForm
    list_display = ["name", "year", "committee", "kind", "opens_on", "closes_on", "pool"]
    list_filter = ["committee", "year", "kind"]
    search_fields = ["name"]
    inlines = [CriterionInline]

    def save_model(self, request, obj, form, change):
        try:
            saved = services.save_programme(by=request.user, programme=obj if change else None,
                                            data=form.data_for_service())
        except ActionError as error:
            refuse(request, error)
            return
        copy_saved(saved, obj)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "change_refused", False):
            return
        for formset in formsets:
            if formset.model is Criterion:
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
                lines = [services.CriterionLine(name=f.cleaned_data["name"], weight=f.cleaned_data["weight"])
                         for f in formset.forms
                         if f.cleaned_data.get("name") and not f.cleaned_data.get("DELETE")]
                try:
                    services.save_programme(by=request.user, programme=form.instance, data={}, criteria=lines)
                except ActionError as error:
                    refuse(request, error)

    def has_delete_permission(self, request, obj=None):
        return False  # applications and decisions refer to it; a programme is a public record


@admin.register(DecisionRight)
class DecisionRightAdmin(RefusalAdmin):
    list_display = ["user", "committee"]
    list_filter = ["committee"]
    autocomplete_fields = ["user"]

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        right = services.give_decision_right(by=request.user, committee=obj.committee, user=obj.user)
        copy_saved(right, obj)

    def delete_model(self, request, obj):
        services.take_decision_right(by=request.user, right=obj)

    def delete_queryset(self, request, queryset):
        for right in queryset.select_related("committee", "user"):
            services.take_decision_right(by=request.user, right=right)


