from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from samverka.core.admin import DeletesThroughService, ServiceAdmin, changed_data, copy_saved

from . import services
from .models import Crisis, ReceivedSignUp


@admin.register(Crisis)
class CrisisAdmin(DeletesThroughService, ServiceAdmin):
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

    def save_model(self, request, obj, form, change):
        crisis = services.update_crisis(by=request.user, crisis=Crisis.objects.get(pk=obj.pk),
                                        data=changed_data(form))
        copy_saved(crisis, obj)

    def delete_through_service(self, request, obj):
        services.delete_crisis(by=request.user, crisis=obj)


class PendingFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("waiting", _("waiting for the worker")), ("failed", _("failed: waits for a person")),
                ("done", _("processed"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.pending().filter(attempts__lt=services.MAX_ATTEMPTS)
        if self.value() == "failed":
            return queryset.pending().filter(attempts__gte=services.MAX_ATTEMPTS)
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
        count = services.retry_received(by=request.user, ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, _("%(count)s sign-ups will be tried again.") % {"count": count})
