"""Accounts in the administration. Details and roles are changed through the accounts'
services: only administrators give roles, and the history shows who gave whom which role."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from samverka.core.admin import ServiceAdmin, changed_data, copy_saved, refuse
from samverka.core.errors import ActionError

from . import services
from .models import User


@admin.register(User)
class UserAdmin(ServiceAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_superuser", "is_process_leader", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "phone", "phone_verified_at"]}),
        (_("Roles"), {"fields": ["is_active", "is_staff", "is_superuser", "is_process_leader"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    # The person verifies their own number with a code (accounts:phone); a number changed here
    # is not verified (services.change_account).
    readonly_fields = ["phone_verified_at"]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def save_model(self, request, obj, form, change):
        if not change:
            copy_saved(services.create_account(by=request.user, user=obj), obj)
            return
        data = changed_data(form)
        roles = {flag: data.pop(flag) for flag in services.ROLE_FLAGS if flag in data}
        user = User.objects.get(pk=obj.pk)
        if data:
            user = services.change_account(by=request.user, user=user, data=data)
        if roles:
            try:
                user = services.set_roles(by=request.user, user=user, roles=roles)
            except ActionError as error:
                refuse(request, error)
        copy_saved(user, obj)
