from django.contrib import admin

from .models import CapReached, OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "to", "subject", "status", "attempts", "next_attempt_at"]
    list_filter = ["status", "channel"]
    search_fields = ["to", "subject", "idempotency_key"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]


@admin.register(CapReached)
class CapReachedAdmin(admin.ModelAdmin):
    """Every hour a public form reached its cap of messages to typed addresses
    (communication.limits): the administrators also get an e-mail the first time."""

    list_display = ["hour", "purpose", "held_back", "created_at"]
    list_filter = ["purpose"]
    readonly_fields = [f.name for f in CapReached._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
