"""Matching programmes in the administration: a programme's texts, status and rules, its own
words for what is asked and given, and its coordinators. Every save goes through the
services (the rule, the history, the public pages' stamp). Participants are not here: their
details (some for the coordinators only) are seen on the coordinator's pages, where each
view is logged."""

from django.contrib import admin

from samverka.core.admin import RefusalAdmin, refuse
from samverka.core.errors import ActionError

from . import regional, services
from .models import Choice, Coordinator, Programme, RegionalPartner


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    fields = ["group", "name", "name_en", "name_ar", "position"]


class CoordinatorInline(admin.TabularInline):
    model = Coordinator
    fk_name = "programme"
    extra = 0
    fields = ["user"]
    autocomplete_fields = ["user"]


@admin.register(Programme)
class ProgrammeAdmin(RefusalAdmin):
    list_display = ["name", "kind", "office", "status"]
    list_filter = ["kind", "status"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sdg_goals"]
    inlines = [ChoiceInline, CoordinatorInline]

    def save_model(self, request, obj, form, change):
        # The goals go through the service too (noted in the history); the form's save_m2m
        # afterwards sets the same goals again, which changes nothing.
        related = {"sdg_goals": form.cleaned_data["sdg_goals"]} if "sdg_goals" in form.cleaned_data else None
        services.save_programme(programme=obj, by=request.user, related=related)

    def save_formset(self, request, form, formset, change):
        if formset.model is Choice:
            saved = formset.save(commit=False)
            services.save_choices(programme=form.instance, choices=saved, deleted=formset.deleted_objects,
                                  by=request.user)
        elif formset.model is Coordinator:
            for role in formset.save(commit=False):
                if role.pk is None:
                    services.add_coordinator(programme=form.instance, user=role.user, by=request.user)
            for role in formset.deleted_objects:
                services.remove_coordinator(programme=form.instance, user=role.user, by=request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # a programme is closed (its status), not deleted: its history stays


@admin.register(RegionalPartner)
class RegionalPartnerAdmin(RefusalAdmin):
    """Partner municipalities of regional programmes: their address and public key; when
    their feed was last read and why it was not."""

    list_display = ["name", "base_url", "active", "fetched_at", "error"]
    fields = ["name", "base_url", "public_key", "active", "checked_at", "fetched_at", "error"]
    readonly_fields = ["checked_at", "fetched_at", "error"]

    def save_model(self, request, obj, form, change):
        try:
            regional.save_partner(partner=obj, by=request.user)
        except ActionError as error:
            refuse(request, error)

    def has_delete_permission(self, request, obj=None):
        return False  # made inactive instead: its matches' history stays
