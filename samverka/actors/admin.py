from django.contrib import admin

from .models import Actor, ActorMembership, Invitation


class MembershipInline(admin.TabularInline):
    model = ActorMembership
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organisation_number", "status", "verified_at"]
    list_filter = ["kind", "status", "areas"]
    search_fields = ["name", "organisation_number"]
    inlines = [MembershipInline]
    readonly_fields = ["verified_at", "verified_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "actor", "role", "created_at", "accepted_at", "expires_at"]
