from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from .models import Crisis, ReceivedSignUp


@admin.register(Crisis)
class CrisisAdmin(admin.ModelAdmin):
    """Crises are started and closed on /kris/ (so that the banner follows at once): the
    admin's "add" leads to the start page (/kris/starta/), which calls the crisis service.
    Here an administrator may correct the name, message, offices and retention period."""

    list_display = ["name", "is_active", "started_at", "ended_at", "retention_days", "erased_at"]
    readonly_fields = ["is_active", "started_at", "started_by", "ended_at", "ended_by", "erased_at"]
    filter_horizontal = ["help_kinds", "triage_offices"]
    change_list_template = "admin/crisis/crisis/change_list.html"

    def has_add_permission(self, request):
        return request.user.has_perm("crisis.start_crisis")

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return redirect("crisis:start")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        from .services import forget_active_crisis

        forget_active_crisis()


class PendingFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("waiting", _("waiting for the worker")), ("failed", _("failed: waits for a person")),
                ("done", _("processed"))]

    def queryset(self, request, queryset):
        from .services import MAX_ATTEMPTS

        if self.value() == "waiting":
            return queryset.pending().filter(attempts__lt=MAX_ATTEMPTS)
        if self.value() == "failed":
            return queryset.pending().filter(attempts__gte=MAX_ATTEMPTS)
        if self.value() == "done":
            return queryset.filter(processed_at__isnull=False)
        return queryset


@admin.register(ReceivedSignUp)
class ReceivedSignUpAdmin(admin.ModelAdmin):
    """"I can help" forms as they arrived. The worker makes volunteers of them within
    seconds; one that failed five times waits here (the log says why) to be tried again."""

    list_display = ["pk", "crisis", "received_at", "processed_at", "attempts", "link"]
    list_filter = [PendingFilter, "crisis"]
    readonly_fields = ["crisis", "token", "data", "language", "received_at", "processed_at", "attempts", "link"]
    actions = ["try_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Try the chosen sign-ups again"), permissions=["view"])
    def try_again(self, request, queryset):
        from .services import retry_received

        count = retry_received(by=request.user, ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, _("%(count)s sign-ups will be tried again.") % {"count": count})
