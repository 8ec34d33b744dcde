from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Coach, Idea, StepNote, Support


@admin.register(Coach)
class CoachAdmin(admin.ModelAdmin):
    """Coaches are appointed and ended through the services: a coach who leaves gives their
    ideas back to the queue, and both are in the history."""

    list_display = ["__str__", "active", "since", "left_on"]
    list_filter = ["active"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    fields = ["user"]
    actions = ["end"]

    def get_readonly_fields(self, request, obj=None):
        return ["user"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            return
        coach = services.appoint_coach(by=request.user, user=obj.user)
        obj.pk, obj._state.adding = coach.pk, False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("The coach leaves the idea lab (their ideas go back to the queue)"))
    def end(self, request, queryset):
        moved = sum(services.end_coach(by=request.user, coach=coach) for coach in queryset)
        self.message_user(request, ngettext("%(n)d idea went back to the queue.",
                                            "%(n)d ideas went back to the queue.", moved) % {"n": moved},
                          messages.SUCCESS)


class StepNoteInline(admin.TabularInline):
    model = StepNote
    extra = 0
    can_delete = False
    fields = ["date", "from_step", "step", "direction", "note", "by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class SupportInline(admin.TabularInline):
    model = Support
    extra = 0
    can_delete = False
    fields = ["date", "kind", "hours", "text", "by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    """Read-only: ideas are coached on the coaches' pages, through the services (which keep the
    steps, the messages to the author and the history). Here the administrator looks things up."""

    list_display = ["title", "step", "coach", "is_public", "created_at"]
    list_filter = ["step", "is_public"]
    list_select_related = ["coach"]
    search_fields = ["title", "name", "email"]
    date_hierarchy = "created_at"
    inlines = [StepNoteInline, SupportInline]
    readonly_fields = [f.name for f in Idea._meta.fields if f.name not in ("id", "token")] + [
        "districts", "areas", "sdg_goals"]
    exclude = ["token"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.method == "GET" and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False
