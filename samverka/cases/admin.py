from django.contrib import admin

from . import services
from .models import Case, CaseEvent, Link, LinkParty, LinkRule, RoutingRule, Topic


class RoutingAdmin(admin.ModelAdmin):
    """Saves and deletes go through the cases' services (the rule is checked, the change is
    in the history)."""

    def save_model(self, request, obj, form, change):
        services.save_routing(by=request.user, obj=obj)

    def delete_model(self, request, obj):
        services.delete_routing(by=request.user, objs=obj)

    def delete_queryset(self, request, queryset):
        services.delete_routing(by=request.user, objs=queryset)


@admin.register(Topic)
class TopicAdmin(RoutingAdmin):
    list_display = ["name", "name_en", "slug", "answer_days", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "name_en"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(RoutingAdmin):
    list_display = ["__str__", "topic", "district", "office", "coordinator"]
    list_filter = ["office", "topic"]
    list_select_related = ["topic", "district", "office", "coordinator"]
    autocomplete_fields = ["coordinator"]


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "kind", "by", "from_office", "office", "text"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-mostly: cases are handled on the officials' pages, through the services (which
    keep the timeline and the audit log). Here the administrator can look things up."""

    list_display = ["reference", "kind", "topic", "office", "status", "received_at", "answer_by"]
    list_filter = ["status", "kind", "topic", "office"]
    list_select_related = ["topic", "office"]
    search_fields = ["reference", "name", "email", "phone"]
    date_hierarchy = "received_at"
    inlines = [CaseEventInline]
    readonly_fields = [f.name for f in Case._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LinkPartyInline(admin.TabularInline):
    model = LinkParty
    extra = 0
    fields = ["office", "actor", "joined_at", "left_at", "handlers"]
    autocomplete_fields = ["actor", "handlers"]


class LinkRuleInline(admin.TabularInline):
    model = LinkRule
    extra = 0
    fields = ["topic", "district", "party"]


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    """Links across organisations: parties, named handlers and routing rules. Saves go through
    the services (a party that leaves hands its open cases to the coordinator)."""

    list_display = ["name", "coordinator_office", "answer_days", "active"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["coordinators", "topics"]
    inlines = [LinkPartyInline, LinkRuleInline]

    def save_model(self, request, obj, form, change):
        services.save_link(by=request.user, link=obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is LinkParty:
            for party in formset.save(commit=False):
                services.save_link_party(by=request.user, party=party)
            formset.save_m2m()
            for party in formset.deleted_objects:
                party.delete()
        else:
            formset.save()

    def has_delete_permission(self, request, obj=None):
        return False
