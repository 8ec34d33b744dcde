from django.contrib import admin

from .models import Crisis


@admin.register(Crisis)
class CrisisAdmin(admin.ModelAdmin):
    """Crises are started and closed on /kris/ (so that the banner follows at once); here
    an administrator may correct the name, message, offices and retention period."""

    list_display = ["name", "is_active", "started_at", "ended_at", "retention_days", "erased_at"]
    readonly_fields = ["is_active", "started_at", "started_by", "ended_at", "ended_by", "erased_at"]
    filter_horizontal = ["help_kinds", "triage_offices"]

    def has_add_permission(self, request):
        return False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        from .services import forget_active_crisis

        forget_active_crisis()
