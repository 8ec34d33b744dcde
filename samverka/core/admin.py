from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect

from .models import AuditEvent


def changed_data(form) -> dict:
    """What the administrator changed in an admin form, for a service's `data=`."""
    data = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
    if data.get("image") is False:  # "Clear" ticked
        data["image"] = None
    return data


def copy_saved(source, target) -> None:
    """Let the admin carry on with what a service saved (its pk, slug, …)."""
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.adding = False


def refuse(request, error) -> None:
    """A service refused the change (ActionError): say why, and let `RefusalAdmin` leave out
    "changed successfully" and show the form again."""
    messages.error(request, str(error))
    request.change_refused = True


class RefusalAdmin(admin.ModelAdmin):
    """An admin whose saves go through services that may refuse them (`refuse(request, error)`):
    after a refusal the administrator is told why, not that the change was saved, and stays
    on the form. A PermissionDenied from a service is the admin's 403 page, nothing saved."""

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "change_refused", False) and level == messages.SUCCESS:
            return
        super().message_user(request, message, level, *args, **kwargs)

    def response_add(self, request, obj, post_url_continue=None):
        if getattr(request, "change_refused", False):
            return HttpResponseRedirect(request.get_full_path())
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if getattr(request, "change_refused", False):
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)


class ServiceAdmin(RefusalAdmin):
    """A ModelAdmin whose form saves only the object: its many-to-many fields go to the
    service with the rest of `data`, so `save_related` saves only the inlines."""

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class DeletesThroughService:
    """An admin that deletes through its app's service, one object at a time, from the
    object's page and from the list's bulk action alike: the subclass names the service in
    `delete_through_service`."""

    def delete_through_service(self, request, obj) -> None:
        raise NotImplementedError

    def delete_model(self, request, obj):
        self.delete_through_service(request, obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_through_service(request, obj)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The history: read, never changed or deleted."""

    list_display = ["created_at", "user_label", "action", "target_label"]
    list_filter = ["action"]
    search_fields = ["user_label", "target_label", "action"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
